import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../src-shared/domain/backtest.ts';
import { TradeAnalysisSchema } from '../../../src-shared/domain/metrics.ts';
import {
  analyzeDrawdowns, analyzeTrades, drawdownCurve, monthlyReturns, periodsPerYear, quantileSorted, simpleReturns, tailRisk, yearlyReturns,
} from '../../../src-workers/backtest/metrics/index.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);
const days = (n: number) => Float64Array.from({ length: n }, (_, i) => i * 86_400_000);

describe('simpleReturns', () => {
  it('measures the first bar from the initial cash', () => {
    // 110/100 − 1, 99/110 − 1, 99/99 − 1
    expect(Array.from(simpleReturns(f64([110, 99, 99]), 100))).toEqual([110 / 100 - 1, 99 / 110 - 1, 0]);
  });
});

describe('drawdownCurve and analyzeDrawdowns', () => {
  it('is equity over the running peak minus one', () => {
    // peaks 100, 120, 120, 120, 130, 130 → 0, 0, 90/120−1 = −0.25, 0, 0, 65/130−1 = −0.5
    expect(Array.from(drawdownCurve(f64([100, 120, 90, 120, 130, 65])))).toEqual([0, 0, -0.25, 0, 0, -0.5]);
  });

  it('separates episodes, averages their depths and picks the deepest', () => {
    // Episode 1: peak 120 (bar 1), trough 90 (bar 2, −25 %), recovered at bar 3.
    // Episode 2: peak 130 (bar 4), trough 65 (bar 5, −50 %), never recovered. Mean depth −0.375.
    const s = analyzeDrawdowns(f64([100, 120, 90, 120, 130, 65]), days(6));
    expect(s.drawdownCount).toBe(2);
    expect(s.averageDrawdown).toBe(-0.375);
    expect(s.maxDrawdown).toEqual({
      depth: -0.5, startIndex: 4, startTime: 4 * 86_400_000, troughIndex: 5, troughTime: 5 * 86_400_000,
      recoveryIndex: null, recoveryTime: null, durationBars: 1, durationMs: 86_400_000,
    });
  });

  it('keeps the earlier of two equally deep drawdowns', () => {
    const s = analyzeDrawdowns(f64([100, 90, 100, 90]), days(4));
    expect(s.maxDrawdown).toMatchObject({ depth: 90 / 100 - 1, startIndex: 0, troughIndex: 1, recoveryIndex: 2, durationBars: 2 });
    expect(s.drawdownCount).toBe(2);
  });

  it('starts at the last bar at the peak and recovers at the first bar back at it', () => {
    // 100, 100 (peak again), 80, 90, 100 (recovery at equality), 100
    const s = analyzeDrawdowns(f64([100, 100, 80, 90, 100, 100]), days(6));
    expect(s.maxDrawdown).toMatchObject({ depth: 80 / 100 - 1, startIndex: 1, troughIndex: 2, recoveryIndex: 4, durationBars: 3, durationMs: 3 * 86_400_000 });
  });

  it('agrees with the minimum of the drawdown curve', () => {
    const equity = f64([100, 104, 97, 103, 108, 101, 95, 99, 110, 107]);
    const curve = drawdownCurve(equity);
    expect(analyzeDrawdowns(equity, days(10)).maxDrawdown.depth).toBe(Math.min(...curve));
  });
});

