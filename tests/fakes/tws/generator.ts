import { mix32, salt, signed } from './hash.ts';

/**
 * The ground truth of the fake TWS: one 5-second bar per instrument and 5-second slot, computed from
 * (conId, slot) alone — any slot of any year in O(1), in any order, always the same. Every larger bar
 * the fake serves, historical or real-time, is the exact aggregate of these; tick-by-tick trades are
 * four per slot (open, high/low, low/high, close) whose sizes sum to the slot's volume.
 *
 * Prices are integers in "units" of a tenth of the instrument's minimum tick decimal (0.001 for a
 * 0.01 tick), so BID/ASK/MIDPOINT offsets of whole and half ticks stay exact.
 */

/** The generator's view of an instrument. */
export interface PriceModel {
  readonly conId: number;
  /** A typical price, in the instrument's currency. */
  readonly level: number;
  /** Price units per 1.0 of price (10^(decimals of minTick + 1)). */
  readonly unitsPerPrice: number;
  /** The minimum tick in units. */
  readonly stepUnits: number;
  /** Size units per 1 share/contract/coin (10_000 for crypto sold in fractions). */
  readonly sizeScale: number;
  /** Mean volume of a 5-second slot, in size units. */
  readonly volumePer5s: number;
  /** Scales every wave and wiggle of the log price (1 = a stock's usual moves). */
  readonly volatility: number;
}

/** One slot as the fake computes it: prices in units, volume in size units. */
export interface SlotValues {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Σ trade price × trade size (units × size units): VWAP = wapSum / volume. */
  wapSum: number;
}

const SLOT_SECONDS = 5;
/**
 * Octaves of smooth noise on the log price (period in slots, relative amplitude): a year, a month, a
 * day and an hour. They are evaluated on a 5-minute grid only and joined linearly in between, so a
 * slot costs a few multiplications; a 5-minute octave and a per-slot jitter give the fine texture.
 */
const SLOW_OCTAVES: ReadonlyArray<readonly [period: number, amplitude: number]> = [
  [17_280 * 365, 0.22],
  [17_280 * 30, 0.07],
  [17_280, 0.018],
  [720, 0.006],
];
/** The grid (slots) on which the slow octaves are evaluated; also the period of the fast octave. */
const GRID = 60;
const FAST_AMPLITUDE = 0.0022;
/** Position within a grid cell, linear and smoothstepped, per slot of the cell. */
const LINEAR = Float64Array.from({ length: GRID + 1 }, (_, j) => j / GRID);
const SMOOTH = LINEAR.map((f) => f * f * (3 - 2 * f));
const JITTER = 0.0005;
const EXCURSION_TICKS = [0, 0, 1, 2] as const;
/** Sub-second offsets of a slot's four trades, in ms from the slot start. */
export const TRADE_OFFSETS_MS = [500, 1500, 2500, 4000] as const;

/**
 * The price path of one instrument. Pure in what it returns: it remembers the prices of the grid
 * cell it last looked at only so that walking slots in order costs a few multiplications each.
 */
export class PricePath {
  private readonly seed: number;
  private readonly salts: readonly number[];
  private readonly levelSteps: number;
  // The model's numbers, copied: read once per slot in the hottest loop of the fake.
  private readonly step: number;
  private readonly volatility: number;
  private readonly volumeBase: number;
  private readonly volumeSpread: number;
  private cell = -1;
  /** Prices (units) at the start of the slots of grid cell `cell`, and of the next cell's first. */
  private readonly prices = new Float64Array(GRID + 1);
  private readonly highs = new Float64Array(GRID);
  private readonly lows = new Float64Array(GRID);
  private readonly volumes = new Float64Array(GRID);
  private readonly wapSums = new Float64Array(GRID);
  private readonly bits = new Uint32Array(GRID + 1);

  constructor(readonly model: PriceModel) {
    this.seed = mix32(model.conId);
    this.salts = Array.from({ length: 12 }, (_, n) => salt(this.seed, n));
    this.levelSteps = (model.level * model.unitsPerPrice) / model.stepUnits;
    this.step = model.stepUnits;
    this.volatility = model.volatility;
    this.volumeBase = 0.4 * model.volumePer5s;
    this.volumeSpread = (1.2 * model.volumePer5s) / 1_048_576;
  }

  /** exp(slow octaves) × level, in ticks, at grid slot `j`. */
  private slowAt(j: number): number {
    let log = 0;
    for (let o = 0; o < SLOW_OCTAVES.length; o++) {
      const [period, amplitude] = SLOW_OCTAVES[o];
      const c = Math.floor(j / period);
      const f = (j - c * period) / period;
      const a = signed(this.salts[o + 1], c);
      log += amplitude * (a + (signed(this.salts[o + 1], c + 1) - a) * f * f * (3 - 2 * f));
    }
    return this.levelSteps * Math.exp(log * this.volatility);
  }

  /** The traded price (units, a whole number of ticks) at the start of slot `k`. */
  priceAt(k: number): number {
    const cell = Math.floor(k / GRID);
    if (cell !== this.cell) this.fillCell(cell);
    return this.prices[k - cell * GRID];
  }

