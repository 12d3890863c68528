import { bucketOpen, nextBucketOpen, previousBucketOpen } from './intervals.ts';
import { MINUTE_MS, type FakeMarket, type FakeTrade, type TradeVisitor } from './market-data.ts';
import { formatScaled, type SymbolSpec } from './symbols.ts';

const HOUR_MINUTES = 60;

/** What a kline says about the trades in its span: prices in ticks, sizes in steps (exact). */
export interface Aggregate {
  readonly count: number;
  readonly openTicks: number;
  readonly highTicks: number;
  readonly lowTicks: number;
  readonly closeTicks: number;
  readonly volumeSteps: number;
  readonly takerBuySteps: number;
  /** Σ price × qty in the quote asset; a float sum (informational, like Binance's). */
  readonly quoteVolume: number;
  readonly takerBuyQuote: number;
  readonly firstId: number;
  readonly lastId: number;
}

export const EMPTY: Aggregate = {
  count: 0, openTicks: 0, highTicks: 0, lowTicks: 0, closeTicks: 0, volumeSteps: 0, takerBuySteps: 0,
  quoteVolume: 0, takerBuyQuote: 0, firstId: -1, lastId: -1,
};

/** `a` followed by `b` in time. */
export function merge(a: Aggregate, b: Aggregate): Aggregate {
  if (a.count === 0) return b;
  if (b.count === 0) return a;
  return {
    count: a.count + b.count,
    openTicks: a.openTicks,
    highTicks: Math.max(a.highTicks, b.highTicks),
    lowTicks: Math.min(a.lowTicks, b.lowTicks),
    closeTicks: b.closeTicks,
    volumeSteps: a.volumeSteps + b.volumeSteps,
    takerBuySteps: a.takerBuySteps + b.takerBuySteps,
    quoteVolume: a.quoteVolume + b.quoteVolume,
    takerBuyQuote: a.takerBuyQuote + b.takerBuyQuote,
    firstId: a.firstId,
    lastId: b.lastId,
  };
}

/** Sums trades in time order into an aggregate, without allocating per trade. */
export class Accumulator {
  private count = 0;
  private openTicks = 0;
  private highTicks = 0;
  private lowTicks = 0;
  private closeTicks = 0;
  private volumeSteps = 0;
  private takerBuySteps = 0;
  private quoteVolume = 0;
  private takerBuyQuote = 0;
  private firstId = -1;
  private lastId = -1;
  private readonly scale: number;

  constructor(spec: SymbolSpec) {
    this.scale = 10 ** (spec.tickDecimals + spec.stepDecimals);
  }

  /** Bound, so that it can be handed to `FakeMarket.visitMinute` as is. */
  readonly add: TradeVisitor = (id, _time, priceTicks, qtySteps, buyerIsMaker) => {
    if (this.count === 0) {
      this.openTicks = this.highTicks = this.lowTicks = priceTicks;
      this.firstId = id;
    }
    this.count++;
    if (priceTicks > this.highTicks) this.highTicks = priceTicks;
    if (priceTicks < this.lowTicks) this.lowTicks = priceTicks;
    this.closeTicks = priceTicks;
    this.lastId = id;
    this.volumeSteps += qtySteps;
    const quote = (priceTicks * qtySteps) / this.scale;
    this.quoteVolume += quote;
    // Binance's taker-buy volume: the buyer took liquidity, i.e. the buyer was not the maker.
    if (!buyerIsMaker) {
      this.takerBuySteps += qtySteps;
      this.takerBuyQuote += quote;
    }
  };

  result(): Aggregate {
    if (this.count === 0) return EMPTY;
    const { count, openTicks, highTicks, lowTicks, closeTicks, volumeSteps, takerBuySteps, quoteVolume, takerBuyQuote, firstId, lastId } = this;
    return { count, openTicks, highTicks, lowTicks, closeTicks, volumeSteps, takerBuySteps, quoteVolume, takerBuyQuote, firstId, lastId };
  }
}

export function aggregateTrades(spec: SymbolSpec, trades: readonly FakeTrade[]): Aggregate {
  const acc = new Accumulator(spec);
  for (const t of trades) acc.add(t.id, t.time, t.priceTicks, t.qtySteps, t.buyerIsMaker);
  return acc.result();
}

