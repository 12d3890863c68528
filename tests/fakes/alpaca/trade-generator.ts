import { hash3, mix32, roughGaussian, seededUniform, stringSeed } from '../exchange/random.ts';
import { inSession } from './market-hours.ts';
import type { AlpacaSymbolSpec } from './symbols.ts';

/** One trade, the fake's ground truth. Prices in integer ticks, sizes in integer steps. */
export interface AlpacaTrade {
  readonly symbol: string;
  /** Unique per symbol: `epochSecond × 8 + index in the second`. */
  readonly id: number;
  readonly epochSecond: number;
  /** Nanoseconds into the second (0 … 999 999 999), ascending within the second. */
  readonly nanos: number;
  readonly priceTicks: number;
  readonly sizeSteps: number;
  /** Exchange code: `V` is IEX (the only venue of the free `iex` feed); crypto trades say `CBSE`. */
  readonly exchange: string;
  readonly conditions: readonly string[];
  readonly tape: string;
  /** Crypto only: the taker's side. */
  readonly takerSide?: 'B' | 'S';
}

/** Which trades a feed carries: `iex` only the IEX venue's, `sip` (and crypto) all. */
export type Feed = 'iex' | 'sip';

/** Most trades one second can hold (ids leave room for 8). */
const MAX_PER_SECOND = 6;
/** Octaves of the per-minute price path: 2^20 minutes ≈ 2 years is the longest swing. */
const LEVELS = 21;
/** Prices are measured from this minute (2016-01-01T00:00Z), so they do not depend on the origin option. */
const REFERENCE_MINUTE = Date.UTC(2016, 0, 1) / 60_000;
const OTHER_VENUES = ['Q', 'N', 'P', 'Z', 'K', 'D', 'J', 'Y'];
const LEVEL_WEIGHTS = Array.from({ length: LEVELS }, (_, k) => 2 ** (k / 2) * Math.sqrt(12));

/** The trade's time in ms since the epoch (the nanoseconds truncated). */
export function tradeMs(trade: AlpacaTrade): number {
  return trade.epochSecond * 1000 + Math.floor(trade.nanos / 1e6);
}

/**
 * The fake's market. The trades of symbol S in second s are a pure function of (S, s): their count,
 * venues, sizes and prices are hashed from (S, s), and the price runs between per-minute anchors
 * that are themselves a pure function of (S, minute) — a sum of noise interpolated at periods of
 * 1, 2, 4 … 2^20 minutes, which wanders like a random walk — so any second is computed on its own.
 */
export class AlpacaMarket {
  readonly originSecond: number;
  private readonly specs: Map<string, AlpacaSymbolSpec>;
  private readonly seeds = new Map<string, { base: number; levels: Uint32Array; reference: number; countCdf: Float64Array }>();
  /** The last anchors computed per symbol: consecutive seconds share the same two. */
  private readonly lastAnchor = new Map<string, { minute: number; ticks: number }[]>();

  constructor(specs: readonly AlpacaSymbolSpec[], origin: number) {
    this.originSecond = Math.ceil(origin / 1000);
    this.specs = new Map(specs.map((s) => [s.symbol, s]));
    for (const spec of specs) {
      const base = stringSeed(spec.symbol);
      const levels = Uint32Array.from({ length: LEVELS }, (_, k) => mix32(base ^ mix32(k + 0x51ed27)));
      this.seeds.set(spec.symbol, { base, levels, reference: pathNoise(levels, REFERENCE_MINUTE), countCdf: poissonCdf(spec.tradesPerSecond) });
      this.lastAnchor.set(spec.symbol, []);
    }
  }

  spec(symbol: string): AlpacaSymbolSpec | undefined {
    return this.specs.get(symbol);
  }

  allSpecs(): AlpacaSymbolSpec[] {
    return [...this.specs.values()];
  }

  /**
   * Every trade of `symbol` in `epochSecond`, on all venues and at any hour (the live stream serves
   * them all; history keeps only regular-session ones, see `historyTrades`). None before the origin
   * or for an inactive asset.
   */
  tradesOfSecond(symbol: string, epochSecond: number): AlpacaTrade[] {
    const spec = this.specs.get(symbol);
    if (!spec || spec.status !== 'active' || epochSecond < this.originSecond) return [];
    const seeds = this.seeds.get(symbol)!;
    const h = hash3(seeds.base, 0x5ec0d, epochSecond);
    // Most seconds of a quiet symbol have no trade: decide that from the hash alone, cheaply.
    const count = countFromCdf(seeds.countCdf, h / 4_294_967_296);
    if (count === 0) return [];
    const uniform = seededUniform(h ^ 0x2545f491);
    const minute = Math.floor(epochSecond / 60);
    const from = this.anchorTicks(spec, minute - 1);
    const to = this.anchorTicks(spec, minute);
    // A Brownian bridge between the anchors: free mid-minute, pinned to the anchor at its end.
    const f = (epochSecond - minute * 60 + 1) / 60;
    const wiggle = Math.max(1, to * 0.0003) * 2 * Math.sqrt(f * (1 - f));
    const level = from + (to - from) * f + roughGaussian(uniform) * wiggle;
    const trades: AlpacaTrade[] = [];
    let nanos = 0;
    for (let i = 0; i < count; i++) {
      // Distinct ascending offsets: each trade takes a slice of what is left of the second.
      nanos += 1 + Math.floor(uniform() * ((1e9 - nanos - (count - i)) / (count - i)));
      const priceTicks = Math.max(1, Math.round(level + roughGaussian(uniform) * Math.max(1, to * 0.00005)));
      trades.push(this.trade(spec, epochSecond, i, nanos, priceTicks, uniform));
    }
    return trades;
  }

