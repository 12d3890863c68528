/**
 * The empirical quantile of ascending `sorted` values with linear interpolation between order
 * statistics (Hyndman & Fan type 7) — the same definition docs/metrics.md uses for VaR, so every
 * quantile the backtest pages show is computed one way. NaN for no values.
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function sortedAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
