/** A half-open time range [from, to), ms since the epoch. */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * The ranges a backfill must fetch: runs of expected bar times that are not stored, each run ending
 * one bar period after its last missing time. Runs break where a stored bar interrupts them, not at
 * nights or weekends (expected times skip those), so a missing week of a stock is one range.
 * `stored` and `expected` ascending.
 */
export function missingRanges(stored: Float64Array, expected: ArrayLike<number>, periodMs: number): TimeRange[] {
  const ranges: TimeRange[] = [];
  let s = 0;
  let open: TimeRange | null = null;
  for (let e = 0; e < expected.length; e++) {
    const t = expected[e]!;
    while (s < stored.length && stored[s]! < t) s++;
    const have = s < stored.length && stored[s] === t;
    if (have) {
      open = null;
    } else if (open) {
      open.to = t + periodMs;
    } else {
      open = { from: t, to: t + periodMs };
      ranges.push(open);
    }
  }
  return ranges;
}

/**
 * Splits ranges into request windows of at most `barsPerPage` periods each, keeping only the part
 * at or after `cursor` (everything before the checkpoint is stored already).
 */
export function pageWindows(ranges: readonly TimeRange[], periodMs: number, barsPerPage: number, cursor = -Infinity): TimeRange[] {
  const span = periodMs * barsPerPage;
  const pages: TimeRange[] = [];
  for (const r of ranges) {
    let from = Math.max(r.from, cursor);
    while (from < r.to) {
      const to = Math.min(r.to, from + span);
      pages.push({ from, to });
      from = to;
    }
  }
  return pages;
}

/** How many expected times fall in the ranges (the bars a backfill should bring). */
export function countInRanges(expected: ArrayLike<number>, ranges: readonly TimeRange[]): number {
  let n = 0;
  let r = 0;
  for (let e = 0; e < expected.length && r < ranges.length; e++) {
    const t = expected[e]!;
    while (r < ranges.length && ranges[r]!.to <= t) r++;
    if (r < ranges.length && t >= ranges[r]!.from) n++;
  }
  return n;
}