  /** The trades history serves: regular session only for stocks, and only the IEX venue's for `iex`. */
  historyTrades(symbol: string, epochSecond: number, feed: Feed): AlpacaTrade[] {
    const spec = this.specs.get(symbol);
    if (!spec) return [];
    if (spec.assetClass === 'us_equity' && !inSession(epochSecond * 1000)) return [];
    return filterFeed(spec, this.tradesOfSecond(symbol, epochSecond), feed);
  }

  /** The per-minute price anchor in ticks (the price path's value at the end of `minute`). */
  anchorTicks(spec: AlpacaSymbolSpec, minute: number): number {
    const recent = this.lastAnchor.get(spec.symbol)!;
    for (const a of recent) if (a.minute === minute) return a.ticks;
    const seeds = this.seeds.get(spec.symbol)!;
    const noise = pathNoise(seeds.levels, minute) - seeds.reference;
    const ticks = Math.max(1, Math.round(spec.startPrice * Math.exp(spec.sigma * noise) * 10 ** spec.priceDecimals));
    // Neighbouring seconds ask for the same two anchors again and again: keep the last three.
    recent.unshift({ minute, ticks });
    if (recent.length > 3) recent.pop();
    return ticks;
  }

  private trade(spec: AlpacaSymbolSpec, epochSecond: number, index: number, nanos: number, priceTicks: number, uniform: () => number): AlpacaTrade {
    const id = epochSecond * 8 + index;
    if (spec.assetClass === 'crypto') {
      const sizeSteps = Math.max(1, Math.round(spec.typicalSteps * Math.exp(1.1 * roughGaussian(uniform))));
      return { symbol: spec.symbol, id, epochSecond, nanos, priceTicks, sizeSteps, exchange: 'CBSE', conditions: [], tape: '', takerSide: uniform() < 0.5 ? 'B' : 'S' };
    }
    const roundLot = uniform() < 0.6;
    const sizeSteps = roundLot ? 100 * (1 + Math.floor(uniform() * 5)) : 1 + Math.floor(uniform() * 99);
    const exchange = uniform() < 0.3 ? 'V' : OTHER_VENUES[Math.floor(uniform() * OTHER_VENUES.length)];
    return { symbol: spec.symbol, id, epochSecond, nanos, priceTicks, sizeSteps, exchange, conditions: roundLot ? ['@'] : ['@', 'I'], tape: spec.tape };
  }
}

/** Keeps what `feed` carries: the IEX venue's trades for `iex`; everything for `sip` and crypto. */
export function filterFeed(spec: AlpacaSymbolSpec, trades: AlpacaTrade[], feed: Feed): AlpacaTrade[] {
  if (spec.assetClass === 'crypto' || feed === 'sip') return trades;
  return trades.filter((t) => t.exchange === 'V');
}

/** P(count ≤ k) of a Poisson(λ), for k = 0 … MAX_PER_SECOND - 1 (the rest of the mass goes to the cap). */
function poissonCdf(lambda: number): Float64Array {
  const cdf = new Float64Array(MAX_PER_SECOND);
  let p = Math.exp(-lambda);
  let cumulative = p;
  for (let k = 0; k < MAX_PER_SECOND; k++) {
    cdf[k] = cumulative;
    p *= lambda / (k + 1);
    cumulative += p;
  }
  return cdf;
}

/** A Poisson draw by inverting its CDF at `u`, capped at MAX_PER_SECOND. */
function countFromCdf(cdf: Float64Array, u: number): number {
  let k = 0;
  while (k < MAX_PER_SECOND && u > cdf[k]) k++;
  return k;
}

/** Σ over levels k of 2^(k/2) × noise interpolated between knots every 2^k minutes. */
function pathNoise(seeds: Uint32Array, minute: number): number {
  let sum = 0;
  for (let k = 0; k < LEVELS; k++) {
    const knot = Math.floor(minute / 2 ** k);
    const f = (minute - knot * 2 ** k) / 2 ** k;
    const a = mix32(seeds[k] ^ mix32(knot)) / 4_294_967_296 - 0.5;
    const b = mix32(seeds[k] ^ mix32(knot + 1)) / 4_294_967_296 - 0.5;
    sum += LEVEL_WEIGHTS[k] * (a + (b - a) * f);
  }
  return sum;
}
