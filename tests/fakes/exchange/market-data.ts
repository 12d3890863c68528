import { hash3, mix32, roughGaussian, seededUniform, stringSeed } from './random.ts';
import type { SymbolSpec } from './symbols.ts';

export const MINUTE_MS = 60_000;
/** Octaves of the price path: 2^20 minutes ≈ 2 years, the longest swing it makes. */
const LEVELS = 21;
/** Trade ids are `minutes since origin × 32 + index in the minute` (a minute has at most 30). */
export const IDS_PER_MINUTE = 32;

/** One trade as the fake's ground truth holds it: price in ticks, quantity in lot steps. */
export interface FakeTrade {
  readonly id: number;
  readonly time: number;
  readonly priceTicks: number;
  readonly qtySteps: number;
  /** Binance's `m`: the buyer was the maker, i.e. the taker sold. */
  readonly buyerIsMaker: boolean;
}

export type TradeVisitor = (id: number, time: number, priceTicks: number, qtySteps: number, buyerIsMaker: boolean) => void;

/**
 * The fake's market: trades of symbol S in minute m are a pure function of (S, m), built on a
 * per-minute close series that is itself a pure function of m (a sum of interpolated noise at
 * periods 1, 2, 4, … 2^20 minutes, which wanders like a random walk), so any old minute is computed
 * without walking from the origin. Each minute's trades run from the previous close to this close.
 */
export class FakeMarket {
  readonly originMinute: number;
  private readonly specs: Map<string, SymbolSpec>;
  private readonly seeds = new Map<string, number>();
  private readonly noiseSeeds = new Map<string, Uint32Array>();
  private readonly originNoise = new Map<string, number>();
  /** The last close computed per symbol: a minute's trades need the previous minute's close. */
  private readonly lastClose = new Map<string, { minute: number; ticks: number }>();
  private readonly recentMinutes = new Map<string, readonly FakeTrade[]>();

  constructor(symbols: readonly SymbolSpec[], origin: number) {
    this.originMinute = Math.floor(origin / MINUTE_MS);
    this.specs = new Map(symbols.map((s) => [s.symbol, s]));
    for (const spec of symbols) {
      const seed = stringSeed(spec.symbol);
      this.seeds.set(spec.symbol, seed);
      this.noiseSeeds.set(spec.symbol, levelSeeds(seed));
      this.originNoise.set(spec.symbol, pathNoise(this.noiseSeeds.get(spec.symbol)!, this.originMinute));
    }
  }

  get origin(): number {
    return this.originMinute * MINUTE_MS;
  }

  spec(symbol: string): SymbolSpec | undefined {
    return this.specs.get(symbol);
  }

  allSpecs(): SymbolSpec[] {
    return [...this.specs.values()];
  }

  /** The last trade price of minute `minute` (epoch minutes), in ticks. */
  closeTicks(spec: SymbolSpec, minute: number): number {
    const last = this.lastClose.get(spec.symbol);
    if (last?.minute === minute) return last.ticks;
    const noise = pathNoise(this.noiseSeeds.get(spec.symbol)!, minute) - this.originNoise.get(spec.symbol)!;
    const ticks = Math.max(1, Math.round(spec.startPrice * Math.exp(spec.sigma * noise) * 10 ** spec.tickDecimals));
    this.lastClose.set(spec.symbol, { minute, ticks });
    return ticks;
  }

  /** Every trade of `minute` (epoch minutes), ascending; none before the origin or for a halted market. */
  tradesOfMinute(symbol: string, minute: number): readonly FakeTrade[] {
    const spec = this.specs.get(symbol);
    if (!spec || spec.status !== 'TRADING' || minute < this.originMinute) return [];
    const key = `${symbol}:${minute}`;
    const cached = this.recentMinutes.get(key);
    if (cached) return cached;
    const trades = this.generateMinute(spec, minute);
    // The live ticker and neighbouring requests ask for the same few minutes again and again.
    if (this.recentMinutes.size > 256) this.recentMinutes.clear();
    this.recentMinutes.set(key, trades);
    return trades;
  }

