import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../src-shared/domain/backtest.ts';
import { MetricsSchema } from '../../../src-shared/domain/metrics.ts';
import { computeMetrics, type MetricsInput } from '../../../src-workers/backtest/metrics/index.ts';

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;

function input(equity: number[], over: Partial<MetricsInput> = {}): MetricsInput {
  const n = equity.length;
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * DAY),
    equity: Float64Array.from(equity),
    benchmark: Float64Array.from(equity),
    inMarket: new Uint8Array(n),
    trades: [],
    initialCash: 100,
    periodsPerYear: 252,
    tradedValue: 0,
    ...over,
  };
}

/** The metrics survive the schema and a JSON round trip unchanged (no NaN, no Infinity). */
function roundTrips(metrics: ReturnType<typeof computeMetrics>): void {
  expect(MetricsSchema.parse(metrics)).toEqual(metrics);
  expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
}

describe('computeMetrics on a hand-computed four-bar series', () => {
  // initialCash 100; equity 110, 99, 99, 118.8 at t = 0, T/3, 2T/3, T with T = 365.25 days (one year).
  // r = 110/100−1 = 0.1, 99/110−1 = −0.1, 99/99−1 = 0, 118.8/99−1 = 0.2; mean 0.05.
  // Deviations 0.05, −0.15, −0.05, 0.15; squares sum 0.0025+0.0225+0.0025+0.0225 = 0.05; sample var
  // 0.05/3; sd = √(1/60) = 0.129099444873581.
  // Benchmark 105, 99.75, 101.745, 111.9195: b = 0.05, −0.05, 0.02, 0.1; mean 0.03.
  const time = Float64Array.from([0, YEAR / 3, (2 * YEAR) / 3, YEAR]);
  const base = input([110, 99, 99, 118.8], {
    time,
    benchmark: Float64Array.from([105, 99.75, 101.745, 111.9195]),
    inMarket: Uint8Array.from([0, 1, 1, 1]),
    periodsPerYear: 4,
    tradedValue: 200,
  });
  const m = computeMetrics(base);
  const sd = Math.sqrt(1 / 60);

  it('measures total return, CAGR and the benchmark return', () => {
    expect(m.bars).toBe(4);
    expect(m.finalEquity).toBe(118.8);
    expect(m.totalReturn).toBeCloseTo(0.188, 14); // 118.8/100 − 1
    expect(m.cagr).toBeCloseTo(0.188, 12); // one year exactly: (1.188)^(1/1) − 1
    expect(m.benchmarkReturn).toBeCloseTo(0.119195, 12); // 111.9195/100 − 1
  });

  it('annualizes the sample volatility and the Sharpe and Sortino ratios with √4', () => {
    expect(m.annualVolatility).toBeCloseTo(sd * 2, 14); // 0.258198889747161
    expect(m.sharpe).toBeCloseTo((0.05 / sd) * 2, 12); // 0.774596669241483
    // Downside: min(0, r)² = 0, 0.01, 0, 0 → mean over all 4 = 0.0025 → DD = 0.05; 0.05/0.05 × 2 = 2.
    expect(m.sortino).toBeCloseTo(2, 12);
  });

  it('finds the drawdown from 110 to 99 and its recovery at 118.8', () => {
    // Peak 110 at bar 0; 99 at bars 1 and 2 (−10 %, trough at the first); back above at bar 3.
    expect(m.maxDrawdown).toEqual({
      depth: 99 / 110 - 1, startIndex: 0, startTime: 0, troughIndex: 1, troughTime: YEAR / 3,
      recoveryIndex: 3, recoveryTime: YEAR, durationBars: 3, durationMs: YEAR,
    });
    expect(m.maxDrawdown.depth).toBeCloseTo(-0.1, 14);
    expect(m.averageDrawdown).toBeCloseTo(-0.1, 14);
    expect(m.drawdownCount).toBe(1);
    expect(m.calmar).toBeCloseTo(1.88, 12); // 0.188 / 0.1
  });

  it('takes VaR and CVaR from the type-7 quantile of the sorted returns', () => {
    // Sorted −0.1, 0, 0.1, 0.2. 95 %: h = 3 × 0.05 = 0.15 → Q = −0.1 + 0.15 × (0 − (−0.1)) = −0.085.
    // Returns ≤ Q: only −0.1 → CVaR 0.1. 99 %: h = 0.03 → Q = −0.097; CVaR 0.1.
    expect(m.var95).toBeCloseTo(0.085, 14);
    expect(m.cvar95).toBeCloseTo(0.1, 14);
    expect(m.var99).toBeCloseTo(0.097, 14);
    expect(m.cvar99).toBeCloseTo(0.1, 14);
  });

  it('regresses the returns on the benchmark for beta and annualized alpha', () => {
    // dx = b − 0.03 = 0.02, −0.08, −0.01, 0.07; dy = r − 0.05 = 0.05, −0.15, −0.05, 0.15.
    // Σdx·dy = 0.001 + 0.012 + 0.0005 + 0.0105 = 0.024; Σdx² = 0.0004+0.0064+0.0001+0.0049 = 0.0118.
    // beta = 0.024/0.0118 = 2.033898305084746; alpha = (0.05 − beta × 0.03) × 4 = −0.0440677966101695.
    expect(m.beta).toBeCloseTo(0.024 / 0.0118, 12);
    expect(m.alpha).toBeCloseTo((0.05 - (0.024 / 0.0118) * 0.03) * 4, 12);
  });

  it('measures exposure and turnover', () => {
    expect(m.exposure).toBe(0.75); // 3 of 4 bars held
    // Mean equity (110 + 99 + 99 + 118.8)/4 = 106.7; 200/106.7 = 1.874414245548266.
    expect(m.turnover).toBeCloseTo(200 / 106.7, 14);
    // Per year: turnover × ppy / bars = turnover × 4/4.
    expect(m.annualTurnover).toBeCloseTo(200 / 106.7, 14);
  });

  it('subtracts the per-bar risk-free rate (annual rate / periodsPerYear)', () => {
    // rf = 0.04 → 0.01 a bar. Sharpe (0.05 − 0.01)/sd × 2 = 0.619677335393187.
    // Sortino: r − 0.01 = 0.09, −0.11, −0.01, 0.19 → (0.0121 + 0.0001)/4 = 0.00305 → DD = 0.0552268050859363;
    // 0.04/DD × 2 = 1.44857193668030. Alpha: (0.04 − beta × 0.02) × 4 = −0.00271186440677973; beta unchanged.
    const r = computeMetrics({ ...base, riskFreeRate: 0.04 });
    expect(r.riskFreeRate).toBe(0.04);
    expect(r.sharpe).toBeCloseTo((0.04 / sd) * 2, 12);
    expect(r.sortino).toBeCloseTo((0.04 / Math.sqrt(0.00305)) * 2, 12);
    expect(r.alpha).toBeCloseTo((0.04 - (0.024 / 0.0118) * 0.02) * 4, 12);
    expect(r.beta).toBeCloseTo(m.beta!, 14);
  });

  it('splits the returns by calendar month and year (UTC)', () => {
    // Times from 1970-01-01 to 1971-01-01 00:00 + 6 h: four different months, two years.
    expect(m.monthlyReturns.map((p) => p.period)).toEqual(['1970-01', '1970-05', '1970-09', '1971-01']);
    expect(m.monthlyReturns.map((p) => p.return)).toEqual([110 / 100 - 1, 99 / 110 - 1, 99 / 99 - 1, 118.8 / 99 - 1]);
    expect(m.yearlyReturns.map((p) => [p.period, p.return])).toEqual([['1970', 99 / 100 - 1], ['1971', 118.8 / 99 - 1]]);
  });

  it('passes the schema and JSON', () => roundTrips(m));
});

