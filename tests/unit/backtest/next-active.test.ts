import { describe, expect, it } from 'vitest';
import { BacktestSettingsSchema, type BacktestSettingsInput } from '../../../src-shared/domain/backtest.ts';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { Engine } from '../../../src-workers/backtest/engine.ts';
import { runBacktest } from '../../../src-workers/backtest/run.ts';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';
import { defineStrategy, type StrategyDefinition, type StrategyInstance } from '../../../src-workers/backtest/strategy.ts';
import { sharedDataDir } from '../../support/shared-data.ts';
import { loadDaily } from '../indicators/kernels/fixtures.ts';

// A strategy's nextActive lets the engine skip the bars on which its onBar would do nothing. The
// promise is exactness: a run that skips them is the run that calls onBar on every bar.

const DAY = 86_400_000;
const TF = '1d' as Timeframe;
const SETTINGS: BacktestSettingsInput = { initialCash: 100_000, commission: { kind: 'percent', rate: 0.001 }, sizing: { kind: 'percent', percent: 100 } };

function barsFrom(close: number[]): BarColumns {
  const c = Float64Array.from(close);
  return {
    time: Float64Array.from(close, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
    open: c.map((x, i) => (i > 0 ? c[i - 1]! : x)),
    high: c.map((x, i) => Math.max(x, i > 0 ? c[i - 1]! : x) + 0.5),
    low: c.map((x, i) => Math.min(x, i > 0 ? c[i - 1]! : x) - 0.5),
    close: c,
    volume: new Float64Array(close.length).fill(1000),
  };
}

/** The same strategy with its nextActive taken away: onBar is called on every bar. */
function everyBar(def: StrategyDefinition): StrategyDefinition {
  return defineStrategy({
    ...def,
    setup(ctx, params) {
      const inner = def.setup(ctx, params);
      return { onBar: (i, t) => inner.onBar(i, t) };
    },
  });
}

function expectSameRun(bars: BarColumns, params: Record<string, number>, settings: BacktestSettingsInput, onProgress?: () => void): number {
  const run = (strategy: StrategyDefinition) => runBacktest({ bars, timeframe: TF, calendar: 'stock', strategy, params, settings, onProgress });
  const skipping = run(smaCross);
  const calling = run(everyBar(smaCross));
  expect(skipping.orders).toEqual(calling.orders);
  expect(skipping.fills).toEqual(calling.fills);
  expect(skipping.trades).toEqual(calling.trades);
  expect(skipping.equity).toEqual(calling.equity);
  expect(skipping.metrics).toEqual(calling.metrics);
  return skipping.trades.length;
}

describe('sma-cross skipping the bars between crossings', () => {
  it('gives the run that calls onBar on every bar, through warm-up, equal averages and flat prices', () => {
    // A wave with a flat stretch (both SMAs equal there: a difference of exactly 0) and a trend.
    const close = Array.from({ length: 600 }, (_, i) => (i >= 200 && i < 260 ? 40 : 40 + 8 * Math.sin(i / 11) + i * 0.01));
    const bars = barsFrom(close);
    let traded = 0;
    for (const [fast, slow] of [[3, 7], [5, 20], [10, 30], [20, 60]] as const) traded += expectSameRun(bars, { fast, slow }, SETTINGS);
    expect(traded).toBeGreaterThan(20);
  });

  it.skipIf(!sharedDataDir)('gives the same runs on ORCL daily, with progress reported and without', () => {
    const d = loadDaily('orcl-1995-2014.csv');
    const bars: BarColumns = { time: d.time, open: d.open, high: d.high, low: d.low, close: d.close, volume: d.volume };
    let reports = 0;
    for (const [fast, slow] of [[5, 20], [15, 85], [50, 200]] as const) {
      expectSameRun(bars, { fast, slow }, SETTINGS);
      expectSameRun(bars, { fast, slow }, { ...SETTINGS, slippage: { kind: 'bps', bps: 5 }, tickSize: 0.01 }, () => reports++);
    }
    expect(reports).toBeGreaterThan(0);
  });
});

describe('the engine with a strategy that says where it acts', () => {
  const n = 100;
  const bars = barsFrom(Array.from({ length: n }, (_, i) => 50 + (i % 7)));
  const active = [10, 20, 21, 50];

  /** Buys at bar 10 and sells at bar 20, records the bars it was called on. */
  function probe(calls: number[]): StrategyInstance {
    return {
      onBar(i, t) {
        calls.push(i);
        if (i === 10) t.buy({ qty: 10 });
        if (i === 20) t.sell({ qty: 10 });
      },
      nextActive: (i) => active.find((a) => a >= i) ?? n,
    };
  }

  it('calls onBar on the active bars and on every bar with an order working', () => {
    const calls: number[] = [];
    const engine = new Engine(bars, BacktestSettingsSchema.parse({ initialCash: 10_000 }), { periodsPerYear: 252 });
    const result = engine.run(probe(calls));
    // 11 and 21: the bars after an order was placed, when it fills.
    expect(calls).toEqual([10, 11, 20, 21, 50]);
    expect(result.fills.map((f) => f.barIndex)).toEqual([11, 21]);
    expect(result.equity).toHaveLength(n);
    // Flat before the entry and after the exit, marked all the same.
    expect(result.equity[5]).toBe(10_000);
    expect(result.equity[n - 1]).toBe(result.equity[30]);
  });

  it('does not skip a bar that reports progress', () => {
    const calls: number[] = [];
    const progress: number[] = [];
    const engine = new Engine(bars, BacktestSettingsSchema.parse({ initialCash: 10_000 }), {
      periodsPerYear: 252, progressEvery: 25, onProgress: (done) => progress.push(done),
    });
    engine.run(probe(calls));
    expect(calls).toEqual([10, 11, 20, 21, 24, 49, 50, 74, 99]);
    expect(progress).toEqual([25, 50, 75, 100]);
  });

  it('charges a financed short on every bar while the strategy is quiet', () => {
    const short = (withNextActive: boolean) =>
      defineStrategy({
        id: 'short', name: 'short', description: '', version: '0', params: [],
        setup: () => ({
          onBar: (i, t) => void (i === 5 ? t.sell({ qty: 20 }) : undefined),
          ...(withNextActive ? { nextActive: (i: number) => (i <= 5 ? 5 : n) } : {}),
        }),
      });
    const settings = { initialCash: 10_000, shortFinancingRate: 0.5 };
    const run = (strategy: StrategyDefinition) => runBacktest({ bars, timeframe: TF, calendar: 'stock', strategy, settings });
    const skipping = run(short(true));
    const calling = run(short(false));
    expect(skipping.equity).toEqual(calling.equity);
    expect(skipping.trades).toEqual(calling.trades);
    // Financing accrued: the open short's P&L is below what the price alone gives.
    const trade = skipping.trades[0]!;
    expect(trade.pnl).toBeLessThan((trade.entryPrice - trade.exitPrice) * trade.qty);
  });
});
