import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../../../src-shared/domain/bars.ts';
import type { PortfolioConfigInput, PortfolioSettingsInput } from '../../../../src-shared/domain/portfolio.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { runPortfolio } from '../../../../src-workers/backtest/portfolio/run.ts';
import { randomWalk, upTo } from './synthetic.ts';

function run(series: BarColumns[], config: PortfolioConfigInput, settings: PortfolioSettingsInput = {}) {
  return runPortfolio({
    instruments: series.map((bars, k) => ({ symbol: `S${k}`, bars })),
    timeframe: '1d' as Timeframe, calendar: 'crypto', config, settings,
  });
}

describe('portfolio: drift threshold', () => {
  // Two walks that drift apart, so weights move away from 50/50 between monthly rebalances.
  const series = [randomWalk(500, '2020-01-01', 0.03, 11), randomWalk(500, '2020-01-01', 0.05, 12)];

  it('without a threshold runs every scheduled rebalance', () => {
    const r = run(series, { schedule: 'monthly' });
    expect(r.rebalances.every((x) => !x.skipped)).toBe(true);
    // 500 days from Jan 1, 2020: Jan 2020 … May 2021.
    expect(r.rebalances.length).toBe(17);
  });

  it('with a threshold no drift reaches, keeps the first allocation and trades only then', () => {
    const r = run(series, { schedule: 'monthly', drift: 0.9 });
    expect(r.rebalances.filter((x) => !x.skipped).map((x) => x.barIndex)).toEqual([0]);
    expect(r.rebalances.filter((x) => x.skipped).length).toBe(16);
    expect(new Set(r.fills.map((f) => f.barIndex))).toEqual(new Set([1]));
  });

  it('runs a scheduled rebalance only when some weight is more than the threshold from its target', () => {
    const threshold = 0.03;
    const r = run(series, { schedule: 'monthly', drift: threshold });
    const later = r.rebalances.slice(1);
    for (const x of later) {
      const drift = Math.max(...x.before.map((w, k) => Math.abs(w - x.targets[k]!)));
      expect(x.maxDrift).toBeCloseTo(drift, 15);
      expect(x.skipped).toBe(drift <= threshold);
    }
    // The threshold must matter for this test to say anything.
    expect(later.some((x) => x.skipped)).toBe(true);
    expect(later.some((x) => !x.skipped)).toBe(true);
    // Orders come only from rebalances that ran: every fill is on the bar after one.
    const ran = new Set(r.rebalances.filter((x) => !x.skipped).map((x) => x.barIndex + 1));
    expect(r.fills.every((f) => ran.has(f.barIndex))).toBe(true);
  });
});

describe('portfolio: cash', () => {
  it('never goes negative, with gaps, big overnight moves, per-order minimums and daily rebalancing', () => {
    const series = [0, 1, 2, 3].map((k) => randomWalk(400, '2021-01-01', 0.25, 100 + k, 0.3));
    for (const commission of [
      { kind: 'fixed', perOrder: 25 },
      { kind: 'per-share', perShare: 0.01, minPerOrder: 5 },
      { kind: 'percent', rate: 0.002 },
    ] as const) {
      const r = run(series, { schedule: 'daily' }, { initialCash: 5_000, commission, slippage: { kind: 'bps', bps: 20 }, tickSize: 0.01 });
      expect(Math.min(...r.cash)).toBeGreaterThanOrEqual(0);
      expect(r.fills.every((f) => f.qty <= f.requested && Number.isInteger(f.qty))).toBe(true);
      // The scaling was exercised: some buys got less than asked.
      expect(r.fills.some((f) => f.side === 'BUY' && f.qty < f.requested)).toBe(true);
    }
  });
});

describe('portfolio: inverse-volatility weights', () => {
  const lookback = 20;

  /** The sample sd of the `n` returns ending at bar `i` of one series, written out plainly. */
  function sd(close: Float64Array, i: number, n: number): number {
    const r: number[] = [];
    for (let j = i - n + 1; j <= i; j++) r.push(close[j]! / close[j - 1]! - 1);
    const mean = r.reduce((s, x) => s + x, 0) / n;
    return Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  }

  it('weights each instrument by 1 / the volatility of its last N returns up to the decision bar', () => {
    const series = [0.01, 0.02, 0.04].map((vol, k) => randomWalk(200, '2022-01-01', vol, 7 + k));
    const r = run(series, { schedule: 'weekly', weights: { kind: 'inverse-volatility', lookback } });
    // The first decision is the first bar with N returns behind it.
    expect(r.rebalances[0]!.barIndex).toBe(lookback);
    for (const x of r.rebalances) {
      const inv = series.map((s) => 1 / sd(s.close, x.barIndex, lookback));
      const sum = inv.reduce((s, v) => s + v, 0);
      x.targets.forEach((w, k) => expect(w).toBeCloseTo(inv[k]! / sum, 12));
    }
    // The calmest walk gets the most weight.
    expect(r.rebalances[0]!.targets[0]).toBeGreaterThan(r.rebalances[0]!.targets[2]!);
    expect(r.fills[0]!.barIndex).toBe(lookback + 1);
  });

  it('decides nothing differently when the future is cut off', () => {
    // Gapped series: carried closes and waiting orders must not leak the future either.
    const series = [0.01, 0.03, 0.06].map((vol, k) => randomWalk(300, '2022-01-01', vol, 40 + k, 0.15));
    const config: PortfolioConfigInput = { schedule: 'weekly', weights: { kind: 'inverse-volatility', lookback } };
    const settings: PortfolioSettingsInput = { initialCash: 50_000, commission: { kind: 'percent', rate: 0.001 } };
    const full = run(series, config, settings);
    for (const cut of [lookback + 3, 100, 177, full.time.length - 2]) {
      const last = full.time[cut]!;
      const part = run(series.map((s) => upTo(s, last)), config, settings);
      expect(part.time.length).toBe(cut + 1);
      expect(part.rebalances).toEqual(full.rebalances.filter((x) => x.barIndex <= cut));
      expect(part.fills).toEqual(full.fills.filter((f) => f.barIndex <= cut));
      expect(Array.from(part.equity)).toEqual(Array.from(full.equity.subarray(0, cut + 1)));
    }
  });
});