describe('computeMetrics against the textbook formulas on a longer series', () => {
  // A deterministic wobbly series: 500 daily returns from the Park–Miller generator.
  const n = 500;
  const r: number[] = [];
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 16807) % 2147483647;
    r.push((seed / 2147483647 - 0.48) * 0.04);
  }
  const equity: number[] = [];
  let e = 1000;
  for (const x of r) equity.push((e *= 1 + x));
  const m = computeMetrics(input(equity, { initialCash: 1000, periodsPerYear: 252, riskFreeRate: 0.02 }));

  // Plain formulas, written out independently of the module.
  const ret = equity.map((v, i) => v / (i === 0 ? 1000 : equity[i - 1]!) - 1);
  const avg = ret.reduce((a, b) => a + b, 0) / n;
  const variance = ret.reduce((a, b) => a + (b - avg) ** 2, 0) / (n - 1);
  const rfBar = 0.02 / 252;

  it('Sharpe = mean(r − rf/252) / sd(r) × √252 with the n − 1 standard deviation', () => {
    expect(m.sharpe).toBeCloseTo(((avg - rfBar) / Math.sqrt(variance)) * Math.sqrt(252), 10);
    expect(m.annualVolatility).toBeCloseTo(Math.sqrt(variance * 252), 12);
  });

  it('Sortino divides by the downside deviation over all n returns', () => {
    const dd = Math.sqrt(ret.reduce((a, b) => a + Math.min(0, b - rfBar) ** 2, 0) / n);
    expect(m.sortino).toBeCloseTo(((avg - rfBar) / dd) * Math.sqrt(252), 10);
  });

  it('VaR/CVaR 95 % match a sort-and-interpolate done by hand', () => {
    const sorted = [...ret].sort((a, b) => a - b);
    const h = (n - 1) * 0.05; // 24.95 → between the 25th and 26th smallest
    const q = sorted[24]! + 0.95 * (sorted[25]! - sorted[24]!);
    expect(h).toBeCloseTo(24.95, 12);
    expect(m.var95).toBeCloseTo(-q, 12);
    const tail = sorted.slice(0, 25); // the 25 returns ≤ Q
    expect(m.cvar95).toBeCloseTo(-tail.reduce((a, b) => a + b, 0) / 25, 12);
  });

  it('beta of the series against itself is 1 and alpha 0', () => {
    expect(m.beta).toBeCloseTo(1, 12);
    expect(m.alpha).toBeCloseTo(0, 12);
  });
});

