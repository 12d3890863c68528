import { quantileSorted, sortedAscending } from './quantile.ts';

/**
 * Histogram binning for the trade plots. A backtest has anywhere from a handful to many thousand
 * trades, so the bin count follows the data (Freedman–Diaconis) but stays within bounds a small
 * plot card can show: below 8 bars a distribution has no shape, above 40 the bars are slivers.
 */

export const MIN_BINS = 8;
export const MAX_BINS = 40;

/**
 * Number of equal-width bins for `values`: Freedman–Diaconis, width h = 2·IQR·n^(−1/3) and
 * ⌈range / h⌉ bins, clamped to [MIN_BINS, MAX_BINS]. When the middle half has no spread (IQR = 0,
 * e.g. most trades stopped out at the same loss) FD has no width to offer, so Sturges' ⌈log₂ n⌉ + 1
 * is used instead. 0 for no values, 1 when all values are equal.
 */
export function binCount(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = sortedAscending(values);
  const range = sorted[sorted.length - 1] - sorted[0];
  if (range === 0) return 1;
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const raw = iqr > 0 ? Math.ceil(range / ((2 * iqr) / Math.cbrt(sorted.length))) : Math.ceil(Math.log2(sorted.length)) + 1;
  return Math.min(MAX_BINS, Math.max(MIN_BINS, raw));
}

/** `count` + 1 edges splitting [min, max] into equal bins; the last edge is `max` exactly. */
export function equalWidthEdges(min: number, max: number, count: number): number[] {
  const width = (max - min) / count;
  const edges = Array.from({ length: count }, (_, i) => min + i * width);
  edges.push(max);
  return edges;
}

/**
 * Edges for continuous values (trade returns): `binCount` equal bins from the smallest to the largest
 * value. Equal values get one bin of width 1 centred on them, so the plot still has a bar to draw.
 */
export function binEdges(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const { min, max } = extent(values);
  if (min === max) return [min - 0.5, min + 0.5];
  return equalWidthEdges(min, max, binCount(values));
}

/**
 * Edges for whole-number values (bars held): each bin holds the same number of whole values, with
 * edges halfway between them, so a bin reads "3–5 bars" instead of splitting integers unevenly.
 * The width is the range over `binCount` rounded up to a whole number (at least 1).
 */
export function integerBinEdges(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const { min, max } = extent(values);
  const span = max - min + 1;
  const width = Math.max(1, Math.ceil(span / binCount(values)));
  const count = Math.ceil(span / width);
  return Array.from({ length: count + 1 }, (_, i) => min - 0.5 + i * width);
}

/**
 * How many values fall in each bin: bin i is [edges[i], edges[i+1]), the last one closed so the
 * maximum is counted. Values outside the edges are not counted.
 */
export function countIntoBins(values: readonly number[], edges: readonly number[]): number[] {
  const bins = Math.max(0, edges.length - 1);
  const counts = new Array<number>(bins).fill(0);
  if (bins === 0) return counts;
  for (const v of values) {
    const i = binIndex(v, edges);
    if (i >= 0) counts[i]++;
  }
  return counts;
}

/** The bin holding `v` (see countIntoBins), or −1 outside the edges. */
export function binIndex(v: number, edges: readonly number[]): number {
  const last = edges.length - 1;
  if (!(v >= edges[0] && v <= edges[last])) return -1;
  if (v === edges[last]) return last - 1;
  // Binary search for the last edge ≤ v.
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

function extent(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
