import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import { excursionPoints, holdingDistribution, meanReturnPercent, returnDistribution } from '../../../../src-renderer/pages/backtest/analysis/trade-series.ts';

let nextId = 1;
function trade(pnl: number, returnPct: number, extra: Partial<Trade> = {}): Trade {
  return {
    id: nextId++,
    direction: 'long',
    qty: 10,
    entryIndex: 0,
    entryTime: Date.UTC(2024, 0, 2),
    entryPrice: 100,
    exitIndex: 3,
    exitTime: Date.UTC(2024, 0, 5),
    exitPrice: 100 * (1 + returnPct),
    pnl,
    returnPct,
    commission: 0,
    mae: 0,
    mfe: 0,
    barsHeld: 3,
    open: false,
    ...extra,
  };
}

describe('trade plot series', () => {
  it('splits the return histogram into wins and losses by net P&L, counting every trade once', () => {
    const trades = [trade(20, 0.02), trade(-10, -0.01), trade(50, 0.05), trade(-30, -0.03)];
    const d = returnDistribution(trades);
    // Returns −3..5 % in 8 equal bins of 1 %.
    expect(d.edges[0]).toBe(-3);
    expect(d.edges[d.edges.length - 1]).toBe(5);
    expect(d.series.map((s) => s.name)).toEqual(['wins', 'losses']);
    const [wins, losses] = d.series;
    expect(wins.counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(losses.counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(losses.counts[0]).toBe(1); // −3 % in [−3, −2)
    expect(losses.counts[2]).toBe(1); // −1 % in [−1, 0)
    expect(wins.counts[7]).toBe(1); // +5 % in the closed last bin
  });

  it('adds a series for trades at exactly zero only when there are some', () => {
    const d = returnDistribution([trade(0, 0), trade(5, 0.01)]);
    expect(d.series.map((s) => s.name)).toEqual(['wins', 'losses', 'at zero']);
  });

  it('bins bars held in whole bars', () => {
    const d = holdingDistribution([trade(1, 0.01, { barsHeld: 1 }), trade(-1, -0.01, { barsHeld: 2 }), trade(1, 0.01, { barsHeld: 2 })]);
    expect(d.edges).toEqual([0.5, 1.5, 2.5]);
    expect(d.series[0].counts).toEqual([1, 1]);
    expect(d.series[1].counts).toEqual([0, 1]);
  });

  it('averages the returns in percent', () => {
    expect(meanReturnPercent([trade(20, 0.02), trade(-10, -0.01)])).toBeCloseTo(0.5, 12);
    expect(meanReturnPercent([])).toBe(0);
  });

  it('expresses excursions as a percent of the entry price', () => {
    const t = trade(-40, -0.02, { entryPrice: 200, mae: 6, mfe: 1 });
    expect(excursionPoints([t], 'mae')[0]).toMatchObject({ excursion: 3, returnPercent: -2, tone: 'loss' });
    expect(excursionPoints([t], 'mfe')[0].excursion).toBeCloseTo(0.5, 12);
    expect(excursionPoints([trade(1, 0.01, { entryPrice: 0 })], 'mae')).toEqual([]);
  });
});