describe('computeMetrics edge cases', () => {
  it('flat equity: zero return and volatility, null ratios, no drawdown', () => {
    const m = computeMetrics(input([100, 100, 100, 100]));
    expect(m.totalReturn).toBe(0);
    expect(m.cagr).toBe(0);
    expect(m.annualVolatility).toBe(0);
    expect(m.sharpe).toBeNull();
    expect(m.sortino).toBeNull();
    expect(m.calmar).toBeNull();
    expect(m.beta).toBeNull();
    expect(m.alpha).toBeNull();
    expect(m.maxDrawdown).toEqual({
      depth: 0, startIndex: null, startTime: null, troughIndex: null, troughTime: null,
      recoveryIndex: null, recoveryTime: null, durationBars: 0, durationMs: 0,
    });
    expect(m.averageDrawdown).toBe(0);
    expect(m.drawdownCount).toBe(0);
    expect(m.var95).toBe(0);
    expect(m.cvar99).toBe(0);
    expect(m.exposure).toBe(0);
    expect(m.turnover).toBe(0);
    roundTrips(m);
  });

  it('a constant gain every bar has no spread: Sharpe is null rather than a rounding-noise giant', () => {
    const m = computeMetrics(input([101, 102.01, 103.0301, 104.060401]));
    expect(m.annualVolatility).toBeLessThan(1e-12);
    expect(m.sharpe).toBeNull();
    expect(m.sortino).toBeNull(); // no return below the target
    expect(m.calmar).toBeNull(); // no drawdown
  });

  it('no trades: counts of 0 and null averages and ratios', () => {
    const m = computeMetrics(input([100, 101]));
    expect(m.tradeCount).toBe(0);
    expect(m.winRate).toBeNull();
    expect(m.profitFactor).toBeNull();
    expect(m.expectancy).toBeNull();
    expect(m.payoffRatio).toBeNull();
    expect(m.averageWin).toBeNull();
    expect(m.largestLoss).toBeNull();
    expect(m.longestWinStreak).toBe(0);
    expect(m.longestLossStreak).toBe(0);
    roundTrips(m);
  });

  it('one bar: no CAGR (no time elapsed), no volatility, VaR from the single return', () => {
    const m = computeMetrics(input([90]));
    expect(m.totalReturn).toBeCloseTo(-0.1, 14);
    expect(m.cagr).toBeNull();
    expect(m.annualVolatility).toBeNull();
    expect(m.sharpe).toBeNull();
    expect(m.var95).toBeCloseTo(0.1, 14); // the only return, −0.1
    expect(m.maxDrawdown.depth).toBe(0); // the first close is the first peak
    roundTrips(m);
  });

  it('no bars: null for everything measured over bars', () => {
    const m = computeMetrics(input([]));
    expect(m.bars).toBe(0);
    expect(m.finalEquity).toBe(100);
    expect(m.totalReturn).toBeNull();
    expect(m.maxDrawdown.depth).toBeNull();
    expect(m.averageDrawdown).toBeNull();
    expect(m.var95).toBeNull();
    expect(m.exposure).toBeNull();
    expect(m.turnover).toBeNull();
    expect(m.monthlyReturns).toEqual([]);
    roundTrips(m);
  });

  it('ruin: CAGR −100 % and finite statistics after the equity reaches 0', () => {
    const m = computeMetrics(input([50, 0, -10, -10]));
    expect(m.cagr).toBe(-1);
    expect(m.totalReturn).toBeCloseTo(-1.1, 14);
    // r = −0.5, −1, then 0 and 0 (a return from a base ≤ 0 is taken as 0).
    expect(m.var99).toBeCloseTo(1 - 0.03 * 0.5, 12); // sorted −1, −0.5, 0, 0: Q = −1 + 0.03 × 0.5
    expect(m.maxDrawdown.depth).toBeCloseTo(-1.2, 14); // −10/50 − 1
    roundTrips(m);
  });

  it('an unrecovered drawdown lasts to the last bar', () => {
    const m = computeMetrics(input([100, 120, 90, 100, 110]));
    expect(m.maxDrawdown).toMatchObject({ depth: -0.25, startIndex: 1, troughIndex: 2, recoveryIndex: null, recoveryTime: null, durationBars: 3, durationMs: 3 * DAY });
  });

  it('trade statistics include the position still open at the end', () => {
    const trade = (pnl: number, open = false): Trade => ({
      id: 1, direction: 'long', qty: 1, entryIndex: 0, entryTime: 0, entryPrice: 100, exitIndex: 1, exitTime: DAY,
      exitPrice: 100 + pnl, pnl, returnPct: pnl / 100, commission: 0, mae: 0, mfe: 0, barsHeld: 1, open,
    });
    const m = computeMetrics(input([100, 110, 105], { trades: [trade(10), trade(-5, true)] }));
    expect(m.tradeCount).toBe(2);
    expect(m.openTradeCount).toBe(1);
    expect(m.winRate).toBe(0.5);
    expect(m.profitFactor).toBe(2); // 10 / 5
    expect(m.expectancy).toBe(2.5); // (10 − 5) / 2
  });

  it('refuses columns of different lengths', () => {
    expect(() => computeMetrics(input([100, 101], { inMarket: new Uint8Array(3) }))).toThrow(/one length/);
  });
});
