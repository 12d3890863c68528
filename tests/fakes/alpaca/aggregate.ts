import type { AlpacaTrade } from './trade-generator.ts';
import type { AlpacaSymbolSpec } from './symbols.ts';

/**
 * What a bar says about the trades in its span, in exact integers: prices in ticks, sizes in steps,
 * and Σ price × size in tick-steps (below 2^53 for any span the fake serves, so sums are exact and
 * merging minute aggregates gives the same numbers as aggregating their trades at once).
 */
export interface Aggregate {
  readonly count: number;
  readonly openTicks: number;
  readonly highTicks: number;
  readonly lowTicks: number;
  readonly closeTicks: number;
  readonly volumeSteps: number;
  readonly notionalTickSteps: number;
}

export const EMPTY: Aggregate = { count: 0, openTicks: 0, highTicks: 0, lowTicks: 0, closeTicks: 0, volumeSteps: 0, notionalTickSteps: 0 };

/** The aggregate of trades given in time order. */
export function aggregateTrades(trades: readonly AlpacaTrade[]): Aggregate {
  if (trades.length === 0) return EMPTY;
  let high = trades[0].priceTicks;
  let low = high;
  let volume = 0;
  let notional = 0;
  for (const t of trades) {
    if (t.priceTicks > high) high = t.priceTicks;
    if (t.priceTicks < low) low = t.priceTicks;
    volume += t.sizeSteps;
    notional += t.priceTicks * t.sizeSteps;
  }
  return {
    count: trades.length, openTicks: trades[0].priceTicks, highTicks: high, lowTicks: low,
    closeTicks: trades[trades.length - 1].priceTicks, volumeSteps: volume, notionalTickSteps: notional,
  };
}

/** Folds trades given in time order into an aggregate without keeping them. */
export class Accumulator {
  private count = 0;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;
  private notional = 0;

  add(t: AlpacaTrade): void {
    if (this.count === 0) {
      this.open = this.high = this.low = t.priceTicks;
    } else {
      if (t.priceTicks > this.high) this.high = t.priceTicks;
      if (t.priceTicks < this.low) this.low = t.priceTicks;
    }
    this.close = t.priceTicks;
    this.count++;
    this.volume += t.sizeSteps;
    this.notional += t.priceTicks * t.sizeSteps;
  }

  result(): Aggregate {
    if (this.count === 0) return EMPTY;
    return { count: this.count, openTicks: this.open, highTicks: this.high, lowTicks: this.low, closeTicks: this.close, volumeSteps: this.volume, notionalTickSteps: this.notional };
  }
}

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
    notionalTickSteps: a.notionalTickSteps + b.notionalTickSteps,
  };
}

/** A bar as Alpaca's JSON carries it, with the values as numbers (t left to the caller's encoding). */
export interface BarValues {
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
  readonly n: number;
  readonly vw: number;
}

/** Ticks → dollars, sizes → units; vw = Σ(p × s) / Σ s, computed from the exact integer sums. */
export function barValues(spec: AlpacaSymbolSpec, agg: Aggregate): BarValues {
  const price = 10 ** spec.priceDecimals;
  const size = 10 ** spec.sizeDecimals;
  return {
    o: agg.openTicks / price,
    h: agg.highTicks / price,
    l: agg.lowTicks / price,
    c: agg.closeTicks / price,
    v: agg.volumeSteps / size,
    n: agg.count,
    vw: agg.notionalTickSteps / agg.volumeSteps / price,
  };
}

export function tradePrice(spec: AlpacaSymbolSpec, trade: AlpacaTrade): number {
  return trade.priceTicks / 10 ** spec.priceDecimals;
}

export function tradeSize(spec: AlpacaSymbolSpec, trade: AlpacaTrade): number {
  return trade.sizeSteps / 10 ** spec.sizeDecimals;
}
