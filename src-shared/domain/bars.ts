import { z } from 'zod';

/**
 * A series of bars, columnar: one Float64Array per field, all the same length.
 * `time` is the bar's open time in ms since the epoch (UTC).
 */
export interface BarColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export const BAR_FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
export type BarField = (typeof BAR_FIELDS)[number];

export function emptyBars(length = 0): BarColumns {
  return {
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/** One bar as a record, the way venues and live builders hand bars over. */
export interface BarRecord {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Bar records (in the order given) as columns. */
export function barsFromRecords(records: readonly BarRecord[]): BarColumns {
  const out = emptyBars(records.length);
  for (let i = 0; i < records.length; i++) {
    const b = records[i]!;
    out.time[i] = b.time;
    out.open[i] = b.open;
    out.high[i] = b.high;
    out.low[i] = b.low;
    out.close[i] = b.close;
    out.volume[i] = b.volume;
  }
  return out;
}

export function barCount(bars: BarColumns): number {
  return bars.time.length;
}

/** A view of bars [start, end) sharing memory with `bars`. */
export function sliceBars(bars: BarColumns, start: number, end: number): BarColumns {
  return {
    time: bars.time.subarray(start, end),
    open: bars.open.subarray(start, end),
    high: bars.high.subarray(start, end),
    low: bars.low.subarray(start, end),
    close: bars.close.subarray(start, end),
    volume: bars.volume.subarray(start, end),
  };
}

/** One column of numbers as it crosses the contract: a Float64Array, never an array of numbers. */
export const Float64ColumnSchema = z.custom<Float64Array>((v) => v instanceof Float64Array, {
  message: 'expected a Float64Array',
});
const column = Float64ColumnSchema;

/** A time in ms since the epoch, within the range a Date can hold. */
export const EpochMsSchema = z.number().finite().min(-8.64e15).max(8.64e15);

export const BarColumnsSchema = z
  .object({ time: column, open: column, high: column, low: column, close: column, volume: column })
  .refine((b) => BAR_FIELDS.every((f) => b[f].length === b.time.length), {
    message: 'all bar columns must have the same length',
  });
