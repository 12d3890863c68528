import { barValues, tradePrice, tradeSize, type Aggregate } from './aggregate.ts';
import type { BarBook } from './bar-book.ts';
import { encodePageToken, historyParams, timeframeParam, type HistoryParams, type ParamContext } from './data-params.ts';
import { rfc3339Nano } from './market-hours.ts';
import type { AlpacaSymbolSpec, AssetClass } from './symbols.ts';
import { tradesPage } from './trade-pages.ts';
import type { AlpacaMarket, AlpacaTrade } from './trade-generator.ts';

export interface DataContext {
  readonly market: AlpacaMarket;
  readonly book: BarBook;
  readonly now: number;
  readonly sipSubscription: boolean;
}

/** A matched market-data endpoint. */
export interface DataRoute {
  readonly assetClass: AssetClass;
  /** Crypto data needs no keys on Alpaca; stock data does. */
  readonly needsAuth: boolean;
  handle(q: URLSearchParams, ctx: DataContext): unknown;
}

const CRYPTO_LOCATIONS = new Set(['us', 'us-1', 'eu-1']);

/** The market-data endpoints the fake serves, by path; null for any other path. */
export function dataRoute(path: string): DataRoute | null {
  const stock = /^\/v2\/stocks\/(?:([^/]+)\/)?(bars|trades)$/.exec(path);
  if (stock) {
    const symbol = stock[1] === undefined ? undefined : decodeURIComponent(stock[1]);
    const kind = stock[2];
    return { assetClass: 'us_equity', needsAuth: true, handle: (q, ctx) => (kind === 'bars' ? bars(q, ctx, 'us_equity', symbol) : trades(q, ctx, 'us_equity', symbol)) };
  }
  const crypto = /^\/v1beta3\/crypto\/([^/]+)\/(bars|trades)$/.exec(path);
  if (crypto && CRYPTO_LOCATIONS.has(crypto[1])) {
    const kind = crypto[2];
    return { assetClass: 'crypto', needsAuth: false, handle: (q, ctx) => (kind === 'bars' ? bars(q, ctx, 'crypto') : trades(q, ctx, 'crypto')) };
  }
  return null;
}

function bars(q: URLSearchParams, ctx: DataContext, assetClass: AssetClass, pathSymbol?: string): unknown {
  const paramCtx: ParamContext = { now: ctx.now, assetClass, sipSubscription: ctx.sipSubscription };
  const tf = timeframeParam(q);
  const params = historyParams(q, paramCtx, pathSymbol);
  const pages = collect(params, ctx, (spec, limit, cursor) => {
    if (params.feed === 'none') return { items: [], cursor: null };
    const page = ctx.book.page(spec, tf, params.feed, { start: params.start, end: params.end, now: ctx.now }, params.sort, limit, cursor);
    return { items: page.bars.map((b) => barJson(spec, b.open, b.agg)), cursor: page.cursor };
  });
  return respond('bars', pages, params, pathSymbol, q);
}

function trades(q: URLSearchParams, ctx: DataContext, assetClass: AssetClass, pathSymbol?: string): unknown {
  const paramCtx: ParamContext = { now: ctx.now, assetClass, sipSubscription: ctx.sipSubscription };
  const params = historyParams(q, paramCtx, pathSymbol);
  const pages = collect(params, ctx, (spec, limit, cursor) => {
    if (params.feed === 'none') return { items: [], cursor: null };
    const page = tradesPage(ctx.market, spec, params.feed, { start: params.start, end: params.end, now: ctx.now }, params.sort, limit, cursor);
    return { items: page.trades.map((t) => tradeJson(spec, t)), cursor: page.cursor };
  });
  return respond('trades', pages, params, pathSymbol, q);
}

type PageOf = (spec: AlpacaSymbolSpec, limit: number, cursor?: number) => { items: unknown[]; cursor: number | null };

/**
 * Fills one page across symbols, sorted by symbol and then time (as Alpaca does): the first symbols
 * can use up the whole limit, and the token says where the next page resumes.
 */
function collect(params: HistoryParams, ctx: DataContext, pageOf: PageOf): { bySymbol: Map<string, unknown[]>; token: string | null } {
  const bySymbol = new Map<string, unknown[]>();
  let left = params.limit;
  const startAt = params.page ? params.symbols.findIndex((s) => s >= params.page!.symbol) : 0;
  if (startAt < 0) return { bySymbol, token: null };
  for (let i = startAt; i < params.symbols.length; i++) {
    const symbol = params.symbols[i];
    if (left === 0) return { bySymbol, token: encodePageToken(symbol) };
    const spec = ctx.market.spec(symbol);
    if (!spec) continue;
    const cursor = params.page && params.page.symbol === symbol ? params.page.cursor : undefined;
    const page = pageOf(spec, left, cursor);
    if (page.items.length > 0) bySymbol.set(symbol, page.items);
    left -= page.items.length;
    if (page.cursor !== null) return { bySymbol, token: encodePageToken(symbol, page.cursor) };
  }
  return { bySymbol, token: null };
}

function respond(key: 'bars' | 'trades', pages: { bySymbol: Map<string, unknown[]>; token: string | null }, params: HistoryParams, pathSymbol: string | undefined, q: URLSearchParams): unknown {
  const currency = q.get('currency');
  const extra = currency ? { currency } : {};
  if (pathSymbol !== undefined) {
    // A single-symbol answer with nothing in range carries `null`, not an empty list.
    return { [key]: pages.bySymbol.get(pathSymbol) ?? null, symbol: pathSymbol, next_page_token: pages.token, ...extra };
  }
  return { [key]: Object.fromEntries(pages.bySymbol), next_page_token: pages.token, ...extra };
}

/** A bar as Alpaca's REST sends it. */
export function barJson(spec: AlpacaSymbolSpec, open: number, agg: Aggregate): Record<string, unknown> {
  return { t: rfc3339Nano(open / 1000, 0), ...barValues(spec, agg) };
}

/** A trade as Alpaca's REST sends it (stocks: venue, conditions, tape; crypto: taker side). */
export function tradeJson(spec: AlpacaSymbolSpec, t: AlpacaTrade): Record<string, unknown> {
  const common = { t: rfc3339Nano(t.epochSecond, t.nanos), p: tradePrice(spec, t), s: tradeSize(spec, t), i: t.id };
  if (spec.assetClass === 'crypto') return { ...common, tks: t.takerSide };
  return { ...common, x: t.exchange, c: t.conditions, z: t.tape };
}
