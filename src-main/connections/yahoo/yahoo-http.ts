import type { z } from 'zod';
import { SourceError } from '../market-data-source.ts';
import { ErrorBodySchema } from './yahoo.schema.ts';

export interface YahooHttpOptions {
  /** A request with no complete answer after this long fails as 'network'. */
  readonly timeoutMs: number;
  /** Now in ms, to turn a Retry-After date into a wait. */
  readonly now: () => number;
}

export interface YahooGet<S extends z.ZodType> {
  readonly url: URL;
  readonly schema: S;
  /** What was asked, for messages: "the ORCL 1d chart", "a search for \"oracle\"". */
  readonly what: string;
  /** The message for a 404 (the chart API's answer to an unknown symbol). */
  readonly notFound: string;
}

// Yahoo answers scripts that send no browser-like User-Agent with 429s sooner; saying who we are
// in a Mozilla-compatible form is what other keyless clients do.
const USER_AGENT = 'Mozilla/5.0 (compatible; Candlewick; +https://github.com/candlewick)';

/**
 * One GET, validated at the edge. Every way it can fail becomes one SourceError of the kind the
 * supervisor needs (429 → rate-limit, 5xx → venue, unreachable or slow → network, not JSON or not
 * the expected shape → bad-data, other 4xx → request); nothing is retried here. Cancellation by
 * the caller's signal is not a failure and rethrows the signal's reason.
 */
export async function getYahooJson<S extends z.ZodType>(
  get: YahooGet<S>,
  options: YahooHttpOptions,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const unreachable = (error: unknown): unknown => {
    if (signal?.aborted) return signal.reason;
    if (timeout.aborted) return new SourceError('network', `Yahoo did not answer ${get.what} within ${options.timeoutMs} ms`);
    return new SourceError('network', `Could not reach Yahoo at ${get.url.origin} for ${get.what}: ${networkCause(error)}`, undefined, { cause: error });
  };

  let text: string;
  let response: Response;
  try {
    response = await fetch(get.url, { signal: combined, headers: { accept: 'application/json', 'user-agent': USER_AGENT } });
    text = await response.text();
  } catch (error) {
    throw unreachable(error);
  }
  if (!response.ok) throw statusError(response, text, get, options.now());

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const excerpt = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    throw new SourceError('bad-data', `Yahoo sent ${get.what} that is not JSON (${(error as Error).message}): "${excerpt}"`);
  }
  const parsed = get.schema.safeParse(json);
  if (!parsed.success) {
    throw new SourceError('bad-data', `Yahoo sent ${get.what} in an unexpected shape: ${describeIssue(parsed.error.issues[0]!)}`);
  }
  return parsed.data;
}

function statusError(response: Response, body: string, get: YahooGet<z.ZodType>, now: number): SourceError {
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'), now);
    const after = wait === undefined ? '' : `; it asks to wait ${Math.ceil(wait / 1000)} s`;
    return new SourceError('rate-limit', `Yahoo is limiting our requests (${status}) for ${get.what}${after}`, wait);
  }
  if (response.status >= 500) return new SourceError('venue', `Yahoo answered ${status} for ${get.what}`);
  const reason = yahooDescription(body);
  if (response.status === 404) return new SourceError('request', `${get.notFound}${reason ? ` (${reason})` : ''}`);
  return new SourceError('request', `Yahoo refused ${get.what} (${status})${reason ? `: ${reason}` : ''}`);
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Yahoo's own words from an error body, when it sent any. */
function yahooDescription(body: string): string | null {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(body));
    if (!parsed.success) return null;
    const error = parsed.data.chart?.error ?? parsed.data.finance?.error;
    return error ? (error.description ?? error.code) : null;
  } catch {
    return null;
  }
}

/** `chart.result[0].timestamp[3]: Invalid input: expected number, received string`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
  return `${path || 'the whole answer'}: ${issue.message}`;
}

/** Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
