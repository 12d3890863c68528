import { describe, expect, it } from 'vitest';
import { sharpeRatio } from '../../../../src-workers/backtest/metrics/risk.ts';
import {
  deflatedSharpe, EULER_MASCHERONI, expectedMaxSharpe, probabilisticSharpe,
} from '../../../../src-workers/optimize/safeguards/deflated-sharpe.ts';
import { returnMoments } from '../../../../src-workers/optimize/safeguards/moments.ts';
import { normalCdf } from '../../../../src-workers/optimize/safeguards/normal.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('the numerical example of Bailey & López de Prado (2014)', () => {
  // "The Deflated Sharpe Ratio", JPM 40(5), section "A numerical example": N = 100 trials whose
  // annualized Sharpe ratios have variance 1/2; the best has an annualized SR of 2.5 over 5 years of
  // daily returns, T = 1250 (250 a year), skewness −3 and kurtosis 10. The paper reports
  // E[max SR] ≈ 0.1132 per day and DSR ≈ 0.9004.
  const ppy = 250;
  const sr = 2.5 / Math.sqrt(ppy); // 0.158113883… per day
  const variance = 0.5 / ppy; // per-day units

  it('reproduces the expected maximum Sharpe ratio', () => {
    // By hand: √V = √0.002 = 0.0447213595…; Φ⁻¹(1 − 1/100) = 2.3263478740408411 (tables);
    // Φ⁻¹(1 − 1/(100e)) = 2.6802104449668827 (mpmath, 40 digits); γ = 0.5772156649015329.
    const byHand = Math.sqrt(0.002) * ((1 - 0.5772156649015329) * 2.3263478740408411 + 0.5772156649015329 * 2.6802104449668827);
    expect(byHand).toBeCloseTo(0.113172001865132, 14);
    expect(expectedMaxSharpe(100, variance)).toBeCloseTo(0.113172001865132, 13);
    expect(expectedMaxSharpe(100, variance)).toBeCloseTo(0.1132, 4);
  });

  it('reproduces the deflated Sharpe ratio', () => {
    // By hand: (SR − SR₀)·√(T − 1) = (0.1581138830 − 0.1131720019)·√1249 = 1.5882997…;
    // √(1 − γ₃·SR + (γ₄ − 1)/4·SR²) = √(1 + 3·0.1581138830 + 2.25·0.025) = √1.5305916… = 1.2371708…;
    // z = 1.2838160365…, Φ(z) = 0.9003968344493910 (mpmath, 40 digits).
    const z = ((sr - 0.113172001865132) * Math.sqrt(1249)) / Math.sqrt(1 + 3 * sr + 2.25 * sr * sr);
    expect(z).toBeCloseTo(1.2838160365336578, 12);
    const dsr = probabilisticSharpe(sr, expectedMaxSharpe(100, variance), 1250, -3, 10);
    expect(dsr).toBeCloseTo(0.900396834449391, 12);
    expect(dsr).toBeCloseTo(0.9004, 4);
  });
});

describe('expectedMaxSharpe', () => {
  it('is 0 without selection (one trial) or without spread among the trials', () => {
    expect(expectedMaxSharpe(1, 0.01)).toBe(0);
    expect(expectedMaxSharpe(50, 0)).toBe(0);
  });

  it('grows with the number of trials and scales with √V', () => {
    expect(expectedMaxSharpe(1000, 1)).toBeGreaterThan(expectedMaxSharpe(100, 1));
    expect(expectedMaxSharpe(100, 4)).toBeCloseTo(2 * expectedMaxSharpe(100, 1), 14);
    // The γ-weighted mix of the two quantiles for N = 10, V = 1: Φ⁻¹(0.9) = 1.2815515655446005,
    // Φ⁻¹(1 − 1/(10e)) = 1.7892417645816283 (mpmath, 40 digits).
    expect(expectedMaxSharpe(10, 1)).toBeCloseTo((1 - EULER_MASCHERONI) * 1.2815515655446005 + EULER_MASCHERONI * 1.7892417645816283, 13);
  });
});

