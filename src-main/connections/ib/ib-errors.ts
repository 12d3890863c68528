import { SourceError, type SourceErrorKind } from '../market-data-source.ts';

/**
 * What IB's error codes mean for a trader, and what the supervisor should do about each: the text TWS
 * sends is terse ("HMDS query returned no data"), so the known codes get a sentence of their own and
 * the venue's text after it.
 */
const KNOWN: Readonly<Record<number, { kind: SourceErrorKind; text: string }>> = {
  100: { kind: 'rate-limit', text: 'more than 50 messages a second were sent to TWS' },
  101: { kind: 'request', text: 'the market-data line limit of this account is reached: unsubscribe a symbol or buy more lines' },
  103: { kind: 'request', text: 'a request id was used twice' },
  162: { kind: 'request', text: 'the historical data service refused the request' },
  165: { kind: 'venue', text: 'the historical data service sent a notice' },
  200: { kind: 'request', text: 'IB has no contract matching this symbol' },
  300: { kind: 'request', text: 'no such market-data request' },
  321: { kind: 'request', text: 'TWS found the request invalid' },
  322: { kind: 'venue', text: 'TWS failed to process the request' },
  326: { kind: 'venue', text: 'the client id is in use by another application connected to TWS: choose another client id in the connection settings (retrying in case it is our own previous session)' },
  354: { kind: 'auth', text: 'this account has no market-data subscription for the symbol' },
  366: { kind: 'request', text: 'no historical data query with this id' },
  420: { kind: 'rate-limit', text: 'too many real-time bar requests (pacing)' },
  502: { kind: 'network', text: 'TWS / IB Gateway is not reachable: is it running, with "Enable ActiveX and Socket Clients" on and this port set?' },
  504: { kind: 'network', text: 'not connected to TWS' },
  507: { kind: 'bad-data', text: 'TWS sent a malformed message' },
  1100: { kind: 'network', text: 'TWS lost its connection to IB' },
  2110: { kind: 'network', text: 'TWS lost its connection to IB\'s servers; it restores it by itself' },
  10089: { kind: 'auth', text: 'this account has no market-data subscription for the symbol (delayed data only)' },
  10167: { kind: 'auth', text: 'only delayed market data is available for the symbol' },
  10190: { kind: 'request', text: 'the tick-by-tick line limit of this account is reached: use 5-second bars for live symbols' },
  10197: { kind: 'venue', text: 'no market data during a competing live session (the same user is logged in elsewhere)' },
};

/** After a pacing violation IB wants quiet; its documented identical-request window is 15 s. */
const PACING_RETRY_MS = 15_000;

export function isPacingViolation(code: number, message: string): boolean {
  return code === 162 && /pacing violation/i.test(message);
}

/** "HMDS query returned no data": an empty page (a holiday, a weekend), not a failure. */
export function isNoData(code: number, message: string): boolean {
  return code === 162 && /returned no data|no data/i.test(message);
}

/** The error as the supervisor and the trader should see it. */
export function ibError(code: number, message: string, what: string): SourceError {
  if (isPacingViolation(code, message)) {
    return new SourceError('rate-limit', `IB: ${what}: pacing violation (162): ${message}`, PACING_RETRY_MS);
  }
  const known = KNOWN[code];
  const kind: SourceErrorKind = known?.kind ?? (code >= 500 && code < 600 ? 'network' : 'request');
  const text = known ? `${known.text} (${code}: ${message})` : `error ${code}: ${message}`;
  return new SourceError(kind, `IB: ${what}: ${text}`);
}

/** IB's informational codes: farm connection notices that need no action. */
export function isFarmNotice(code: number): boolean {
  return code === 2104 || code === 2106 || code === 2107 || code === 2108 || code === 2158 || code === 2119;
}