  /** Trades with from ≤ time < to, ascending. */
  tradesBetween(symbol: string, from: number, to: number): FakeTrade[] {
    const out: FakeTrade[] = [];
    const last = Math.floor((to - 1) / MINUTE_MS);
    for (let m = Math.floor(from / MINUTE_MS); m <= last; m++) {
      for (const t of this.tradesOfMinute(symbol, m)) if (t.time >= from && t.time < to) out.push(t);
    }
    return out;
  }

  /**
   * Calls `visit` for each trade of `minute` without building objects: the way long aggregates
   * (a year of daily klines) read millions of trades. A halted market or a minute before the origin has none.
   */
  visitMinute(spec: SymbolSpec, minute: number, visit: TradeVisitor): void {
    if (spec.status !== 'TRADING' || minute < this.originMinute) return;
    const uniform = seededUniform(hash3(this.seeds.get(spec.symbol)!, 0x7ade, minute));
    const count = 3 + Math.floor(uniform() * 28);
    const startTicks = this.closeTicks(spec, minute - 1);
    const endTicks = this.closeTicks(spec, minute);
    const wiggle = Math.max(1, endTicks * 0.00035);
    const firstId = (minute - this.originMinute) * IDS_PER_MINUTE;
    for (let i = 0; i < count; i++) {
      // One trade per slice of the minute: offsets are distinct and ascending by construction.
      const offset = Math.floor(((i + uniform()) * MINUTE_MS) / count);
      const f = (i + 1) / count;
      // A Brownian bridge: free in the middle of the minute, pinned to the close at its last trade.
      const bridge = roughGaussian(uniform) * wiggle * 2 * Math.sqrt(f * (1 - f));
      const priceTicks = Math.max(1, Math.round(startTicks + (endTicks - startTicks) * f + bridge));
      const qtySteps = Math.max(1, Math.round(spec.typicalSteps * Math.exp(0.9 * roughGaussian(uniform))));
      visit(firstId + i, minute * MINUTE_MS + offset, priceTicks, qtySteps, uniform() < 0.5);
    }
  }

  private generateMinute(spec: SymbolSpec, minute: number): FakeTrade[] {
    const trades: FakeTrade[] = [];
    this.visitMinute(spec, minute, (id, time, priceTicks, qtySteps, buyerIsMaker) => trades.push({ id, time, priceTicks, qtySteps, buyerIsMaker }));
    return trades;
  }
}

/** 2^(k/2) × √12: the weight of level k (√12 turns a centred uniform into unit variance). */
const LEVEL_WEIGHTS = Array.from({ length: LEVELS }, (_, k) => 2 ** (k / 2) * Math.sqrt(12));

/** One seed per level, so that a knot's value is two cheap mixes away. */
function levelSeeds(seed: number): Uint32Array {
  return Uint32Array.from({ length: LEVELS }, (_, k) => mix32(seed ^ mix32(k + 0x51ed27)));
}

/**
 * Σ over levels k of 2^(k/2) × noise interpolated between knots every 2^k minutes. Epoch minutes
 * stay below 2^31 until the year 6053, so the bit operations are exact.
 */
function pathNoise(seeds: Uint32Array, minute: number): number {
  let sum = 0;
  for (let k = 0; k < LEVELS; k++) {
    const knot = minute >>> k;
    const f = (minute - knot * (1 << k)) / (1 << k);
    const a = mix32(seeds[k] ^ mix32(knot)) / 4_294_967_296 - 0.5;
    const b = mix32(seeds[k] ^ mix32(knot + 1)) / 4_294_967_296 - 0.5;
    sum += LEVEL_WEIGHTS[k] * (a + (b - a) * f);
  }
  return sum;
}