describe('probabilisticSharpe', () => {
  it('is Φ((SR − SR*)·√(T − 1)) for normal returns (γ₃ = 0, γ₄ = 3)', () => {
    // SR = 0.1, SR* = 0, T = 101: z = 0.1·10 / √(1 + 0.5·0.01) = 0.997509…
    expect(probabilisticSharpe(0.1, 0, 101, 0, 3)).toBeCloseTo(normalCdf(1 / Math.sqrt(1.005)), 15);
    expect(probabilisticSharpe(0.05, 0.05, 500, 0, 3)).toBe(0.5);
  });

  it('is null for fewer than 2 observations', () => {
    expect(probabilisticSharpe(0.1, 0, 1, 0, 3)).toBeNull();
  });
});

describe('returnMoments', () => {
  it('gives skewness 0 and kurtosis 2.5 for −1, 0, 0, 0, 1 (%)', () => {
    // Mean 0, m₂ = 2/5, m₄ = 2/5 (×10⁻⁴ and 10⁻⁸), so γ₄ = (2/5)/(2/5)² = 2.5.
    const m = returnMoments(f64([-0.01, 0, 0, 0, 0.01]))!;
    expect(m.skewness).toBeCloseTo(0, 14);
    expect(m.kurtosis).toBeCloseTo(2.5, 13);
    expect(m.sharpe).toBe(0);
  });

  it('gives a Bernoulli(1/4) its skewness 2/√3 and kurtosis 7/3', () => {
    // (1 − 2p)/√(p(1 − p)) and 3 + (1 − 6p(1 − p))/(p(1 − p)) with p = 1/4.
    const m = returnMoments(f64([0, 0, 0, 1]))!;
    expect(m.skewness).toBeCloseTo(2 / Math.sqrt(3), 14);
    expect(m.kurtosis).toBeCloseTo(7 / 3, 14);
  });

  it('is null for a constant series', () => {
    expect(returnMoments(f64([0.01, 0.01, 0.01]))).toBeNull();
  });
});

describe('deflatedSharpe', () => {
  const returns = f64([0.012, -0.004, 0.007, 0.001, -0.009, 0.015, 0.003, -0.002, 0.006, 0.004, -0.011, 0.008]);
  const ppy = 252;

  it('reports the annualized Sharpe of the metrics and works per period inside', () => {
    const trialSharpes = [0.4, 1.1, -0.3, 0.9, null, 1.6];
    const report = deflatedSharpe({ returns, trialSharpes, periodsPerYear: ppy });
    expect(report.sharpe).toBeCloseTo(sharpeRatio(returns, 0, ppy)!, 13);
    // Five finite Sharpes: mean 0.74, sample variance Σ(x − 0.74)²/4 = 2.092/4 = 0.523.
    expect(report.trials).toBe(5);
    expect(report.trialSharpeVariance).toBeCloseTo(0.523, 13);
    const srStar = expectedMaxSharpe(5, 0.523 / ppy);
    expect(report.expectedMaxSharpe).toBeCloseTo(srStar * Math.sqrt(ppy), 13);
    const m = returnMoments(returns)!;
    expect(report.deflatedSharpe).toBeCloseTo(probabilisticSharpe(m.sharpe, srStar, 12, m.skewness, m.kurtosis)!, 14);
    expect(report.probabilisticSharpe).toBeCloseTo(probabilisticSharpe(m.sharpe, 0, 12, m.skewness, m.kurtosis)!, 14);
    expect(report.deflatedSharpe!).toBeLessThan(report.probabilisticSharpe!);
  });

  it('equals PSR(0) for a single trial', () => {
    const report = deflatedSharpe({ returns, trialSharpes: [1.2], periodsPerYear: ppy });
    expect(report.expectedMaxSharpe).toBe(0);
    expect(report.deflatedSharpe).toBe(report.probabilisticSharpe);
  });

  it('counts the trials it is told about', () => {
    const report = deflatedSharpe({ returns, trialSharpes: [0.5, 1.5], trialCount: 40, periodsPerYear: ppy });
    expect(report.trials).toBe(40);
    expect(report.expectedMaxSharpe).toBeCloseTo(expectedMaxSharpe(40, 0.5 / ppy) * Math.sqrt(ppy), 13);
  });

  it('has nulls, not NaN, for a flat series', () => {
    const report = deflatedSharpe({ returns: f64([0, 0, 0]), trialSharpes: [], periodsPerYear: ppy });
    expect(report).toMatchObject({ sharpe: null, skewness: null, probabilisticSharpe: null, deflatedSharpe: null, trialSharpeVariance: null });
  });
});
