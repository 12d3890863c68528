import { SourceError } from '../market-data-source.ts';

/**
 * The SDK's failures as the supervisor needs them. The SDK's own retries and rate limiter are off
 * (the supervisor owns both), so every failure arrives here once: ApiError subclasses carry the HTTP
 * status, a FetchError (no status) is the network.
 */
export function alpacaError(error: unknown, what: string): SourceError {
  if (error instanceof SourceError) return error;
  const e = error as { status?: number; message?: string; name?: string; response?: { headers?: { get(name: string): string | null } } };
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const detail = e?.message ?? String(error);
  if (status === undefined) {
    const aborted = e?.name === 'AbortError' || /abort/i.test(detail);
    return new SourceError('network', `Alpaca: ${what}: ${aborted ? 'no answer in time' : detail}`, undefined, { cause: error });
  }
  if (status === 429) {
    const reset = Number(e.response?.headers?.get('x-ratelimit-reset'));
    const wait = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
    return new SourceError('rate-limit', `Alpaca: ${what}: too many requests (429)`, wait, { cause: error });
  }
  if (status === 401) return new SourceError('auth', `Alpaca: ${what}: the API key was refused (401): check the key id and secret`, undefined, { cause: error });
  if (status === 403) {
    // 403 is both "wrong environment for these keys" and "your plan does not include this feed".
    const feed = /subscription|sip/i.test(detail);
    return new SourceError(feed ? 'request' : 'auth', `Alpaca: ${what}: ${feed ? 'the data plan does not include this (choose the IEX feed)' : 'forbidden (403): keys of the other environment (paper / live)?'} — ${detail}`, undefined, { cause: error });
  }
  if (status >= 500) return new SourceError('venue', `Alpaca: ${what}: server error ${status}: ${detail}`, undefined, { cause: error });
  return new SourceError('request', `Alpaca: ${what}: ${detail} (${status})`, undefined, { cause: error });
}
