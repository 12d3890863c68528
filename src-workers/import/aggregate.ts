import { emptyBars, type BarColumns } from '../../src-shared/domain/bars.ts';
import { bucketStart, parseTimeframe, timeframeMs, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import type { RowValues } from './row-reader.ts';

/** Parsed rows in file order, columnar, in Float64Arrays grown by doubling. */
export class RowColumns {
  length = 0;
  /** Whether times never decreased so far: then no sort is needed. */
  ascending = true;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.open = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
    this.low = new Float64Array(capacity);
    this.close = new Float64Array(capacity);
    this.volume = new Float64Array(capacity);
  }

  push(row: RowValues): void {
    const i = this.length;
    if (i === this.time.length) this.grow();
    if (i > 0 && row.time < this.time[i - 1]) this.ascending = false;
    this.time[i] = row.time;
    this.open[i] = row.open;
    this.high[i] = row.high;
    this.low[i] = row.low;
    this.close[i] = row.close;
    this.volume[i] = row.volume;
    this.length = i + 1;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const bigger = (a: Float64Array): Float64Array => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.time = bigger(this.time);
    this.open = bigger(this.open);
    this.high = bigger(this.high);
    this.low = bigger(this.low);
    this.close = bigger(this.close);
    this.volume = bigger(this.volume);
  }

  /**
   * Row indices in ascending time; rows with equal times stay in file order. Null when the rows
   * are already in order (the common case, which costs nothing).
   */
  order(): Uint32Array | null {
    if (this.ascending) return null;
    const index = new Uint32Array(this.length);
    for (let i = 0; i < index.length; i++) index[i] = i;
    const time = this.time;
    // A typed-array sort is not stable, so ties are broken by position explicitly.
    index.sort((a, b) => time[a] - time[b] || a - b);
    return index;
  }
}

function trimmed(bars: BarColumns, length: number): BarColumns {
  return {
    time: bars.time.slice(0, length),
    open: bars.open.slice(0, length),
    high: bars.high.slice(0, length),
    low: bars.low.slice(0, length),
    close: bars.close.slice(0, length),
    volume: bars.volume.slice(0, length),
  };
}

function strictlyAscending(time: Float64Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (time[i] <= time[i - 1]) return false;
  return true;
}

/** Bars sorted by time; of rows sharing a time, the last one in the file wins. */
export function barsFromRows(rows: RowColumns): BarColumns {
  const order = rows.order();
  const n = rows.length;
  if (order === null && strictlyAscending(rows.time, n)) return trimmed(rows, n);
  const out = emptyBars(n);
  let count = 0;
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : order[k];
    const t = rows.time[i];
    // Ties are in file order, so overwriting the previous bar keeps the last row of the file.
    const j = count > 0 && out.time[count - 1] === t ? count - 1 : count++;
    out.time[j] = t;
    out.open[j] = rows.open[i];
    out.high[j] = rows.high[i];
    out.low[j] = rows.low[i];
    out.close[j] = rows.close[i];
    out.volume[j] = rows.volume[i];
  }
  return count === n ? out : trimmed(out, count);
}

/**
 * Aggregates trades (or quote mid prices) into bars of `timeframe`: open = first price of the
 * bucket, high/low = extremes, close = last, volume = sum of sizes. Bars are stamped with
 * `bucketStart`; only buckets holding at least one row produce a bar.
 */
export function barsFromTicks(rows: RowColumns, timeframe: Timeframe): BarColumns {
  const order = rows.order();
  const n = rows.length;
  const out = emptyBars(n);
  const fixed = parseTimeframe(timeframe)?.unit === 'M' ? null : timeframeMs(timeframe);
  let count = 0;
  let bucketEnd = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : order[k];
    const t = rows.time[i];
    const p = rows.close[i];
    const j = count - 1;
    if (j >= 0 && t < bucketEnd && (fixed !== null || bucketStart(t, timeframe) === out.time[j])) {
      if (p > out.high[j]) out.high[j] = p;
      if (p < out.low[j]) out.low[j] = p;
      out.close[j] = p;
      out.volume[j] += rows.volume[i];
    } else {
      const start = bucketStart(t, timeframe);
      bucketEnd = fixed !== null ? start + fixed : Infinity;
      out.time[count] = start;
      out.open[count] = p;
      out.high[count] = p;
      out.low[count] = p;
      out.close[count] = p;
      out.volume[count] = rows.volume[i];
      count++;
    }
  }
  return trimmed(out, count);
}