/**
 * Klines of the fake market. Every bucket is the aggregate of exactly the trades the market
 * generates for it, up to the server clock's now; finished hours are cached (they never change:
 * the data is a pure function of time), so long daily histories stay cheap after the first call.
 */
export class KlineBook {
  private readonly hours = new Map<string, Aggregate>();

  constructor(private readonly market: FakeMarket) {}

  /** Aggregate of the trades with from ≤ time < to and time ≤ now (from and to on whole minutes). */
  aggregate(spec: SymbolSpec, from: number, to: number, now: number): Aggregate {
    let agg = EMPTY;
    const endMinute = Math.min(to / MINUTE_MS, Math.floor(now / MINUTE_MS) + 1);
    for (let m = Math.max(from / MINUTE_MS, this.market.originMinute); m < endMinute; ) {
      const wholeHour = m % HOUR_MINUTES === 0 && m + HOUR_MINUTES <= endMinute && (m + HOUR_MINUTES) * MINUTE_MS <= now + 1;
      if (wholeHour) {
        agg = merge(agg, this.hour(spec, m));
        m += HOUR_MINUTES;
      } else {
        const trades = this.market.tradesOfMinute(spec.symbol, m);
        agg = merge(agg, aggregateTrades(spec, trades.filter((t) => t.time <= now)));
        m += 1;
      }
    }
    return agg;
  }

  /**
   * Bucket opens of `interval` to serve, as Binance picks them: from `startTime` forward, or the
   * last `limit` up to `endTime` (or now); only buckets from the origin's up to the open one.
   */
  bucketOpens(interval: string, q: { startTime?: number; endTime?: number; limit: number }, now: number): number[] {
    if (now < this.market.origin) return [];
    const first = bucketOpen(interval, this.market.origin);
    const last = Math.min(bucketOpen(interval, now), q.endTime === undefined ? Infinity : bucketOpen(interval, q.endTime));
    const opens: number[] = [];
    if (q.startTime !== undefined) {
      let open = bucketOpen(interval, q.startTime);
      if (open < q.startTime) open = nextBucketOpen(interval, open);
      for (open = Math.max(open, first); open <= last && opens.length < q.limit; open = nextBucketOpen(interval, open)) opens.push(open);
      return opens;
    }
    for (let open = last; open >= first && opens.length < q.limit; open = previousBucketOpen(interval, open)) opens.push(open);
    return opens.reverse();
  }

  /** The bucket's aggregate; an open bucket without trades yet shows the last price flat, volume 0. */
  bucket(spec: SymbolSpec, interval: string, open: number, now: number): { agg: Aggregate; closeTime: number } {
    const next = nextBucketOpen(interval, open);
    let agg = this.aggregate(spec, open, next, now);
    if (agg.count === 0) {
      const last = this.market.closeTicks(spec, open / MINUTE_MS - 1);
      agg = { ...EMPTY, openTicks: last, highTicks: last, lowTicks: last, closeTicks: last };
    }
    return { agg, closeTime: next - 1 };
  }

  private hour(spec: SymbolSpec, minute: number): Aggregate {
    const key = `${spec.symbol}:${minute}`;
    let agg = this.hours.get(key);
    if (!agg) {
      const acc = new Accumulator(spec);
      for (let m = minute; m < minute + HOUR_MINUTES; m++) this.market.visitMinute(spec, m, acc.add);
      agg = acc.result();
      this.hours.set(key, agg);
    }
    return agg;
  }
}

/** Binance's 12-field kline row. */
export function klineRow(spec: SymbolSpec, open: number, closeTime: number, agg: Aggregate): (number | string)[] {
  const price = (ticks: number) => formatScaled(ticks, spec.tickDecimals);
  const qty = (steps: number) => formatScaled(steps, spec.stepDecimals);
  return [
    open, price(agg.openTicks), price(agg.highTicks), price(agg.lowTicks), price(agg.closeTicks), qty(agg.volumeSteps),
    closeTime, agg.quoteVolume.toFixed(8), agg.count, qty(agg.takerBuySteps), agg.takerBuyQuote.toFixed(8), '0',
  ];
}
