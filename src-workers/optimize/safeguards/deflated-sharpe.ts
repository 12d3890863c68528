import type { DeflatedSharpe } from '../../../src-shared/domain/safeguards.ts';
import { finiteOrNull } from '../../backtest/metrics/returns.ts';
import { finiteSampleVariance, returnMoments } from './moments.ts';
import { normalCdf, normalQuantile } from './normal.ts';

/**
 * The deflated Sharpe ratio of D. H. Bailey and M. López de Prado (2014), "The Deflated Sharpe Ratio:
 * Correcting for Selection Bias, Backtest Overfitting and Non-Normality", Journal of Portfolio
 * Management 40(5), 94–107; the probabilistic Sharpe ratio it builds on is from their 2012 paper "The
 * Sharpe Ratio Efficient Frontier", Journal of Risk 15(2).
 *
 * Units: every formula here works with the **per-period** (per-bar, not annualized) Sharpe ratio, and
 * the trials' Sharpe variance in the same per-period units. An annualized Sharpe SRₐ = SR·√P becomes
 * per-period by dividing by √P, and its variance by dividing by P. Feeding annualized numbers into
 * PSR would multiply (SR − SR*)·√(T − 1) by √P and push every answer towards 0 or 1.
 */

/** γ, the Euler–Mascheroni constant. */
export const EULER_MASCHERONI = 0.5772156649015329;

/**
 * SR₀ ≈ E[max SRₙ], the best Sharpe ratio expected among N independent skill-less trials whose Sharpe
 * ratios have variance V (the DSR paper's benchmark; the approximation to the expected maximum of N
 * standard normals is Proposition 1 of Bailey, Borwein, López de Prado & Zhu 2014, "Pseudo-mathematics
 * and financial charlatanism", Notices of the AMS 61(5)):
 *   SR₀ = √V · ( (1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)) ).
 * In the units of V (a per-period V gives a per-period SR₀). 0 for N ≤ 1 (no selection) or V ≤ 0.
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (!(trials > 1) || !(sharpeVariance > 0)) return 0;
  const z = (1 - EULER_MASCHERONI) * normalQuantile(1 - 1 / trials) + EULER_MASCHERONI * normalQuantile(1 - 1 / (trials * Math.E));
  return Math.sqrt(sharpeVariance) * z;
}

/**
 * PSR(SR*) = Φ( (SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²) ): the probability that the true
 * Sharpe ratio exceeds SR*, given the per-period SR estimated from T returns with skewness γ₃ and
 * (non-excess) kurtosis γ₄ (the estimator's standard error under non-normal returns, Mertens 2002).
 * Null for T < 2 or a non-positive variance term (only a degenerate two-valued series reaches 0, since
 * γ₄ ≥ 1 + γ₃²).
 */
export function probabilisticSharpe(sharpe: number, benchmark: number, observations: number, skewness: number, kurtosis: number): number | null {
  if (observations < 2) return null;
  const variance = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(variance > 0)) return null;
  return finiteOrNull(normalCdf(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(variance)));
}

export interface DeflatedSharpeInput {
  /** The best set's per-bar returns (simple returns of its equity, as in the metrics). */
  returns: Float64Array;
  /** Every trial's annualized Sharpe ratio (`Metrics.sharpe`), the best set's included; nulls are skipped. */
  trialSharpes: ArrayLike<number | null>;
  periodsPerYear: number;
  /** N, when it differs from the number of finite trial Sharpes (e.g. trials whose Sharpe was undefined). */
  trialCount?: number;
  /** Annual risk-free rate (default 0), per bar rf / periodsPerYear as in the metrics. */
  riskFreeRate?: number;
}

/**
 * The deflated Sharpe ratio DSR = PSR(SR₀) of the best set, with SR₀ the expected maximum Sharpe of
 * N skill-less trials whose Sharpe ratios vary as the actual trials' did; also PSR(0), the same test
 * without the selection. Reported Sharpe ratios are annualized; the computation is per period.
 */
export function deflatedSharpe(input: DeflatedSharpeInput): DeflatedSharpe {
  const ppy = input.periodsPerYear;
  const rootP = Math.sqrt(ppy);
  const moments = returnMoments(input.returns, (input.riskFreeRate ?? 0) / ppy);
  const spread = finiteSampleVariance(input.trialSharpes);
  const trials = input.trialCount ?? spread.count;
  // One trial, or trials without spread: nothing was selected, SR₀ = 0.
  const srStar = expectedMaxSharpe(trials, (spread.variance ?? 0) / ppy);
  const psr = moments && probabilisticSharpe(moments.sharpe, 0, moments.observations, moments.skewness, moments.kurtosis);
  const dsr = moments && probabilisticSharpe(moments.sharpe, srStar, moments.observations, moments.skewness, moments.kurtosis);
  return {
    observations: input.returns.length,
    trials,
    periodsPerYear: ppy,
    sharpe: moments ? finiteOrNull(moments.sharpe * rootP) : null,
    trialSharpeVariance: spread.variance,
    expectedMaxSharpe: finiteOrNull(srStar * rootP),
    skewness: moments ? finiteOrNull(moments.skewness) : null,
    kurtosis: moments ? finiteOrNull(moments.kurtosis) : null,
    probabilisticSharpe: psr ?? null,
    deflatedSharpe: dsr ?? null,
  };
}