describe('quantileSorted and tailRisk (historical, type 7)', () => {
  it('matches the documented R / NumPy type-7 values', () => {
    // numpy.percentile([1,2,3,4], 5) = 1.15: h = 3 × 0.05 = 0.15 → 1 + 0.15 × (2 − 1).
    expect(quantileSorted(f64([1, 2, 3, 4]), 0.05)).toBeCloseTo(1.15, 14);
    // R: quantile(1:10, 0.1) = 1.9: h = 9 × 0.1 = 0.9 → 1 + 0.9 × 1.
    expect(quantileSorted(f64([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.1)).toBeCloseTo(1.9, 14);
    expect(quantileSorted(f64([1, 2, 3, 4]), 1)).toBe(4);
    expect(quantileSorted(f64([1, 2, 3, 4]), 0)).toBe(1);
  });

  it('gives VaR and CVaR of −10 % … +10 % in steps of 1 %, in any order', () => {
    // 21 values; 95 %: h = 20 × 0.05 = 1 → Q = x[1] = −0.09; tail ≤ Q = {−0.10, −0.09} → CVaR 0.095.
    // 99 %: h = 0.2 → Q = −0.10 + 0.2 × 0.01 = −0.098; tail = {−0.10} → CVaR 0.10.
    const values = Array.from({ length: 21 }, (_, i) => (i - 10) / 100);
    const shuffled = f64(values.map((_, i) => values[(i * 8) % 21]!)); // 8 is coprime to 21: a permutation
    expect([...shuffled].sort((a, b) => a - b)).toEqual(values);
    const [t95, t99] = tailRisk(shuffled, [0.05, 0.01]);
    expect(t95!.var).toBeCloseTo(0.09, 14);
    expect(t95!.cvar).toBeCloseTo(0.095, 14);
    expect(t99!.var).toBeCloseTo(0.098, 14);
    expect(t99!.cvar).toBeCloseTo(0.1, 14);
  });

  it('includes every return tied with the quantile in the CVaR tail', () => {
    // 0.05 quantile of {−0.04, 0 × 19}: h = 19 × 0.05 = 0.95 → Q = −0.04 + 0.95 × 0.04 = −0.002; tail {−0.04}.
    // 0.10 quantile: h = 1.9 → Q = x[1] + 0.9 × (x[2] − x[1]) = 0; the tail is all 20 returns: mean −0.002.
    const r = f64([0, 0, 0, -0.04, ...new Array<number>(16).fill(0)]);
    const [a, b] = tailRisk(r, [0.05, 0.1]);
    expect(a!.var).toBeCloseTo(0.002, 14);
    expect(a!.cvar).toBeCloseTo(0.04, 14);
    expect(b!.var).toBe(0);
    expect(b!.cvar).toBeCloseTo(0.002, 14);
  });

  it('selects the same quantiles as a full sort on a large shuffled sample', () => {
    // 100,003 returns from the Park–Miller generator, with runs of duplicates; reference: sort all, type 7.
    let seed = 42;
    const r = new Float64Array(100_003);
    for (let i = 0; i < r.length; i++) {
      seed = (seed * 16807) % 2147483647;
      r[i] = i % 7 === 0 ? -0.01 : Math.round((seed / 2147483647 - 0.5) * 1000) / 10_000;
    }
    const sorted = [...r].sort((a, b) => a - b);
    for (const p of [0.05, 0.01]) {
      const h = (r.length - 1) * p;
      const lo = Math.floor(h);
      const q = sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!);
      const tail = sorted.filter((x) => x <= q);
      const [t] = tailRisk(r, [p]);
      expect(t!.var).toBe(-q);
      expect(t!.cvar).toBeCloseTo(-tail.reduce((s, x) => s + x, 0) / tail.length, 14);
    }
  });

  it('handles ascending, descending, constant and two-valued inputs like a full sort', () => {
    const n = 10_001;
    const inputs = [
      Float64Array.from({ length: n }, (_, i) => i / n),
      Float64Array.from({ length: n }, (_, i) => -i / n),
      new Float64Array(n).fill(0.01),
      Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -0.01 : 0.02)),
    ];
    for (const r of inputs) {
      const sorted = [...r].sort((a, b) => a - b);
      const h = (n - 1) * 0.05; // 500 exactly
      const q = sorted[Math.floor(h)]! + (h - Math.floor(h)) * (sorted[Math.floor(h) + 1]! - sorted[Math.floor(h)]!);
      expect(tailRisk(r, [0.05])[0]!.var).toBe(-q + 0);
    }
  });

  it('does not reorder the returns it is given', () => {
    const r = f64([0.03, -0.02, 0.01, -0.05]);
    tailRisk(r, [0.05]);
    expect(Array.from(r)).toEqual([0.03, -0.02, 0.01, -0.05]);
  });

  it('reports a tail that is a gain as a negative loss', () => {
    const [t] = tailRisk(f64([0.03, 0.01, 0.02]), [0.05]);
    expect(t!.var).toBeCloseTo(-0.011, 14); // Q = 0.01 + 0.1 × 0.01
    expect(t!.cvar).toBeCloseTo(-0.01, 14);
  });

  it('is null without returns', () => {
    expect(tailRisk(new Float64Array(0), [0.05])).toEqual([{ var: null, cvar: null }]);
  });
});

