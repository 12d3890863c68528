import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import { MonteCarloReportSchema } from '../../../../src-shared/domain/safeguards.ts';
import { monteCarlo, simulateTradePaths, summarizePaths } from '../../../../src-workers/optimize/safeguards/monte-carlo.ts';
import { tradeReturnsOnEquity } from '../../../../src-workers/optimize/safeguards/trade-returns.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);

/** The final equity, max drawdown (the start counted as a peak) and ruin of one path, computed plainly. */
function walk(path: number[], ruinLevel: number) {
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let ruined = false;
  for (const f of path) {
    equity *= 1 + f;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.min(maxDrawdown, equity / peak - 1);
    ruined ||= equity < ruinLevel;
  }
  return { finalEquity: equity, maxDrawdown, ruined };
}

/** All n^n ordered draws with replacement of `xs` (each equally likely under the bootstrap). */
function allResamples(xs: number[]): number[][] {
  let paths: number[][] = [[]];
  for (let k = 0; k < xs.length; k++) paths = paths.flatMap((p) => xs.map((x) => [...p, x]));
  return paths;
}

function allPermutations(xs: number[]): number[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => allPermutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/**
 * The population p-quantile of equally likely values: the smallest v with F(v) ≥ p. Also how close
 * p comes to a step of F, which says whether a sample of `n` can be trusted to land on the same value.
 */
function populationQuantile(values: number[], p: number) {
  const sorted = values.map((v) => +v.toFixed(12)).sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  let gap = Infinity;
  let quantile = NaN;
  for (const v of distinct) {
    const cdf = sorted.filter((x) => x <= v).length / sorted.length;
    gap = Math.min(gap, Math.abs(cdf - p));
    if (Number.isNaN(quantile) && cdf >= p) quantile = v;
  }
  return { quantile, gap };
}

const LEVELS = { p5: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95 } as const;

describe('simulateTradePaths: reshuffle', () => {
  it('keeps the final equity exactly: multiplication commutes', () => {
    // Factors 1.5, 0.75, 1.125, 0.5 are exact binary fractions, so every order gives exactly 0.6328125.
    const paths = simulateTradePaths(f64([0.5, -0.25, 0.125, -0.5]), 'reshuffle', { seed: 7, simulations: 200 });
    expect(new Set(paths.finalEquity)).toEqual(new Set([1.5 * 0.75 * 1.125 * 0.5]));
  });

  it('keeps the final equity to the last bits for any returns, while the drawdown varies', () => {
    const returns = f64([0.031, -0.07, 0.12, -0.015, 0.044, -0.09, 0.06]);
    const product = [...returns].reduce((e, f) => e * (1 + f), 1000);
    const paths = simulateTradePaths(returns, 'reshuffle', { seed: 3, simulations: 500, initialEquity: 1000 });
    for (const e of paths.finalEquity) expect(Math.abs(e / product - 1)).toBeLessThan(1e-14);
    expect(new Set(paths.maxDrawdown).size).toBeGreaterThan(5);
  });

  it('gives each of the 3! orders its share, with the drawdowns of an exhaustive enumeration', () => {
    const returns = [0.2, -0.15, -0.1];
    const exact = allPermutations(returns).map((p) => +walk(p, 0.5).maxDrawdown.toFixed(12));
    const paths = simulateTradePaths(f64(returns), 'reshuffle', { seed: 11, simulations: 60_000 });
    const seen = [...paths.maxDrawdown].map((d) => +d.toFixed(12));
    expect(new Set(seen)).toEqual(new Set(exact));
    // Each order has probability 1/6; its drawdown's frequency is within 5 standard errors of that.
    for (const d of new Set(exact)) {
      const p = exact.filter((x) => x === d).length / 6;
      const freq = seen.filter((x) => x === d).length / seen.length;
      expect(Math.abs(freq - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / seen.length));
    }
  });

  it('finds the probability of ruin of a hand case: two losses in a row ruin, one third of the orders', () => {
    // −30 %, −30 %, +100 % with ruin below 50 %: L L W goes 0.7 → 0.49 (ruin); L W L goes 0.7 → 1.4 → 0.98
    // and W L L goes 2 → 1.4 → 0.98 (no ruin). 2 of the 6 orders of three labelled trades are L L W.
    const summary = summarizePaths(simulateTradePaths(f64([-0.3, -0.3, 1]), 'reshuffle', { seed: 5, simulations: 30_000, ruinLevel: 0.5 }));
    expect(Math.abs(summary.probabilityOfRuin - 1 / 3)).toBeLessThan(5 * Math.sqrt((1 / 3) * (2 / 3) / 30_000));
    expect(summary.finalEquity.p5).toBeCloseTo(0.98, 14);
    expect(summary.finalEquity.p95).toBeCloseTo(0.98, 14);
  });
});

describe('simulateTradePaths: bootstrap', () => {
  const returns = [0.2, -0.15, 0.05];
  const exact = allResamples(returns).map((p) => walk(p, 0.75));
  const simulations = 200_000;
  const summary = summarizePaths(simulateTradePaths(f64(returns), 'bootstrap', { seed: 2024, simulations, ruinLevel: 0.75 }));

  it('enumerates 27 equally likely paths for 3 trades', () => {
    expect(exact).toHaveLength(27);
  });

  it('lands its percentiles of final equity and max drawdown on those of the 27 paths', () => {
    for (const [key, p] of Object.entries(LEVELS) as [keyof typeof LEVELS, number][]) {
      const sd = Math.sqrt((p * (1 - p)) / simulations);
      for (const [field, values] of [['finalEquity', exact.map((e) => e.finalEquity)], ['maxDrawdown', exact.map((e) => e.maxDrawdown)]] as const) {
        const { quantile, gap } = populationQuantile(values, p);
        // The sample quantile lands on the population's only if p is not within noise of a step of F.
        expect(gap).toBeGreaterThan(6 * sd);
        expect(summary[field][key]).toBeCloseTo(quantile, 11);
      }
    }
  });

  it('estimates the probability of ruin of the 27 paths', () => {
    // Below 75 %: 0.85² = 0.7225, so the paths that start with two losses, 3 of 27.
    const p = exact.filter((e) => e.ruined).length / 27;
    expect(p).toBeCloseTo(3 / 27, 15);
    expect(Math.abs(summary.probabilityOfRuin - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / simulations));
  });
});

describe('simulateTradePaths: edge cases', () => {
  it('counts a loss on the first trade as a drawdown from the start', () => {
    const paths = simulateTradePaths(f64([-0.1]), 'bootstrap', { seed: 1, simulations: 3 });
    for (const d of paths.maxDrawdown) expect(d).toBeCloseTo(-0.1, 15);
  });

  it('leaves the equity at 0 after a loss of more than everything, and calls it ruin', () => {
    const summary = summarizePaths(simulateTradePaths(f64([-1.5, 0.5]), 'reshuffle', { seed: 1, simulations: 50 }));
    expect(summary.finalEquity.p95).toBe(0);
    expect(summary.maxDrawdown.p95).toBe(-1);
    expect(summary.probabilityOfRuin).toBe(1);
  });

  it('never ruins an account that only wins', () => {
    expect(summarizePaths(simulateTradePaths(f64([0.01, 0.02]), 'bootstrap', { seed: 1, simulations: 100 })).probabilityOfRuin).toBe(0);
  });

  it('rejects a ruin level outside (0, 1] and a non-positive number of simulations', () => {
    expect(() => simulateTradePaths(f64([0.1]), 'bootstrap', { seed: 1, ruinLevel: 1.5 })).toThrow(RangeError);
    expect(() => simulateTradePaths(f64([0.1]), 'bootstrap', { seed: 1, simulations: 0 })).toThrow(RangeError);
  });
});

describe('monteCarlo', () => {
  const returns = Float64Array.from({ length: 120 }, (_, i) => Math.sin(i * 1.7) * 0.04 + 0.002);

  it('gives the same report for the same seed and another for another seed', () => {
    const a = monteCarlo(returns, { seed: 42, simulations: 300, initialEquity: 10_000 });
    const b = monteCarlo(returns, { seed: 42, simulations: 300, initialEquity: 10_000 });
    const c = monteCarlo(returns, { seed: 43, simulations: 300, initialEquity: 10_000 });
    expect(b).toEqual(a);
    expect(c!.bootstrap.finalEquity).not.toEqual(a!.bootstrap.finalEquity);
    expect(MonteCarloReportSchema.parse(a)).toEqual(a);
  });

  it('defaults to 1000 simulations, a start of 1 and ruin at half of it', () => {
    const report = monteCarlo(returns, { seed: 1 })!;
    expect(report).toMatchObject({ trades: 120, initialEquity: 1, ruinLevel: 0.5 });
    expect(report.reshuffle.simulations).toBe(1000);
    expect(report.bootstrap.finalEquity.p5).toBeLessThanOrEqual(report.bootstrap.finalEquity.p95);
  });

  it('is null without trades', () => {
    expect(monteCarlo(new Float64Array(0), { seed: 1 })).toBeNull();
  });
});

describe('tradeReturnsOnEquity', () => {
  const trade = (id: number, pnl: number): Trade => ({
    id, direction: 'long', qty: 1, entryIndex: id, entryTime: id, entryPrice: 100, exitIndex: id + 1, exitTime: id + 1, exitPrice: 100 + pnl,
    pnl, returnPct: pnl / 100, commission: 0, mae: 0, mfe: 0, barsHeld: 1, open: false,
  });

  it('divides each pnl by the equity closed before it, so compounding gives back the account', () => {
    // 100 / 1000, −55 / 1100, 200 / 1045; 1000 × 1.1 × 0.95 × (1 + 200/1045) = 1245.
    const f = tradeReturnsOnEquity([trade(0, 100), trade(1, -55), trade(2, 200)], 1000);
    expect([...f]).toEqual([0.1, -0.05, 200 / 1045]);
    expect(f.reduce((e, x) => e * (1 + x), 1000)).toBeCloseTo(1245, 10);
  });

  it('stops at ruin', () => {
    expect([...tradeReturnsOnEquity([trade(0, -1000), trade(1, 50)], 1000)]).toEqual([-1]);
  });
});
