import { afterEach, describe, expect, it, vi } from 'vitest';
import { BacktestSettingsSchema, type BacktestSettingsInput } from '../../../src-shared/domain/backtest.ts';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { getStrategy } from '../../../src-workers/backtest/strategies/index.ts';
import { evaluateBatch } from '../../../src-workers/optimize/batch.ts';
import { runOptimizeBatch, type OptimizeBatchPayload } from '../../../src-workers/optimize/batch-task.ts';

// A worker keeps the runner of the job it serves (engine, benchmark, scratch arrays, settings
// parsed) for the job's next batches: made once per job, calendar and settings, and never serving
// a batch with other settings than its own.

const TF = '1d' as Timeframe;
const SETTINGS: BacktestSettingsInput = { initialCash: 100_000, commission: { kind: 'percent', rate: 0.001 }, sizing: { kind: 'percent', percent: 100 } };

function bars(n = 500): BarColumns {
  const close = Float64Array.from({ length: n }, (_, i) => 60 + 9 * Math.sin(i / 10) + 4 * Math.cos(i / 4) + i * 0.03);
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2021, 0, 1) + i * 86_400_000),
    open: close.map((c, i) => (i > 0 ? close[i - 1]! : c)), high: close.map((c) => c + 0.6), low: close.map((c) => c - 0.6), close,
    volume: new Float64Array(n).fill(2000),
  };
}

const SETS = [{ fast: 5, slow: 20 }, { fast: 10, slow: 20 }, { fast: 5, slow: 30 }, { fast: 15, slow: 40 }, { fast: 8, slow: 21 }, { fast: 3, slow: 9 }];

describe('the optimize.batch task over several batches of one job', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses the settings once per job and gives the rows of one batch over all the sets', () => {
    const b = bars();
    const parse = vi.spyOn(BacktestSettingsSchema, 'parse');
    const payload = (paramSets: Record<string, number>[]): OptimizeBatchPayload => ({
      bars: b, timeframe: TF, calendar: 'stock', strategyId: 'sma-cross', settings: structuredClone(SETTINGS), paramSets, barsKey: 'job-1',
    });
    const rows = [...runOptimizeBatch(payload(SETS.slice(0, 3)), () => {}), ...runOptimizeBatch(payload(SETS.slice(3)), () => {})];
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
    expect(rows).toEqual(evaluateBatch({ bars: b, timeframe: TF, calendar: 'stock', strategy: getStrategy('sma-cross'), settings: SETTINGS, paramSets: SETS }));
    expect(rows.every((r) => r.metrics !== null && r.metrics.tradeCount! > 0)).toBe(true);
  });

  it('makes a new runner when the settings or the calendar change within the job', () => {
    const b = bars();
    const other: BacktestSettingsInput = { initialCash: 20_000, commission: { kind: 'fixed', perOrder: 5 }, sizing: { kind: 'percent', percent: 50 } };
    const run = (settings: BacktestSettingsInput, calendar: 'stock' | 'crypto') =>
      runOptimizeBatch({ bars: b, timeframe: TF, calendar, strategyId: 'sma-cross', settings, paramSets: SETS, barsKey: 'job-2' }, () => {});
    const local = (settings: BacktestSettingsInput, calendar: 'stock' | 'crypto') =>
      evaluateBatch({ bars: b, timeframe: TF, calendar, strategy: getStrategy('sma-cross'), settings, paramSets: SETS });
    const first = run(SETTINGS, 'stock');
    const changed = run(other, 'stock');
    const crypto = run(other, 'crypto');
    expect(first).toEqual(local(SETTINGS, 'stock'));
    expect(changed).toEqual(local(other, 'stock'));
    expect(crypto).toEqual(local(other, 'crypto'));
    // Not vacuous: the settings and the calendar show in the metrics.
    expect(changed[0]!.metrics!.finalEquity).not.toBe(first[0]!.metrics!.finalEquity);
    expect(crypto[0]!.metrics!.periodsPerYear).toBe(365);
    expect(changed[0]!.metrics!.periodsPerYear).toBe(252);
  });
});
