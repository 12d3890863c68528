import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../../../src-shared/domain/bars.ts';
import type { PortfolioConfigInput, PortfolioSettingsInput } from '../../../../src-shared/domain/portfolio.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { runPortfolio } from '../../../../src-workers/backtest/portfolio/run.ts';
import { tasks } from '../../../../src-workers/tasks.ts';
import { barsOn, day } from './synthetic.ts';

const DAYS = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02'];

function run(instruments: Record<string, BarColumns>, config: PortfolioConfigInput, settings: PortfolioSettingsInput) {
  return runPortfolio({
    instruments: Object.entries(instruments).map(([symbol, bars]) => ({ symbol, bars })),
    timeframe: '1d' as Timeframe, calendar: 'stock', config, settings,
  });
}

const fillsOf = (r: ReturnType<typeof run>) => r.fills.map((f) => ({ bar: f.barIndex, symbol: f.symbol, side: f.side, qty: f.qty, requested: f.requested, price: f.price }));

describe('portfolio: two instruments, equal weights, monthly, 0.1 % commission (hand-computed)', () => {
  // Jan 30 decides the first allocation; Feb 1 (first bar of February) decides a rebalance.
  const a = barsOn(DAYS, [10, 10, 12, 16], [10, 12, 15, 16]);
  const b = barsOn(DAYS, [20, 20, 19, 18], [20, 19, 18, 18]);
  const r = run({ A: a, B: b }, { schedule: 'monthly' }, { initialCash: 10_000, commission: { kind: 'percent', rate: 0.001 } });

  it('fills every order at the next open, scaling the first buys to the cash and selling before buying', () => {
    // Jan 30 close: 0.5 × 10,000 → 500 A at 10 and 250 B at 20. Jan 31 open: they cost 5,005 + 5,005 > 10,000,
    // so each is scaled by 10,000 / 10,010 and rounded down: 499 A, 249 B.
    // Feb 1 close: equity 20.03 + 499 × 15 + 249 × 18 = 11,987.03; half is 5,993.515 → 399 A (sell 100), 332 B (buy 83).
    // Feb 2 open: the sale of 100 A at 16 (1,598.40 net) pays for 83 B at 18 (1,495.494), which cash alone (20.03) could not.
    expect(fillsOf(r)).toEqual([
      { bar: 1, symbol: 'A', side: 'BUY', qty: 499, requested: 500, price: 10 },
      { bar: 1, symbol: 'B', side: 'BUY', qty: 249, requested: 250, price: 20 },
      { bar: 3, symbol: 'A', side: 'SELL', qty: 100, requested: 100, price: 16 },
      { bar: 3, symbol: 'B', side: 'BUY', qty: 83, requested: 83, price: 18 },
    ]);
    const commissions = [4.99, 4.98, 1.6, 1.494];
    r.fills.forEach((f, i) => expect(f.commission).toBeCloseTo(commissions[i]!, 10));
    expect(r.totalCommission).toBeCloseTo(13.064, 10);
    expect(r.rejections).toEqual([]);
  });

  it('marks equity and cash at every close and ends with the hand-computed positions', () => {
    const equity = [10_000, 20.03 + 499 * 12 + 249 * 19, 20.03 + 499 * 15 + 249 * 18, 122.936 + 399 * 16 + 332 * 18];
    r.equity.forEach((e, i) => expect(e).toBeCloseTo(equity[i]!, 9));
    [10_000, 20.03, 20.03, 122.936].forEach((c, i) => expect(r.cash[i]).toBeCloseTo(c, 9));
    expect(r.finalEquity).toBeCloseTo(12_482.936, 9);
    expect(r.positions.map((p) => [p.symbol, p.qty, p.price, p.value])).toEqual([['A', 399, 16, 6384], ['B', 332, 18, 5976]]);
    expect(r.finalCash).toBeCloseTo(122.936, 9);
  });

  it('records weights at every close and each rebalance with its targets and drift', () => {
    const e2 = 11_987.03;
    expect(r.weights[2 * 2]).toBeCloseTo((499 * 15) / e2, 12);
    expect(r.weights[2 * 2 + 1]).toBeCloseTo((249 * 18) / e2, 12);
    expect(r.rebalances.map((x) => [x.barIndex, x.targets, x.skipped])).toEqual([[0, [0.5, 0.5], false], [2, [0.5, 0.5], false]]);
    // A is 0.1244 over its target, B 0.1261 under (the cash is the rest): the larger is the drift.
    expect(r.rebalances[1]!.maxDrift).toBeCloseTo(0.5 - (249 * 18) / e2, 12);
  });

  it('benchmarks buy and hold of the first targets, bought at the first fill bar, never rebalanced', () => {
    // 5,000 / 10 = 500 A and 5,000 / 20 = 250 B at Jan 31's open, no costs.
    expect(Array.from(r.benchmark.equity)).toEqual([10_000, 500 * 12 + 250 * 19, 500 * 15 + 250 * 18, 500 * 16 + 250 * 18]);
    expect(r.benchmark.finalEquity).toBe(12_500);
    expect(r.benchmark.targets).toEqual([0.5, 0.5]);
    expect(r.benchmark.metrics.totalReturn).toBeCloseTo(0.25, 12);
    expect(r.metrics.benchmarkReturn).toBeCloseTo(0.25, 12);
  });

  it('reports turnover as traded value over mean equity, and the S5 metrics of the equity curve', () => {
    const traded = 499 * 10 + 249 * 20 + 100 * 16 + 83 * 18;
    expect(r.tradedValue).toBeCloseTo(traded, 9);
    const meanEquity = (10_000 + 10_739.03 + 11_987.03 + 12_482.936) / 4;
    expect(r.turnover).toBeCloseTo(traded / meanEquity, 12);
    expect(r.metrics.totalReturn).toBeCloseTo(12_482.936 / 10_000 - 1, 12);
    expect(r.metrics.bars).toBe(4);
  });

  it('runs the same as the worker task', () => {
    const viaTask = tasks['portfolio.run'](
      { instruments: [{ symbol: 'A', bars: a }, { symbol: 'B', bars: b }], timeframe: '1d' as Timeframe, calendar: 'stock', config: { schedule: 'monthly' }, settings: { initialCash: 10_000, commission: { kind: 'percent', rate: 0.001 } } },
      () => {},
    );
    expect(viaTask.fills).toEqual(r.fills);
    expect(Array.from(viaTask.equity)).toEqual(Array.from(r.equity));
  });
});

