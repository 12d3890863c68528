import { bucketStart, parseTimeframe, timeframeMs, type Timeframe } from '../../src-shared/domain/timeframe.ts';

/** One bar as it leaves the builder: `time` is its open time (ms, UTC); `trades` how many trades it holds. */
export interface LiveBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  trades: number;
}

export const CHANGED_OPEN = 1;
export const CHANGED_HIGH = 2;
export const CHANGED_LOW = 4;
export const CHANGED_CLOSE = 8;
export const CHANGED_VOLUME = 16;
const CHANGED_ALL = 31;

/**
 * A bar under construction, reused in place so the hot path allocates nothing. Open and close follow
 * trade timestamps, not arrival: the open is the price of the earliest-timestamped trade, the close
 * that of the latest; on equal timestamps the earlier arrival opens and the later arrival closes.
 */
export class BarAccumulator {
  start = 0;
  end = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  trades = 0;
  /** Timestamps of the trades behind `open` and `close`, so out-of-order trades land correctly. */
  firstTime = 0;
  lastTime = 0;

  /** Empties the bar and moves it to the period [start, end). */
  reset(start: number, end: number): void {
    this.start = start;
    this.end = end;
    this.trades = 0;
    this.volume = 0;
  }

  /** Adds one trade; returns which fields changed (the CHANGED_* bits), all of them on the first trade. */
  addTrade(time: number, price: number, size: number): number {
    if (this.trades === 0) {
      this.open = this.high = this.low = this.close = price;
      this.firstTime = this.lastTime = time;
      this.volume = size;
      this.trades = 1;
      return CHANGED_ALL;
    }
    let changed = 0;
    if (price > this.high) {
      this.high = price;
      changed |= CHANGED_HIGH;
    }
    if (price < this.low) {
      this.low = price;
      changed |= CHANGED_LOW;
    }
    if (time < this.firstTime) {
      this.firstTime = time;
      if (this.open !== price) changed |= CHANGED_OPEN;
      this.open = price;
    }
    if (time >= this.lastTime) {
      this.lastTime = time;
      if (this.close !== price) changed |= CHANGED_CLOSE;
      this.close = price;
    }
    if (size !== 0) {
      this.volume += size;
      changed |= CHANGED_VOLUME;
    }
    this.trades++;
    return changed;
  }

  /** Rolls a completed bar of a lower timeframe into this one (the same rules as for one trade). */
  addBar(bar: BarAccumulator): void {
    if (bar.trades === 0) return;
    if (this.trades === 0) {
      this.open = bar.open;
      this.high = bar.high;
      this.low = bar.low;
      this.close = bar.close;
      this.firstTime = bar.firstTime;
      this.lastTime = bar.lastTime;
      this.volume = bar.volume;
      this.trades = bar.trades;
      return;
    }
    if (bar.high > this.high) this.high = bar.high;
    if (bar.low < this.low) this.low = bar.low;
    if (bar.firstTime < this.firstTime) {
      this.firstTime = bar.firstTime;
      this.open = bar.open;
    }
    if (bar.lastTime >= this.lastTime) {
      this.lastTime = bar.lastTime;
      this.close = bar.close;
    }
    this.volume += bar.volume;
    this.trades += bar.trades;
  }

  copyFrom(other: BarAccumulator): void {
    this.reset(other.start, other.end);
    this.addBar(other);
  }

  writeTo(out: LiveBar): LiveBar {
    out.time = this.start;
    out.open = this.open;
    out.high = this.high;
    out.low = this.low;
    out.close = this.close;
    out.volume = this.volume;
    out.trades = this.trades;
    return out;
  }
}

export function emptyLiveBar(): LiveBar {
  return { time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, trades: 0 };
}

/** The period [start, end) of timeframe `tf` holding `timeMs`; calendar months end on the next 1st (UTC). */
export function periodOf(timeMs: number, tf: Timeframe): { start: number; end: number } {
  const start = bucketStart(timeMs, tf);
  const len = timeframeMs(tf);
  if (len !== null) return { start, end: start + len };
  const d = new Date(start);
  return { start, end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + parseTimeframe(tf)!.count, 1) };
}