function trade(pnl: number, entryTime = 0, open = false): Trade {
  return {
    id: 1, direction: 'long', qty: 1, entryIndex: 0, entryTime, entryPrice: 100, exitIndex: 1, exitTime: entryTime + 3_600_000,
    exitPrice: 100 + pnl, pnl, returnPct: pnl / 100, commission: 0, mae: 0, mfe: 0, barsHeld: 1, open,
  };
}

describe('analyzeTrades', () => {
  it('computes the trade statistics by hand', () => {
    // pnl: 10, −5, 0, 20, 30, −10, −15, −1, 5 (open) → W L 0 W W L L L W
    // wins 10, 20, 30, 5: gross profit 65; losses −5, −10, −15, −1: gross loss 31; 9 trades.
    const a = analyzeTrades([10, -5, 0, 20, 30, -10, -15, -1].map((p) => trade(p)).concat(trade(5, 0, true)));
    expect(a).toMatchObject({
      tradeCount: 9, openTradeCount: 1, winCount: 4, lossCount: 4, grossProfit: 65, grossLoss: 31,
      averageWin: 16.25, averageLoss: -7.75, largestWin: 30, largestLoss: -15, longestWinStreak: 2, longestLossStreak: 3,
    });
    expect(a.winRate).toBeCloseTo(4 / 9, 15);
    expect(a.profitFactor).toBeCloseTo(65 / 31, 15);
    expect(a.expectancy).toBeCloseTo(34 / 9, 14); // (65 − 31) / 9
    expect(a.payoffRatio).toBeCloseTo(16.25 / 7.75, 15);
  });

  it('a zero-pnl trade breaks a streak', () => {
    const a = analyzeTrades([trade(1), trade(0), trade(1), trade(-1), trade(0), trade(-1)]);
    expect(a.longestWinStreak).toBe(1);
    expect(a.longestLossStreak).toBe(1);
    expect(a.winRate).toBeCloseTo(2 / 6, 15);
  });

  it('without losses the profit factor and payoff ratio are null, not Infinity', () => {
    const a = analyzeTrades([trade(3), trade(7)]);
    expect(a.profitFactor).toBeNull();
    expect(a.payoffRatio).toBeNull();
    expect(a.largestLoss).toBeNull();
    expect(a.averageLoss).toBeNull();
    expect(a.grossLoss).toBe(0);
    expect(a.winRate).toBe(1);
    expect(TradeAnalysisSchema.parse(a)).toEqual(a);
  });

  it('without wins the payoff ratio is null and the profit factor 0', () => {
    const a = analyzeTrades([trade(-3)]);
    expect(a.profitFactor).toBe(0);
    expect(a.payoffRatio).toBeNull();
    expect(a.averageWin).toBeNull();
  });

  it('groups P&L by the UTC weekday, hour and month of entry', () => {
    const monday14 = Date.UTC(2024, 0, 1, 14, 30); // 2024-01-01 was a Monday
    const friday9 = Date.UTC(2024, 4, 31, 9); // 2024-05-31 was a Friday
    const a = analyzeTrades([trade(10, monday14), trade(-4, monday14 + 7 * 86_400_000), trade(6, friday9)]);
    expect(a.byWeekday).toHaveLength(7);
    expect(a.byHour).toHaveLength(24);
    expect(a.byMonth.map((b) => b.key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(a.byWeekday[1]).toEqual({ key: 1, count: 2, winCount: 1, pnl: 6 });
    expect(a.byWeekday[5]).toEqual({ key: 5, count: 1, winCount: 1, pnl: 6 });
    expect(a.byHour[14]).toEqual({ key: 14, count: 2, winCount: 1, pnl: 6 });
    expect(a.byHour[9]).toEqual({ key: 9, count: 1, winCount: 1, pnl: 6 });
    expect(a.byMonth[0]).toEqual({ key: 1, count: 2, winCount: 1, pnl: 6 });
    expect(a.byMonth[4]).toEqual({ key: 5, count: 1, winCount: 1, pnl: 6 });
    expect(a.byWeekday.reduce((s, b) => s + b.count, 0)).toBe(3);
    expect(TradeAnalysisSchema.parse(a)).toEqual(a);
  });
});

describe('periodsPerYear', () => {
  it.each([
    ['1d', 'stock', 252],
    ['1d', 'crypto', 365],
    ['2d', 'stock', 126],
    ['1w', 'stock', 52],
    ['1M', 'crypto', 12],
    ['3M', 'stock', 4],
    ['1h', 'stock', 7 * 252], // 6.5 h session: 6 full hours and a partial one
    ['1h', 'crypto', 24 * 365],
    ['30m', 'stock', 13 * 252],
    ['1m', 'stock', 390 * 252],
    ['5m', 'stock', 78 * 252],
    ['1m', 'crypto', 1440 * 365],
    ['4h', 'stock', 2 * 252],
    ['4h', 'crypto', 6 * 365],
    ['12h', 'stock', 252], // longer than the session: one bar a day
    ['30s', 'stock', 780 * 252],
  ] as const)('%s on the %s calendar is %d bars a year', (tf, calendar, expected) => {
    expect(periodsPerYear(tf, calendar)).toBe(expected);
  });

  it('refuses a string that is not a timeframe', () => {
    expect(() => periodsPerYear('7x', 'stock')).toThrow(/not a timeframe/);
  });
});

describe('monthlyReturns and yearlyReturns', () => {
  const time = f64([
    Date.UTC(2024, 0, 15), Date.UTC(2024, 0, 31, 23, 59), // January
    Date.UTC(2024, 1, 1), Date.UTC(2024, 1, 29), // February (leap year)
    Date.UTC(2024, 3, 2), // April (no bars in March)
    Date.UTC(2024, 11, 31), // December
    Date.UTC(2025, 0, 2), // January 2025
  ]);
  const equity = f64([105, 110, 99, 121, 108.9, 120, 90]);

  it('chains each month from the last equity of the month before', () => {
    const m = monthlyReturns(time, equity, 100);
    expect(m.map((p) => p.period)).toEqual(['2024-01', '2024-02', '2024-04', '2024-12', '2025-01']);
    // Jan 110/100 − 1; Feb 121/110 − 1; Apr 108.9/121 − 1; Dec 120/108.9 − 1; Jan 90/120 − 1
    expect(m.map((p) => p.return)).toEqual([110 / 100 - 1, 121 / 110 - 1, 108.9 / 121 - 1, 120 / 108.9 - 1, 90 / 120 - 1]);
    expect(m[0]).toMatchObject({ year: 2024, month: 1, startTime: time[0], endTime: time[1] });
    expect(m[1]).toMatchObject({ year: 2024, month: 2, startTime: time[2], endTime: time[3] });
  });

  it('compounds each year from the year before', () => {
    const y = yearlyReturns(time, equity, 100);
    // 2024: 120/100 − 1; 2025: 90/120 − 1
    expect(y).toEqual([
      { period: '2024', year: 2024, month: null, startTime: time[0], endTime: time[5], return: 120 / 100 - 1 },
      { period: '2025', year: 2025, month: null, startTime: time[6], endTime: time[6], return: 90 / 120 - 1 },
    ]);
  });

  it('gives null for a period after ruin', () => {
    const y = yearlyReturns(f64([Date.UTC(2020, 5, 1), Date.UTC(2021, 5, 1)]), f64([0, 10]), 100);
    expect(y.map((p) => p.return)).toEqual([-1, null]);
  });

  it('is empty without bars', () => {
    expect(monthlyReturns(new Float64Array(0), new Float64Array(0), 100)).toEqual([]);
  });
});