  /** Slot `k` (time 5k s) as traded: writes into `out` and returns it. */
  slot(k: number, out: SlotValues): SlotValues {
    const cell = Math.floor(k / GRID);
    if (cell !== this.cell) this.fillCell(cell);
    const j = k - cell * GRID;
    out.open = this.prices[j];
    out.high = this.highs[j];
    out.low = this.lows[j];
    out.close = this.prices[j + 1];
    out.volume = this.volumes[j];
    out.wapSum = this.wapSums[j];
    return out;
  }

  /**
   * Slots [k0, k1) folded into one bar, written into `out` (k1 > k0): the same values as folding
   * `slot()` one by one, read straight from the cells — the hot path of history requests.
   */
  foldSlots(k0: number, k1: number, out: SlotValues): SlotValues {
    let [high, low, volume, wapSum] = [-Infinity, Infinity, 0, 0];
    for (let k = k0; k < k1; ) {
      const cell = Math.floor(k / GRID);
      if (cell !== this.cell) this.fillCell(cell);
      const base = cell * GRID;
      const j1 = k1 - base < GRID ? k1 - base : GRID;
      if (k === k0) out.open = this.prices[k - base];
      for (let j = k - base; j < j1; j++) {
        if (this.highs[j] > high) high = this.highs[j];
        if (this.lows[j] < low) low = this.lows[j];
        volume += this.volumes[j];
        wapSum += this.wapSums[j];
      }
      out.close = this.prices[j1];
      k = base + j1;
    }
    [out.high, out.low, out.volume, out.wapSum] = [high, low, volume, wapSum];
    return out;
  }

  /**
   * Every slot of a grid cell at once (a tight loop is what makes a day of minutes cheap): the prices
   * at each slot's start and at the next cell's first — computed with exactly that cell's formula, so
   * a price never depends on which cell was looked at first — then each slot's high, low and trades.
   */
  private fillCell(cell: number): void {
    this.cell = cell;
    const slowFrom = this.slowAt(cell * GRID);
    const slowTo = this.slowAt((cell + 1) * GRID);
    const fastFrom = signed(this.salts[5], cell);
    const fastTo = signed(this.salts[5], cell + 1);
    const base = cell * GRID;
    const step = this.step;
    // One hash per slot: its low 8 bits jitter the slot's opening price, the rest shape the slot.
    for (let j = 0; j <= GRID; j++) this.bits[j] = mix32(Math.imul(base + j, 0x9e3779b1) ^ this.salts[6]);
    for (let j = 0; j <= GRID; j++) {
      const slow = j === GRID ? slowTo : slowFrom + (slowTo - slowFrom) * LINEAR[j];
      const smooth = j === GRID ? fastTo : fastFrom + (fastTo - fastFrom) * SMOOTH[j];
      const fast = FAST_AMPLITUDE * smooth + JITTER * ((this.bits[j] & 0xff) / 128 - 1);
      // Rounded half up by truncation (prices stay far below 2^31 ticks): Math.round is slower here.
      const steps = (slow * (1 + fast * this.volatility) + 0.5) | 0;
      this.prices[j] = (steps < 1 ? 1 : steps) * step;
    }
    for (let j = 0; j < GRID; j++) {
      const open = this.prices[j];
      const close = this.prices[j + 1];
      const bits = this.bits[j] >>> 8;
      // A slot's excursion beyond its open and close: 0, 0, 1 or 2 ticks each way.
      const high = (open > close ? open : close) + EXCURSION_TICKS[bits & 3] * step;
      const under = (open < close ? open : close) - EXCURSION_TICKS[(bits >>> 2) & 3] * step;
      const low = under < step ? step : under;
      // 40% to 160% of the mean, from the hash's top 20 bits; four trades share it, the last takes the rest.
      const rounded = (this.volumeBase + this.volumeSpread * (bits >>> 4) + 0.5) | 0;
      const volume = rounded < 4 ? 4 : rounded;
      const q = volume >>> 2;
      // Trades: open, then low and high (rising slot) or high and low, then close.
      this.highs[j] = high;
      this.lows[j] = low;
      this.volumes[j] = volume;
      this.wapSums[j] = q * (open + low + high) + (volume - 3 * q) * close;
    }
  }

  /** The four trades of slot `k`: time (ms), price (units), size (size units). Sizes sum to the volume. */
  trades(k: number): Array<{ time: number; price: number; size: number }> {
    const s = this.slot(k, emptySlot());
    const q = Math.floor(s.volume / 4);
    const rising = s.close >= s.open;
    const prices = [s.open, rising ? s.low : s.high, rising ? s.high : s.low, s.close];
    const sizes = [q, q, q, s.volume - 3 * q];
    const start = k * SLOT_SECONDS * 1000;
    return prices.map((price, i) => ({ time: start + TRADE_OFFSETS_MS[i], price, size: sizes[i] }));
  }

  /** Quote sizes shown with a trade (size units), for BidAsk ticks. */
  quoteSizes(k: number, tradeIndex: number): [bid: number, ask: number] {
    const bits = mix32(Math.imul(k * 4 + tradeIndex, 0x9e3779b1) ^ this.salts[8]);
    const lot = Math.max(1, Math.round(this.model.volumePer5s / 8));
    return [lot * (1 + (bits & 7)), lot * (1 + ((bits >>> 3) & 7))];
  }
}

export function emptySlot(): SlotValues {
  return { open: 0, high: 0, low: 0, close: 0, volume: 0, wapSum: 0 };
}

export { SLOT_SECONDS };
