import type { SortOrder } from './bar-book.ts';
import { NEW_YORK, zonedTime, zoneParts, type Zone } from './market-hours.ts';
import type { AssetClass } from './symbols.ts';
import { parseTimeframe, type Timeframe } from './timeframes.ts';
import type { Feed } from './trade-generator.ts';

/** An error answer of the fake, sent as `{ code, message }` (or `{ message }` when code is null). */
export class AlpacaError extends Error {
  constructor(readonly status: number, readonly code: number | null, message: string) {
    super(message);
  }

  get body(): Record<string, unknown> {
    return this.code === null ? { message: this.message } : { code: this.code, message: this.message };
  }
}

const invalid = (message: string) => new AlpacaError(400, 40010001, message);
const unprocessable = (message: string) => new AlpacaError(422, 42210000, message);

export const SIP_REFUSAL = 'subscription does not permit querying recent SIP data';
const SIP_DELAY_MS = 15 * 60_000;
export const MAX_LIMIT = 10_000;

/** A history request's common parameters, checked the way Alpaca checks them. */
export interface HistoryParams {
  readonly symbols: readonly string[];
  /** `sip` or `iex` for stocks (`otc`/`boats` serve nothing here); `sip` (all trades) for crypto, which has no feeds. */
  readonly feed: Feed | 'none';
  readonly start: number;
  readonly end: number;
  readonly limit: number;
  readonly sort: SortOrder;
  readonly page: { readonly symbol: string; readonly cursor?: number } | null;
}

export interface ParamContext {
  readonly now: number;
  readonly assetClass: AssetClass;
  readonly sipSubscription: boolean;
}

/** Parses and checks a history query; `pathSymbol` is the `{symbol}` of a single-symbol path. */
export function historyParams(q: URLSearchParams, ctx: ParamContext, pathSymbol?: string): HistoryParams {
  const symbols = pathSymbol !== undefined ? [pathSymbol] : symbolList(q.get('symbols'));
  for (const s of symbols) checkSymbol(s, ctx.assetClass);
  const feed = feedParam(q.get('feed'), ctx);
  const zone: Zone = ctx.assetClass === 'crypto' ? 'UTC' : NEW_YORK;
  const today = zoneParts(ctx.now, zone);
  const start = timeParam(q, 'start') ?? zonedTime(zone, today.year, today.month, today.day);
  const end = timeParam(q, 'end') ?? ctx.now;
  if (end < start) throw unprocessable('end should not be before start');
  if (ctx.assetClass === 'us_equity' && feed === 'sip' && !ctx.sipSubscription && end > ctx.now - SIP_DELAY_MS) throw new AlpacaError(403, null, SIP_REFUSAL);
  const adjustment = q.get('adjustment');
  if (adjustment !== null && !adjustment.split(',').every((a) => ['raw', 'split', 'dividend', 'spin-off', 'all'].includes(a))) {
    throw invalid(`invalid adjustment: "${adjustment}"`);
  }
  const sort = q.get('sort') ?? 'asc';
  if (sort !== 'asc' && sort !== 'desc') throw invalid(`invalid sort: "${sort}" (asc or desc)`);
  return { symbols, feed, start, end, limit: limitParam(q.get('limit')), sort, page: pageToken(q.get('page_token')) };
}

/** The `timeframe` of a bars request: 400 when missing, 422 when Alpaca would not accept it. */
export function timeframeParam(q: URLSearchParams): Timeframe {
  const text = q.get('timeframe');
  if (text === null || text === '') throw invalid('timeframe is required');
  const tf = parseTimeframe(text);
  if (!tf) throw unprocessable(`invalid timeframe: "${text}" (use [1-59]Min, [1-23]Hour, 1Day, 1Week or [1,2,3,4,6,12]Month)`);
  return tf;
}

/** The opaque `next_page_token`: base64 of `symbol;cursor` (cursor empty for "from the start"). */
export function encodePageToken(symbol: string, cursor?: number): string {
  return Buffer.from(`${symbol};${cursor ?? ''}`).toString('base64');
}

function pageToken(text: string | null): HistoryParams['page'] {
  if (text === null || text === '') return null;
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  const match = /^([^;]+);(-?[0-9]*)$/.exec(decoded);
  if (!match) throw invalid(`invalid page token: "${text}"`);
  return { symbol: match[1], cursor: match[2] === '' ? undefined : Number(match[2]) };
}

function symbolList(text: string | null): string[] {
  if (text === null || text.trim() === '') throw invalid('symbols is required');
  return [...new Set(text.split(',').map((s) => s.trim()))].sort();
}

function checkSymbol(symbol: string, assetClass: AssetClass): void {
  const ok = assetClass === 'crypto' ? /^[A-Z0-9]{1,10}\/[A-Z0-9]{1,10}$/.test(symbol) : /^[A-Z][A-Z0-9.]{0,10}$/.test(symbol);
  if (!ok) throw invalid(`invalid symbol: "${symbol}"`);
}

function feedParam(text: string | null, ctx: ParamContext): HistoryParams['feed'] {
  if (ctx.assetClass === 'crypto') return 'sip';
  // Without `feed` Alpaca picks the best feed the subscription allows.
  if (text === null || text === '') return ctx.sipSubscription ? 'sip' : 'iex';
  if (text === 'iex' || text === 'sip') return text;
  if (text === 'otc' || text === 'boats') return 'none';
  throw invalid(`invalid feed: "${text}" (iex, sip, otc or boats)`);
}

/** RFC 3339 (`2024-01-02T15:04:05Z`, offsets and fractions allowed) or a date (`2024-01-02`, midnight UTC). */
function timeParam(q: URLSearchParams, name: string): number | undefined {
  const text = q.get(name);
  if (text === null || text === '') return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const ms = ok ? Date.parse(text.replace(/(\.\d{3})\d+/, '$1')) : NaN;
  if (!Number.isFinite(ms)) throw invalid(`invalid ${name}: "${text}" (RFC 3339, e.g. 2024-01-02T15:04:05Z, or a date)`);
  return ms;
}

function limitParam(text: string | null): number {
  if (text === null || text === '') return 1000;
  if (!/^-?[0-9]+$/.test(text)) throw invalid(`invalid limit: "${text}"`);
  const limit = Number(text);
  if (limit < 1) throw unprocessable(`invalid limit: ${limit} (must be at least 1)`);
  if (limit > MAX_LIMIT) throw unprocessable(`invalid limit: ${limit} (exceeds the maximum of ${MAX_LIMIT})`);
  return limit;
}
