import { describe, expect, it } from 'vitest';
import { BacktestSettingsSchema } from '../../../src-shared/domain/backtest.ts';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { Engine } from '../../../src-workers/backtest/engine.ts';
import { tradeStats } from '../../../src-workers/backtest/metrics/trades.ts';
import { createSetupContext } from '../../../src-workers/backtest/setup-context.ts';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';

// The optimizer's engine runs without recording: no orders, fills or trades kept, no excursions
// tracked, the trades' statistics tallied as they close. Everything it does give — those statistics,
// equity, in-market flags, turnover — must be what a recording run gives.

const DAY = 86_400_000;

function wave(n: number): BarColumns {
  const close = Float64Array.from({ length: n }, (_, i) => 30 + 6 * Math.sin(i / 13) + 3 * Math.sin(i / 5) + i * 0.02);
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2019, 0, 1) + i * DAY),
    open: close.map((c, i) => (i > 0 ? close[i - 1]! : c)),
    high: close.map((c, i) => Math.max(c, i > 0 ? close[i - 1]! : c) + 0.4),
    low: close.map((c, i) => Math.min(c, i > 0 ? close[i - 1]! : c) - 0.4),
    close,
    volume: new Float64Array(n).fill(5000),
  };
}

describe('an engine that does not record', () => {
  it('gives the trade statistics, equity and flags of a recording run, keeping no orders, fills or trades', () => {
    const bars = wave(800);
    const settings = BacktestSettingsSchema.parse({ initialCash: 50_000, commission: { kind: 'percent', rate: 0.001 } });
    const run = (record: boolean, slow: number) => {
      const strategy = smaCross.setup(createSetupContext(bars, '1d' as Timeframe), { fast: 5, slow });
      return new Engine(bars, settings, { periodsPerYear: 252, record }).run(strategy);
    };
    let open = 0;
    for (const slow of [20, 23, 31]) {
      const full = run(true, slow);
      const lean = run(false, slow);
      expect(full.trades.length).toBeGreaterThan(5);
      expect(full.tradeStats).toEqual(tradeStats(full.trades));
      expect(lean.tradeStats).toEqual(full.tradeStats);
      expect(lean.equity).toEqual(full.equity);
      expect(lean.inMarket).toEqual(full.inMarket);
      expect([lean.barsHeld, lean.tradedValue]).toEqual([full.barsHeld, full.tradedValue]);
      expect([lean.orders, lean.fills, lean.trades]).toEqual([[], [], []]);
      expect(full.fills).toHaveLength(2 * full.trades.length - full.tradeStats.openTradeCount);
      open += full.tradeStats.openTradeCount;
    }
    // Both kinds of ending: flat, and a position still open (tallied as the open trade).
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(3);
  });
});
