import { finiteOrNull, isZeroSpread, mean, sampleSd } from './returns.ts';
import { selectRank } from './select.ts';

/**
 * Risk-adjusted ratios, historical VaR/CVaR and the benchmark regression over per-bar returns.
 * `rfPerBar` is the annual risk-free rate / periodsPerYear.
 */

/** mean(r − rfPerBar) / sd(r) × √ppy, with the sample sd; null for < 2 returns or zero spread. */
export function sharpeRatio(r: Float64Array, rfPerBar: number, ppy: number): number | null {
  const m = mean(r);
  const sd = sampleSd(r, m);
  if (r.length < 2 || isZeroSpread(sd, m)) return null;
  return finiteOrNull(((m - rfPerBar) / sd) * Math.sqrt(ppy));
}

/**
 * mean(r − target) / DD × √ppy with the downside deviation DD = √(Σ min(0, r − target)² / n) over all
 * n returns (target = rfPerBar); null for < 2 returns or when no return fell below the target.
 */
export function sortinoRatio(r: Float64Array, rfPerBar: number, ppy: number): number | null {
  const n = r.length;
  if (n < 2) return null;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.min(0, r[i]! - rfPerBar);
    ss += d * d;
  }
  const dd = Math.sqrt(ss / n);
  if (!(dd > 0)) return null;
  return finiteOrNull(((mean(r) - rfPerBar) / dd) * Math.sqrt(ppy));
}

/**
 * The empirical p-quantile by linear interpolation between order statistics (Hyndman & Fan type 7,
 * the default of R's `quantile` and NumPy's `percentile`): with x ascending and 0-based,
 * h = (n − 1)·p and Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). `sorted` may be just the ascending
 * ⌊(n − 1)·p⌋ + 2 smallest of `n` values.
 */
export function quantileSorted(sorted: Float64Array, p: number, n = sorted.length): number {
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Rearranges `a` so that a[0..k) hold its k smallest values, in any order. */
function selectSmallest(a: Float64Array, k: number): void {
  selectRank(a, 0, a.length - 1, k - 1);
}

export interface TailRisk {
  /** −Q(tail): the loss not exceeded with probability 1 − tail (positive = a loss). */
  var: number | null;
  /** −mean of the returns ≤ Q(tail), ties included: the mean loss in that tail. */
  cvar: number | null;
}

/**
 * Historical VaR and CVaR of `returns` (any order) at each tail probability (0.05 for 95 %). Only
 * the smallest few percent are sorted, after a linear-time selection, so this stays O(n).
 */
export function tailRisk(returns: Float64Array, tails: readonly number[]): TailRisk[] {
  const n = returns.length;
  if (n === 0) return tails.map(() => ({ var: null, cvar: null }));
  const k = Math.min(n, Math.floor((n - 1) * Math.max(...tails)) + 2);
  const smallest = returns.slice();
  selectSmallest(smallest, k);
  const prefix = smallest.subarray(0, k).sort();
  return tails.map((tail) => {
    const q = quantileSorted(prefix, tail, n);
    // x[⌊h⌋] ≤ Q, so the tail holds at least the smallest return.
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const r = returns[i]!;
      if (r <= q) {
        sum += r;
        count++;
      }
    }
    return { var: finiteOrNull(-q + 0), cvar: finiteOrNull(-sum / count + 0) };
  });
}

export interface AlphaBeta {
  /** Jensen's alpha per bar × ppy. */
  alpha: number | null;
  beta: number | null;
}

/**
 * OLS of (r − rf) on (b − rf): beta = cov(r, b) / var(b), alpha per bar = mean(r − rf) − beta ×
 * mean(b − rf), annualized as alpha × ppy. Null for < 2 returns or a benchmark without spread.
 */
export function alphaBeta(r: Float64Array, b: Float64Array, rfPerBar: number, ppy: number): AlphaBeta {
  const n = r.length;
  if (n < 2 || b.length !== n) return { alpha: null, beta: null };
  const mr = mean(r);
  const mb = mean(b);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = b[i]! - mb;
    sxx += dx * dx;
    sxy += dx * (r[i]! - mr);
  }
  if (isZeroSpread(Math.sqrt(sxx / (n - 1)), mb)) return { alpha: null, beta: null };
  const beta = sxy / sxx;
  const alpha = (mr - rfPerBar - beta * (mb - rfPerBar)) * ppy;
  return { alpha: finiteOrNull(alpha), beta: finiteOrNull(beta) };
}
