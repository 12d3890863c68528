import { emptySlot, SLOT_SECONDS } from './generator.ts';
import type { Instrument } from './instruments.ts';

/**
 * The fake's ground truth in plain prices, for tests to compute expected bars and ticks on their own:
 * a test folds these 5-second bars by hand and compares with what came over the wire. It shares the
 * price path with the server and nothing else (no aggregation, no formatting, no wire code).
 */
export interface FiveSecondBar {
  /** Epoch seconds of the slot start. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Shares / contracts / coins; -1 for series without trades (MIDPOINT, BID, ASK). */
  readonly volume: number;
  /** Σ(price × size) over the slot's trades, in price × size (VWAP = wapSum / volume); -1 without trades. */
  readonly wapSum: number;
  /** Trades in the slot (4), or -1 without trades. */
  readonly count: number;
}

export type Series = 'TRADES' | 'MIDPOINT' | 'BID' | 'ASK';

/** Half-ticks above the traded price, per series: bid one tick under, ask two over, midpoint half over. */
const HALF_TICKS: Record<Series, number> = { TRADES: 0, MIDPOINT: 1, BID: -2, ASK: 4 };

export function fiveSecondBar(instrument: Instrument, series: Series, epochSeconds: number): FiveSecondBar {
  if (epochSeconds % SLOT_SECONDS !== 0) throw new Error(`${epochSeconds} is not the start of a 5-second slot`);
  const m = instrument.model;
  const s = instrument.path.slot(epochSeconds / SLOT_SECONDS, emptySlot());
  const shift = (HALF_TICKS[series] * m.stepUnits) / 2;
  const price = (units: number) => (units + shift) / m.unitsPerPrice;
  const traded = series === 'TRADES';
  return {
    time: epochSeconds,
    open: price(s.open),
    high: price(s.high),
    low: price(s.low),
    close: price(s.close),
    volume: traded ? s.volume / m.sizeScale : -1,
    wapSum: traded ? s.wapSum / (m.unitsPerPrice * m.sizeScale) : -1,
    count: traded ? 4 : -1,
  };
}

export interface Trade {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly price: number;
  readonly size: number;
}

/** The four trades of a slot, in order; they fold to exactly `fiveSecondBar(…, 'TRADES', …)`. */
export function tradesOfSlot(instrument: Instrument, epochSeconds: number): Trade[] {
  const m = instrument.model;
  return instrument.path.trades(epochSeconds / SLOT_SECONDS).map((t) => ({ time: t.time, price: t.price / m.unitsPerPrice, size: t.size / m.sizeScale }));
}
