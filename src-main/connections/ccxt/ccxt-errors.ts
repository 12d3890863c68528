import type { Exchange } from 'ccxt';
import { SourceError, type SourceErrorKind } from '../market-data-source.ts';
import type { CcxtModule } from './ccxt-loader.ts';

/** What the HTTP answer behind a ccxt error said, which ccxt's error classes do not carry. */
interface ResponseFacts {
  readonly status: number;
  readonly retryAfterMs?: number;
}

const factsByError = new WeakMap<object, ResponseFacts>();

/**
 * Wraps the exchange's `handleErrors` so that every failed HTTP answer throws here, with its status
 * and `Retry-After` remembered for {@link toSourceError}, and so that a 2xx answer whose body is
 * not JSON throws `BadResponse` instead of reaching the parsers as a string.
 */
export function installResponseChecks(exchange: Exchange, ccxt: CcxtModule): void {
  const original = exchange.handleErrors.bind(exchange);
  exchange.handleErrors = (code, reason, url, method, headers, body, response, requestHeaders, requestBody) => {
    try {
      const handled = original(code, reason, url, method, headers, body, response, requestHeaders, requestBody);
      if (handled !== undefined) return handled;
      if (code >= 400) exchange.handleHttpStatusCode(code, reason, url, method, body);
      if (code >= 400) throw new (code >= 500 ? ccxt.ExchangeNotAvailable : ccxt.BadRequest)(`${exchange.id} ${method} ${code} ${reason}`);
      if (response === undefined && typeof body === 'string' && body.trim() !== '') {
        throw new ccxt.BadResponse(`${exchange.id} ${method} ${stripQuery(url)} answered ${code} with a body that is not JSON: ${body.slice(0, 60)}`);
      }
      return handled;
    } catch (error) {
      if (typeof error === 'object' && error !== null) factsByError.set(error, { status: code, retryAfterMs: retryAfterMs(headers) });
      throw error;
    }
  };
}

/**
 * A ccxt error as the `SourceError` the supervisor acts on (market-data-source.ts); anything that
 * is not a ccxt error (a bug of ours, an abort) comes back unchanged.
 */
export function toSourceError(ccxt: CcxtModule, venue: string, what: string, error: unknown): unknown {
  if (error instanceof SourceError || !(error instanceof ccxt.BaseError)) return error;
  const facts = factsByError.get(error);
  const status = facts?.status;
  const [kind, label] = classify(ccxt, error, status);
  const http = status !== undefined ? ` (HTTP ${status}${facts?.retryAfterMs !== undefined ? `, retry after ${Math.ceil(facts.retryAfterMs / 1000)} s` : ''})` : '';
  const message = `${venue}: ${what} failed: ${label}${http}: ${sanitize(error.message)}`;
  return new SourceError(kind, message, kind === 'rate-limit' ? facts?.retryAfterMs : undefined, { cause: error });
}

function classify(ccxt: CcxtModule, e: Error, status: number | undefined): [SourceErrorKind, string] {
  // Order matters: RateLimitExceeded, ExchangeNotAvailable and RequestTimeout are NetworkErrors in ccxt.
  if (e instanceof ccxt.RateLimitExceeded || e instanceof ccxt.DDoSProtection) return ['rate-limit', 'rate limited'];
  if ((status !== undefined && status >= 500) || e instanceof ccxt.ExchangeNotAvailable) return ['venue', 'venue unavailable'];
  if (e instanceof ccxt.RequestTimeout) return ['network', 'timed out'];
  if (e instanceof ccxt.BadResponse) return ['bad-data', 'malformed answer'];
  if (e instanceof ccxt.NetworkError) return ['network', 'network error'];
  if (e instanceof ccxt.AuthenticationError) return ['auth', 'refused the keys'];
  if (e instanceof ccxt.BadSymbol) return ['request', 'unknown symbol'];
  if (e instanceof ccxt.BadRequest || e instanceof ccxt.ArgumentsRequired || e instanceof ccxt.NotSupported) return ['request', 'refused the request'];
  return ['venue', 'venue error'];
}

/** `Retry-After` in ms: seconds, or an HTTP date. */
function retryAfterMs(headers: Record<string, unknown> | undefined): number | undefined {
  const raw = headers?.['Retry-After'] ?? headers?.['retry-after'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(String(raw));
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function stripQuery(url: string): string {
  return url.replace(/\?\S*/, '');
}

/**
 * ccxt's message without query strings (where signed requests carry keys and signatures), with
 * anything key-like redacted, and short enough for a log line.
 */
export function sanitize(message: string): string {
  const cleaned = message
    .replace(/(https?|wss?):\/\/[^\s?]+\?\S*/g, (url) => stripQuery(url))
    .replace(/\b(api[-_]?key|secret|signature|password|passphrase|token|x-mbx-apikey)\b(["':=\s]+)[^\s"',&}]+/gi, '$1$2[redacted]');
  return cleaned.length > 300 ? `${cleaned.slice(0, 300)}…` : cleaned;
}
