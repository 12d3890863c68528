import type { BarColumns } from '../../src-shared/domain/bars.ts';

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Merges `incoming` bars into `existing` (both sorted by time, times unique) into `out`, which must
 * have room for both. A bar of `incoming` replaces the existing bar with the same time. Returns the
 * merged length and, in `counts`, how many incoming bars were new, changed an existing bar, or
 * matched one exactly — the figures that make a re-import report "0 inserted".
 */
export function mergeBars(
  existing: BarColumns,
  eStart: number,
  eEnd: number,
  incoming: BarColumns,
  iStart: number,
  iEnd: number,
  out: BarColumns,
  counts: MergeCounts,
): number {
  let e = eStart;
  let i = iStart;
  let o = 0;
  while (e < eEnd || i < iEnd) {
    const et = e < eEnd ? existing.time[e]! : Infinity;
    const it = i < iEnd ? incoming.time[i]! : Infinity;
    if (et < it) {
      copyBar(existing, e++, out, o++);
    } else {
      if (et === it) {
        if (sameBar(existing, e, incoming, i)) counts.unchanged++;
        else counts.updated++;
        e++;
      } else {
        counts.inserted++;
      }
      copyBar(incoming, i++, out, o++);
    }
  }
  return o;
}

function copyBar(from: BarColumns, f: number, to: BarColumns, t: number): void {
  to.time[t] = from.time[f]!;
  to.open[t] = from.open[f]!;
  to.high[t] = from.high[f]!;
  to.low[t] = from.low[f]!;
  to.close[t] = from.close[f]!;
  to.volume[t] = from.volume[f]!;
}

function sameBar(a: BarColumns, i: number, b: BarColumns, j: number): boolean {
  return (
    a.open[i] === b.open[j] &&
    a.high[i] === b.high[j] &&
    a.low[i] === b.low[j] &&
    a.close[i] === b.close[j] &&
    a.volume[i] === b.volume[j]
  );
}

/** Index of the first bar with time ≥ t in bars[start, end) (binary search). */
export function lowerBound(time: Float64Array, t: number, start = 0, end = time.length): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first bar with time > t in bars[start, end). */
export function upperBound(time: Float64Array, t: number, start = 0, end = time.length): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
