import { describe, expect, it } from 'vitest';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { generateBars } from '../../../src-workers/bars/demo-data.ts';
import { lookAheadCheck } from '../../../src-workers/backtest/look-ahead.ts';
import { simulate } from '../../../src-workers/backtest/run.ts';
import { BUILT_IN_STRATEGIES } from '../../../src-workers/backtest/strategies/index.ts';
import { defineStrategy } from '../../../src-workers/backtest/strategy.ts';

const bars = generateBars({
  seed: 11, start: Date.UTC(2010, 0, 4), count: 1_500, timeframe: '1d' as Timeframe,
  startPrice: 40, annualVolatility: 0.35, annualDrift: 0.04, session: 'always',
});
const request = (strategy: ReturnType<typeof defineStrategy>) => ({
  bars, timeframe: '1d' as Timeframe, calendar: 'stock' as const, strategy,
  settings: { initialCash: 50_000, commission: { kind: 'percent' as const, rate: 0.001 } },
});

/** Buys when tomorrow's close will be higher, sells when it will be lower: it reads bar i + 1. */
const cheater = defineStrategy({
  id: 'cheater', name: 'Cheater', description: 'peeks at the next close', version: '0', params: [],
  setup(ctx) {
    const close = ctx.bars.close;
    return {
      onBar(i, t) {
        const next = close[i + 1];
        if (next === undefined) return;
        if (next > close[i]! && t.position === 0) t.buy();
        else if (next < close[i]! && t.position > 0) t.close();
      },
    };
  },
});

/** Subtler: normalises by the maximum of the whole series (known only at the end). */
const normaliser = defineStrategy({
  id: 'normaliser', name: 'Normaliser', description: 'scales by the all-time high', version: '0', params: [],
  setup(ctx) {
    const close = ctx.bars.close;
    const top = Math.max(...close);
    return {
      onBar(i, t) {
        const level = close[i]! / top;
        if (level > 0.8 && t.position === 0) t.buy();
        else if (level < 0.7 && t.position > 0) t.close();
      },
    };
  },
});

describe('the look-ahead check', () => {
  it('catches a strategy that reads the next bar, naming the first signal that changes', () => {
    const report = lookAheadCheck(request(cheater));
    expect(report.clean).toBe(false);
    const first = report.findings[0]!;
    expect(first.kind).toBe('order');
    // At the last bar before the cut the cheater has no next close in the truncated history.
    expect(first.barIndex).toBeLessThan(first.cut);
    expect(first.full).not.toBe(first.truncated);
  });

  it('catches a normalisation over the whole history', () => {
    const report = lookAheadCheck(request(normaliser));
    expect(report.clean).toBe(false);
  });

  it.each(BUILT_IN_STRATEGIES.map((s) => [s.id, s] as const))('passes the built-in %s (which trades on this data)', (_id, strategy) => {
    expect(simulate(request(strategy)).engine.fills.length).toBeGreaterThan(1);
    const report = lookAheadCheck(request(strategy));
    expect(report.findings).toEqual([]);
    expect(report.cuts.length).toBeGreaterThan(4);
  });
});
