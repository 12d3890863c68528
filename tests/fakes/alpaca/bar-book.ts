import { Accumulator, aggregateTrades, EMPTY, merge, type Aggregate } from './aggregate.ts';
import { inSession, sessionAtOrAfter, sessionAtOrBefore, NEW_YORK, type Zone } from './market-hours.ts';
import type { AlpacaSymbolSpec } from './symbols.ts';
import { bucketOpen, nextBucketOpen, type Timeframe } from './timeframes.ts';
import { filterFeed, tradeMs, type AlpacaMarket, type Feed } from './trade-generator.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MAX_CACHED = 200_000;

export type SortOrder = 'asc' | 'desc';

/** Which bars a history request asks for: opens in [start, end], none after `now`. */
export interface BarRange {
  readonly start: number;
  readonly end: number;
  readonly now: number;
}

export interface BarsPage {
  readonly bars: readonly { readonly open: number; readonly agg: Aggregate }[];
  /** Where the next page starts (a bar open), or null when the range is exhausted. */
  readonly cursor: number | null;
}

/**
 * History bars: the exact aggregates of the trades history serves (stocks: regular session; `iex`:
 * the IEX venue only). Bars of any timeframe merge minute aggregates; finished minutes and UTC days
 * are cached, so long spans are computed once.
 */
export class BarBook {
  private minutes = new Map<string, Aggregate>();
  private days = new Map<string, Aggregate>();

  constructor(private readonly market: AlpacaMarket) {}

  /** Bars nearest the start of the range (or its end for `desc`), at most `limit`, from `cursor` on. */
  page(spec: AlpacaSymbolSpec, tf: Timeframe, feed: Feed, range: BarRange, sort: SortOrder, limit: number, cursor?: number): BarsPage {
    const zone: Zone = spec.assetClass === 'crypto' ? 'UTC' : NEW_YORK;
    const lo = Math.max(range.start, this.market.originSecond * 1000);
    const hi = Math.min(range.end, range.now);
    const intraday = tf.unit === 'Min' || tf.unit === 'Hour';
    const skipClosed = spec.assetClass === 'us_equity' && intraday;
    const bars: { open: number; agg: Aggregate }[] = [];
    if (sort === 'asc') {
      let open = bucketOpen(tf, Math.max(lo, cursor ?? lo), zone);
      if (open < lo) open = nextBucketOpen(tf, open, zone);
      while (open <= hi) {
        const next = nextBucketOpen(tf, open, zone);
        const session = skipClosed ? sessionAtOrAfter(open) : open;
        if (session >= next) {
          open = bucketOpen(tf, session, zone);
          continue;
        }
        const agg = this.span(spec, feed, open, Math.min(next, range.now + 1));
        if (agg.count > 0) bars.push({ open, agg });
        if (bars.length === limit) return { bars, cursor: next <= hi ? next : null };
        open = next;
      }
      return { bars, cursor: null };
    }
    let open = bucketOpen(tf, Math.min(hi, cursor ?? hi), zone);
    while (open >= lo) {
      const next = nextBucketOpen(tf, open, zone);
      const session = skipClosed ? sessionAtOrBefore(next - 1) : open;
      if (session < open) {
        open = bucketOpen(tf, session, zone);
        continue;
      }
      const agg = this.span(spec, feed, open, Math.min(next, range.now + 1));
      if (agg.count > 0) bars.push({ open, agg });
      const previous = bucketOpen(tf, open - 1, zone);
      if (bars.length === limit) return { bars, cursor: previous >= lo ? previous : null };
      open = previous;
    }
    return { bars, cursor: null };
  }

  /** The aggregate of history trades with from ≤ time < to (ms; `to` may cut a minute short). */
  span(spec: AlpacaSymbolSpec, feed: Feed, from: number, to: number): Aggregate {
    let agg = EMPTY;
    let t = from;
    while (t < to) {
      if (t % DAY_MS === 0 && t + DAY_MS <= to) {
        agg = merge(agg, this.day(spec, feed, t / DAY_MS));
        t += DAY_MS;
      } else if (t % MINUTE_MS === 0 && t + MINUTE_MS <= to) {
        agg = merge(agg, this.minute(spec, feed, t / MINUTE_MS));
        t += MINUTE_MS;
      } else {
        // A partial minute: the one `now` is in, or a range edge that is not minute-aligned.
        const stop = Math.min(to, Math.floor(t / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
        agg = merge(agg, aggregateTrades(this.tradesBetween(spec, feed, t, stop)));
        t = stop;
      }
    }
    return agg;
  }

  /** History trades with from ≤ time < to (ms), ascending. */
  tradesBetween(spec: AlpacaSymbolSpec, feed: Feed, from: number, to: number) {
    const out = [];
    for (let s = Math.floor(from / 1000); s * 1000 < to; s++) {
      for (const trade of this.market.historyTrades(spec.symbol, s, feed)) {
        const ms = tradeMs(trade);
        if (ms >= from && ms < to) out.push(trade);
      }
    }
    return out;
  }

  /** The whole minute `minute` (epoch minutes) of history. */
  minute(spec: AlpacaSymbolSpec, feed: Feed, minute: number): Aggregate {
    if (spec.assetClass === 'us_equity' && !inSession(minute * MINUTE_MS)) return EMPTY;
    const key = `${spec.symbol}|${feed}|${minute}`;
    const cached = this.minutes.get(key);
    if (cached) return cached;
    const acc = new Accumulator();
    for (let s = minute * 60; s < minute * 60 + 60; s++) for (const t of this.market.historyTrades(spec.symbol, s, feed)) acc.add(t);
    const agg = acc.result();
    if (this.minutes.size >= MAX_CACHED) this.minutes = new Map();
    this.minutes.set(key, agg);
    return agg;
  }

  private day(spec: AlpacaSymbolSpec, feed: Feed, utcDay: number): Aggregate {
    const key = `${spec.symbol}|${feed}|${utcDay}`;
    const cached = this.days.get(key);
    if (cached) return cached;
    let agg = EMPTY;
    for (let m = utcDay * 1440; m < utcDay * 1440 + 1440; m++) agg = merge(agg, this.minute(spec, feed, m));
    if (this.days.size >= MAX_CACHED) this.days = new Map();
    this.days.set(key, agg);
    return agg;
  }
}

/** The aggregate of every trade (any hour, the feed's venues) in one minute: what the live stream's bar holds. */
export function liveMinute(market: AlpacaMarket, spec: AlpacaSymbolSpec, feed: Feed, minute: number): Aggregate {
  const acc = new Accumulator();
  for (let s = minute * 60; s < minute * 60 + 60; s++) for (const t of filterFeed(spec, market.tradesOfSecond(spec.symbol, s), feed)) acc.add(t);
  return acc.result();
}
