import type { BenchmarkTest } from '../../../src-shared/domain/safeguards.ts';
import { finiteOrNull, isZeroSpread, mean, sampleSd } from '../../backtest/metrics/returns.ts';
import { deriveSeed, Rng } from '../rng.ts';
import { studentTSurvival } from './student-t.ts';

/**
 * Does the strategy beat buy and hold? A one-sided test on the per-bar excess returns
 * eₜ = rₜ − bₜ (strategy minus benchmark, both simple returns of their equity from the same cash),
 * H0: E[e] ≤ 0 against H1: E[e] > 0.
 *
 * - Student's t: t = ē / (s / √T) with the sample sd s, p = P(T_{T−1} > t), exact through the
 *   incomplete beta function (student-t.ts). It assumes independent, roughly normal eₜ; bar returns
 *   are fat-tailed and their volatility clusters, which the bootstrap below does not assume.
 * - Stationary bootstrap (D. N. Politis & J. P. Romano 1994, "The Stationary Bootstrap", JASA 89,
 *   1303–1313): resamples e in blocks of geometric length with mean L, wrapping around the end, which
 *   keeps short-range dependence. Under H0 the resampled mean is centred on ē, so the p-value is the
 *   share of resampled means with ē* − ē ≥ ē, counted as (1 + #) / (B + 1) so that it is never 0
 *   (Davison & Hinkley 1997, §4.2).
 */

export interface BenchmarkTestOptions {
  /** Seed of the bootstrap. */
  seed: number;
  /** Bootstrap replicates B (default 1000; 0 skips the bootstrap). */
  replicates?: number;
  /** Mean block length L (default ⌈T^{1/3}⌉, a common rate for block bootstraps; 1 is the plain i.i.d. bootstrap). */
  meanBlockLength?: number;
}

const BOOTSTRAP_STREAM = 0x7369_0001;

/** The t-test and, unless `replicates` is 0, the stationary-bootstrap p-value of strategy − benchmark. */
export function benchmarkTest(strategy: Float64Array, benchmark: Float64Array, options: BenchmarkTestOptions): BenchmarkTest {
  if (strategy.length !== benchmark.length) {
    throw new RangeError(`strategy and benchmark returns differ in length: ${strategy.length} and ${benchmark.length}`);
  }
  const n = strategy.length;
  const excess = new Float64Array(n);
  for (let i = 0; i < n; i++) excess[i] = strategy[i]! - benchmark[i]!;
  const m = mean(excess);
  const sd = sampleSd(excess, m);
  const undefinedT = n < 2 || isZeroSpread(sd, m);
  const t = undefinedT ? NaN : m / (sd / Math.sqrt(n));
  const replicates = options.replicates ?? 1000;
  const blockLength = options.meanBlockLength ?? Math.ceil(Math.cbrt(n));
  const bootstrap = n >= 2 && replicates > 0 ? stationaryBootstrapPValue(excess, replicates, blockLength, options.seed) : null;
  return {
    observations: n,
    meanExcess: finiteOrNull(m),
    sdExcess: finiteOrNull(sd),
    tStatistic: finiteOrNull(t),
    degreesOfFreedom: Math.max(0, n - 1),
    pValue: undefinedT ? null : finiteOrNull(studentTSurvival(t, n - 1)),
    bootstrapPValue: bootstrap,
    bootstrapReplicates: bootstrap === null ? 0 : replicates,
    meanBlockLength: bootstrap === null ? null : blockLength,
  };
}

/**
 * One-sided stationary-bootstrap p-value for H1: E[x] > 0. Each replicate builds a series of length T
 * without storing it: it starts at a uniform index, and at every further step either starts a new
 * block at a uniform index (probability 1/L) or moves to the next index, modulo T. Allocates nothing
 * per replicate.
 */
export function stationaryBootstrapPValue(x: Float64Array, replicates: number, meanBlockLength: number, seed: number): number {
  const n = x.length;
  if (!Number.isSafeInteger(replicates) || replicates < 1) throw new RangeError(`replicates must be a positive integer, got ${replicates}`);
  if (!(meanBlockLength >= 1)) throw new RangeError(`meanBlockLength must be ≥ 1, got ${meanBlockLength}`);
  const rng = new Rng(deriveSeed(seed, BOOTSTRAP_STREAM));
  const newBlock = 1 / meanBlockLength;
  const observed = mean(x);
  let extreme = 0;
  for (let b = 0; b < replicates; b++) {
    let i = rng.below(n);
    let sum = x[i]!;
    for (let k = 1; k < n; k++) {
      i = rng.next() < newBlock ? rng.below(n) : i + 1 === n ? 0 : i + 1;
      sum += x[i]!;
    }
    if (sum / n - observed >= observed) extreme++;
  }
  return (1 + extreme) / (replicates + 1);
}
