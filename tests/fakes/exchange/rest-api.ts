import { isInterval } from './intervals.ts';
import { klineRow, type KlineBook } from './klines.ts';
import { IDS_PER_MINUTE, MINUTE_MS, type FakeMarket, type FakeTrade } from './market-data.ts';
import { exchangeInfoSymbol, formatScaled, type SymbolSpec } from './symbols.ts';

/** A Binance error answer: HTTP 400 with `{ code, msg }` (codes as Binance documents them). */
export class BinanceError extends Error {
  constructor(readonly code: number, readonly msg: string, readonly status = 400) {
    super(msg);
  }
}

export interface RestContext {
  readonly market: FakeMarket;
  readonly book: KlineBook;
  readonly now: number;
  readonly weightLimit: number;
}

type Handler = (q: URLSearchParams, ctx: RestContext) => unknown;

/** The public spot endpoints ccxt's binance uses for markets, klines and trades. */
export const ROUTES: Readonly<Record<string, Handler>> = {
  '/api/v3/ping': () => ({}),
  '/api/v3/time': (_q, ctx) => ({ serverTime: ctx.now }),
  '/api/v3/exchangeInfo': exchangeInfo,
  '/api/v3/klines': klines,
  '/api/v3/aggTrades': aggTrades,
  '/api/v3/trades': recentTrades,
};

function exchangeInfo(q: URLSearchParams, ctx: RestContext): unknown {
  let specs = ctx.market.allSpecs();
  const one = q.get('symbol');
  const many = q.get('symbols');
  if (one !== null || many !== null) {
    const wanted = one !== null ? [one] : parseSymbolList(many!);
    specs = wanted.map((s) => requireSymbol(ctx, s));
  }
  return {
    timezone: 'UTC',
    serverTime: ctx.now,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: ctx.weightLimit },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200_000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61_000 },
    ],
    exchangeFilters: [],
    symbols: specs.map(exchangeInfoSymbol),
  };
}

function klines(q: URLSearchParams, ctx: RestContext): unknown {
  const spec = requireSymbol(ctx, mandatory(q, 'symbol'));
  const interval = mandatory(q, 'interval');
  if (!isInterval(interval)) throw new BinanceError(-1120, 'Invalid interval.');
  const limit = limitParam(q, 500, 1000);
  const startTime = intParam(q, 'startTime');
  const endTime = intParam(q, 'endTime');
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
    throw new BinanceError(-1023, 'Start time is greater than end time.');
  }
  if (spec.status !== 'TRADING') return [];
  const opens = ctx.book.bucketOpens(interval, { startTime, endTime, limit }, ctx.now);
  return opens.map((open) => {
    const { agg, closeTime } = ctx.book.bucket(spec, interval, open, ctx.now);
    return klineRow(spec, open, closeTime, agg);
  });
}

function aggTrades(q: URLSearchParams, ctx: RestContext): unknown {
  const spec = requireSymbol(ctx, mandatory(q, 'symbol'));
  const limit = limitParam(q, 500, 1000);
  const fromId = intParam(q, 'fromId');
  const startTime = intParam(q, 'startTime');
  const endTime = intParam(q, 'endTime');
  if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) {
    throw new BinanceError(-1128, 'Combination of optional parameters invalid.');
  }
  if (startTime !== undefined && endTime !== undefined && endTime - startTime > 3_600_000) {
    throw new BinanceError(-1127, 'More than 1 hours between startTime and endTime.');
  }
  let trades: FakeTrade[];
  if (fromId !== undefined) {
    trades = forwardFrom(ctx, spec, ctx.market.originMinute + Math.floor(fromId / IDS_PER_MINUTE), limit, (t) => t.id >= fromId);
  } else if (startTime !== undefined || endTime !== undefined) {
    const from = startTime ?? endTime! - 3_600_000;
    const to = endTime ?? from + 3_600_000;
    trades = forwardFrom(ctx, spec, Math.floor(from / MINUTE_MS), limit, (t) => t.time >= from && t.time <= to, to);
  } else {
    trades = latest(ctx, spec, limit);
  }
  return trades.map((t) => ({
    a: t.id, p: price(spec, t), q: qty(spec, t), f: t.id, l: t.id, T: t.time, m: t.buyerIsMaker, M: true,
  }));
}

function recentTrades(q: URLSearchParams, ctx: RestContext): unknown {
  const spec = requireSymbol(ctx, mandatory(q, 'symbol'));
  const limit = limitParam(q, 500, 1000);
  return latest(ctx, spec, limit).map((t) => ({
    id: t.id, price: price(spec, t), qty: qty(spec, t),
    quoteQty: ((t.priceTicks * t.qtySteps) / 10 ** (spec.tickDecimals + spec.stepDecimals)).toFixed(8),
    time: t.time, isBuyerMaker: t.buyerIsMaker, isBestMatch: true,
  }));
}

/** Trades from `minute` on that pass `keep`, up to now (and `until`), at most `limit`. */
function forwardFrom(ctx: RestContext, spec: SymbolSpec, minute: number, limit: number, keep: (t: FakeTrade) => boolean, until = Infinity): FakeTrade[] {
  const out: FakeTrade[] = [];
  const lastMinute = Math.floor(Math.min(ctx.now, until) / MINUTE_MS);
  for (let m = Math.max(minute, ctx.market.originMinute); m <= lastMinute && out.length < limit; m++) {
    for (const t of ctx.market.tradesOfMinute(spec.symbol, m)) {
      if (t.time <= ctx.now && keep(t) && out.length < limit) out.push(t);
    }
  }
  return out;
}

/** The most recent `limit` trades up to now, ascending. */
function latest(ctx: RestContext, spec: SymbolSpec, limit: number): FakeTrade[] {
  const out: FakeTrade[] = [];
  for (let m = Math.floor(ctx.now / MINUTE_MS); m >= ctx.market.originMinute && out.length < limit; m--) {
    const minute = ctx.market.tradesOfMinute(spec.symbol, m).filter((t) => t.time <= ctx.now);
    out.unshift(...minute.slice(Math.max(0, minute.length - (limit - out.length))));
  }
  return out;
}

const price = (spec: SymbolSpec, t: FakeTrade) => formatScaled(t.priceTicks, spec.tickDecimals);
const qty = (spec: SymbolSpec, t: FakeTrade) => formatScaled(t.qtySteps, spec.stepDecimals);

function requireSymbol(ctx: RestContext, symbol: string): SymbolSpec {
  const spec = ctx.market.spec(symbol);
  if (!spec) throw new BinanceError(-1121, 'Invalid symbol.');
  return spec;
}

function mandatory(q: URLSearchParams, name: string): string {
  const value = q.get(name);
  if (value === null || value === '') {
    throw new BinanceError(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
  }
  return value;
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const value = q.get(name);
  if (value === null) return undefined;
  if (!/^[0-9]{1,20}$/.test(value)) {
    throw new BinanceError(-1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
  }
  return Number(value);
}

function limitParam(q: URLSearchParams, fallback: number, max: number): number {
  const limit = intParam(q, 'limit') ?? fallback;
  if (limit < 1 || limit > max) throw new BinanceError(-1130, `Data sent for parameter 'limit' is not valid (1 to ${max}).`);
  return limit;
}

function parseSymbolList(text: string): string[] {
  try {
    const list: unknown = JSON.parse(text);
    if (Array.isArray(list) && list.every((s) => typeof s === 'string')) return list;
  } catch {
    // fall through to Binance's answer for a malformed list
  }
  throw new BinanceError(-1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
}
