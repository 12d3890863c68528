import { isZeroSpread, mean, sampleSd } from '../../backtest/metrics/returns.ts';

/** What the probabilistic Sharpe ratio needs to know about a return series. */
export interface ReturnMoments {
  observations: number;
  /** mean(r − rfPerBar) / sd(r), per bar (not annualized), with the sample sd (divisor T − 1). */
  sharpe: number;
  /** m₃ / m₂^{3/2}: 0 for a symmetric series. */
  skewness: number;
  /** m₄ / m₂², not excess: 3 for a normal series. */
  kurtosis: number;
}

/**
 * Per-bar Sharpe ratio, skewness and kurtosis of `returns`; null for fewer than 2 returns or a zero
 * spread (docs/metrics.md). The Sharpe ratio uses the sample standard deviation like `Metrics.sharpe`,
 * so it equals that metric / √periodsPerYear. Skewness and kurtosis are the plain moment ratios with
 * central moments m_k = Σ(r − r̄)^k / T (the biased estimators, as `scipy.stats.skew` and
 * `kurtosis(fisher=False)` by default, which López de Prado's reference code uses).
 */
export function returnMoments(returns: Float64Array, rfPerBar = 0): ReturnMoments | null {
  const n = returns.length;
  if (n < 2) return null;
  const m = mean(returns);
  const sd = sampleSd(returns, m);
  if (isZeroSpread(sd, m)) return null;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i]! - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { observations: n, sharpe: (m - rfPerBar) / sd, skewness: m3 / Math.pow(m2, 1.5), kurtosis: m4 / (m2 * m2) };
}

/** Sample variance (divisor n − 1) of the finite values among `xs`, and how many there were. */
export function finiteSampleVariance(xs: ArrayLike<number | null>): { count: number; variance: number | null } {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x != null && Number.isFinite(x)) {
      count++;
      sum += x;
    }
  }
  if (count < 2) return { count, variance: null };
  const m = sum / count;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x != null && Number.isFinite(x)) ss += (x - m) * (x - m);
  }
  return { count, variance: ss / (count - 1) };
}
