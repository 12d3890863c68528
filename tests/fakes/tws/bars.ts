import { emptySlot, SLOT_SECONDS, type PricePath, type SlotValues } from './generator.ts';
import type { Instrument } from './instruments.ts';
import type { DayNumber } from './time-zone.ts';

/** The series a bar request can ask for (`whatToShow`). */
export const WHAT_TO_SHOW = ['TRADES', 'MIDPOINT', 'BID', 'ASK', 'BID_ASK', 'ADJUSTED_LAST'] as const;
export type WhatToShow = (typeof WHAT_TO_SHOW)[number];

/**
 * A bar in the generator's integer units: prices in price units (BID_ASK's time averages may be
 * fractional), volume in size units. Series without trades have volume, wapSum and count of -1.
 */
export interface UnitBar {
  /** Start of its first 5-second slot, ms. */
  time: number;
  /** The trade date, for daily and longer bars. */
  day: DayNumber;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wapSum: number;
  count: number;
  /** How many 5-second slots it folds (weights BID_ASK's time averages when bars are folded again). */
  slots: number;
}

export const SLOT_MS = SLOT_SECONDS * 1000;

/** Where a series sits relative to the traded price: bid a tick under, ask two over, midpoint between. */
export function seriesOffsetUnits(instrument: Instrument, what: WhatToShow): number {
  const step = instrument.model.stepUnits;
  switch (what) {
    case 'BID':
      return -step;
    case 'ASK':
      return 2 * step;
    case 'MIDPOINT':
      return step / 2;
    default:
      return 0;
  }
}

export const hasTrades = (what: WhatToShow) => what === 'TRADES' || what === 'ADJUSTED_LAST';

/**
 * Folds slots into one bar; BID_ASK keeps IB's meaning: time-average bid, max ask, min bid,
 * time-average ask. Plain numeric fields: this is the hot loop of every history request.
 */
export class Accumulator {
  private readonly slot = emptySlot();
  private readonly path: PricePath;
  private readonly offset: number;
  private readonly step: number;
  private readonly bidAsk: boolean;
  private readonly trades: boolean;
  private n = 0;
  private time = 0;
  private day = 0;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;
  private wapSum = 0;

  constructor(instrument: Instrument, what: WhatToShow) {
    this.path = instrument.path;
    this.offset = seriesOffsetUnits(instrument, what);
    this.step = instrument.model.stepUnits;
    this.bidAsk = what === 'BID_ASK';
    this.trades = hasTrades(what);
  }

  /** Adds slot `k` (time 5k s) of trade date `day`. */
  add(k: number, day: DayNumber): void {
    const s = this.path.slot(k, this.slot);
    let open = s.open + this.offset;
    let high = s.high + this.offset;
    let low = s.low + this.offset;
    let close = s.close + this.offset;
    if (this.bidAsk) {
      const mid = (s.open + s.close) / 2;
      [open, high, low, close] = [mid - this.step, s.high + 2 * this.step, s.low - this.step, mid + 2 * this.step];
    }
    if (this.n === 0) {
      [this.time, this.day, this.open, this.high, this.low, this.close] = [k * SLOT_MS, day, open, high, low, close];
      [this.volume, this.wapSum] = [s.volume, s.wapSum];
    } else {
      if (high > this.high) this.high = high;
      if (low < this.low) this.low = low;
      if (this.bidAsk) {
        this.open += open;
        this.close += close;
      } else this.close = close;
      this.volume += s.volume;
      this.wapSum += s.wapSum;
    }
    this.n++;
  }

  take(): UnitBar | null {
    const n = this.n;
    if (n === 0) return null;
    this.n = 0;
    const averaged = this.bidAsk ? n : 1;
    return {
      time: this.time, day: this.day, open: this.open / averaged, high: this.high, low: this.low, close: this.close / averaged,
      volume: this.trades ? this.volume : -1, wapSum: this.trades ? this.wapSum : -1, count: this.trades ? 4 * n : -1, slots: n,
    };
  }
}

/** The bar of one 5-second slot (what a real-time bar carries). */
export function slotBar(instrument: Instrument, what: WhatToShow, slotMs: number): UnitBar {
  const acc = new Accumulator(instrument, what);
  acc.add(slotMs / SLOT_MS, 0);
  return acc.take()!;
}

/**
 * Slots [k0, k1) of a series folded onto `into` (or into a new bar starting at slot k0, of trade date
 * `day`): the fast path for every series but BID_ASK, whose averages need the slots one by one.
 */
export function foldSegment(instrument: Instrument, what: WhatToShow, k0: number, k1: number, into: UnitBar | null, day: DayNumber, scratch: SlotValues): UnitBar {
  const part = instrument.path.foldSlots(k0, k1, scratch);
  const shift = seriesOffsetUnits(instrument, what);
  const trades = hasTrades(what);
  const slots = k1 - k0;
  if (into === null) {
    return {
      time: k0 * SLOT_MS, day, open: part.open + shift, high: part.high + shift, low: part.low + shift, close: part.close + shift, slots,
      volume: trades ? part.volume : -1, wapSum: trades ? part.wapSum : -1, count: trades ? 4 * slots : -1,
    };
  }
  into.high = Math.max(into.high, part.high + shift);
  into.low = Math.min(into.low, part.low + shift);
  into.close = part.close + shift;
  into.slots += slots;
  if (trades) [into.volume, into.wapSum, into.count] = [into.volume + part.volume, into.wapSum + part.wapSum, into.count + 4 * slots];
  return into;
}