describe('portfolio: alignment (hand-computed)', () => {
  it('values an instrument without a bar at its last close and fills its order at its next bar', () => {
    // B has no bar on Jan 31: its first order waits for Feb 1's open (19); A's fills on Jan 31 alone.
    const a = barsOn(DAYS, [10, 10, 12, 16], [10, 12, 15, 16]);
    const b = barsOn(['2024-01-30', '2024-02-01', '2024-02-02'], [20, 19, 18], [20, 18, 18]);
    const r = run({ A: a, B: b }, { schedule: 'monthly' }, { initialCash: 10_000, commission: { kind: 'percent', rate: 0.001 } });
    // Jan 31: 500 A at 10 (+5) → cash 4,995. Feb 1: 250 B at 19 (+4.75) → cash 240.25; close: equity
    // 240.25 + 500 × 15 + 250 × 18 = 12,240.25, half 6,120.125 → 408 A (sell 92), 340 B (buy 90) at Feb 2's open.
    expect(fillsOf(r)).toEqual([
      { bar: 1, symbol: 'A', side: 'BUY', qty: 500, requested: 500, price: 10 },
      { bar: 2, symbol: 'B', side: 'BUY', qty: 250, requested: 250, price: 19 },
      { bar: 3, symbol: 'A', side: 'SELL', qty: 92, requested: 92, price: 16 },
      { bar: 3, symbol: 'B', side: 'BUY', qty: 90, requested: 90, price: 18 },
    ]);
    [5, 4.75, 1.472, 1.62].forEach((c, i) => expect(r.fills[i]!.commission).toBeCloseTo(c, 10));
    // Jan 31: B is still flat, A is valued at its close.
    const equity = [10_000, 4_995 + 500 * 12, 240.25 + 500 * 15 + 250 * 18, 89.158 + 408 * 16 + 340 * 18];
    r.equity.forEach((e, i) => expect(e).toBeCloseTo(equity[i]!, 9));
    expect(r.finalEquity).toBeCloseTo(12_737.158, 9);
    // The benchmark buys B at its first open after the decision, 19 on Feb 1; until then that half is cash.
    const bench = [10_000, 5_000 + 500 * 12, 500 * 15 + (5_000 / 19) * 18, 500 * 16 + (5_000 / 19) * 18];
    r.benchmark.equity.forEach((e, i) => expect(e).toBeCloseTo(bench[i]!, 9));
  });

  it('gives an instrument no weight before its first bar and includes it from the next rebalance', () => {
    const a = barsOn(DAYS, [10, 10, 12, 16], [10, 12, 15, 16]);
    const b = barsOn(['2024-02-01', '2024-02-02'], [20, 18], [20, 18]);
    const r = run({ A: a, B: b }, { schedule: 'monthly' }, { initialCash: 1_000 });
    // Jan 30: only A has a price → 100 % A = 100 shares. Feb 1: equity 1,500 → 50 A (sell 50), 37 B at 20's close.
    expect(r.rebalances.map((x) => [x.barIndex, x.targets])).toEqual([[0, [1, 0]], [2, [0.5, 0.5]]]);
    expect(fillsOf(r)).toEqual([
      { bar: 1, symbol: 'A', side: 'BUY', qty: 100, requested: 100, price: 10 },
      { bar: 3, symbol: 'A', side: 'SELL', qty: 50, requested: 50, price: 16 },
      { bar: 3, symbol: 'B', side: 'BUY', qty: 37, requested: 37, price: 18 },
    ]);
    expect(Array.from(r.equity)).toEqual([1_000, 1_200, 1_500, 134 + 50 * 16 + 37 * 18]);
    expect(r.benchmark.targets).toEqual([1, 0]);
    expect(Array.from(r.benchmark.equity)).toEqual([1_000, 1_200, 1_500, 1_600]);
  });
});

describe('portfolio: cash', () => {
  it('rejects a buy the cash left cannot pay for, with the reason, and never goes below zero', () => {
    // Equal weights of 1,000 at 100 → 5 A and 5 B. Next open B gaps to 300; a fixed $450 a fill makes the buys
    // cost 950 + 1,950. Scaled by 1,000 / 2,900: 1 A (550), then 1 B would cost 750 with 450 left → nothing.
    const a = barsOn(['2024-01-02', '2024-01-03'], [100, 100], [100, 100]);
    const b = barsOn(['2024-01-02', '2024-01-03'], [100, 300], [100, 300]);
    const r = run({ A: a, B: b }, { schedule: 'monthly' }, { initialCash: 1_000, commission: { kind: 'fixed', perOrder: 450 } });
    expect(fillsOf(r)).toEqual([{ bar: 1, symbol: 'A', side: 'BUY', qty: 1, requested: 5, price: 100 }]);
    expect(r.rejections).toEqual([
      { barIndex: 1, time: day('2024-01-03'), symbol: 'B', side: 'BUY', requested: 5, reason: 'buying 5 at 300 needs 1950.00; the cash left (450.00) does not buy one lot with its commission' },
    ]);
    expect(r.finalCash).toBe(450);
    expect(r.finalEquity).toBe(550);
  });
});

describe('portfolio: validation', () => {
  const a = barsOn(DAYS, [10, 10, 12, 16], [10, 12, 15, 16]);
  it.each([
    [{ A: a }, { schedule: 'monthly', weights: { kind: 'fixed', weights: { A: 0.5, Z: 0.2 } } }, /fixed weight for "Z", which is not one of the run's symbols \(A\)/],
    [{ A: a }, { schedule: 'monthly', weights: { kind: 'fixed', weights: { A: 0.7, B: 0.4 } } }, /must sum to at most 1/],
    [{ A: a }, { schedule: 'hourly' }, /portfolio config at schedule/],
    [{ A: barsOn(['2024-01-02'], [1], [1]) }, { schedule: 'monthly' }, /1 bar\(s\) in the chosen range; a portfolio backtest needs at least 2/],
  ] as const)('refuses %#', (instruments, config, message) => {
    expect(() => run(instruments as Record<string, BarColumns>, config as PortfolioConfigInput, {})).toThrow(message);
  });

  it('refuses a symbol given twice', () => {
    expect(() =>
      runPortfolio({ instruments: [{ symbol: 'A', bars: a }, { symbol: 'A', bars: a }], timeframe: '1d' as Timeframe, calendar: 'stock', config: { schedule: 'daily' } }),
    ).toThrow(/"A" appears twice/);
  });
});
