import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool, sourceWorkerFile } from '../../src-main/jobs/worker-pool.ts';
import type { BacktestSettingsInput } from '../../src-shared/domain/backtest.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { IndicatorCache } from '../../src-workers/backtest/setup-context.ts';
import { getStrategy } from '../../src-workers/backtest/strategies/index.ts';
import { sma } from '../../src-workers/indicators/kernels/index.ts';
import { createSharedColumns, SharedColumns } from '../../src-workers/optimize/batch-columns.ts';
import { shareBars } from '../../src-workers/optimize/batch-task.ts';
import { evaluateBatch, type BatchRow } from '../../src-workers/optimize/batch.ts';
import { sharedDataDir } from '../support/shared-data.ts';
import { loadDaily } from '../unit/indicators/kernels/fixtures.ts';

// The optimize.batch task through the real pool (two workers, as on this machine with every core):
// the bars copied once into a SharedArrayBuffer and sent with every batch, the job's indicator store
// shared the same way; rows equal to the same sets evaluated in this process.

if (!sharedDataDir) console.warn('notice: ../shared/data is absent; the pooled optimize.batch test is skipped');

const pool = createWorkerPool(sourceWorkerFile(), 2);
afterAll(async () => {
  await pool.destroy();
});

const TF = '1d' as Timeframe;
const SETTINGS: BacktestSettingsInput = { initialCash: 100_000, commission: { kind: 'percent', rate: 0.001 }, sizing: { kind: 'percent', percent: 100 } };

describe.skipIf(!sharedDataDir)('optimize.batch through a 2-worker pool', () => {
  const daily = sharedDataDir ? loadDaily('orcl-1995-2014.csv') : null!;
  const source: BarColumns = sharedDataDir
    ? { time: daily.time, open: daily.open, high: daily.high, low: daily.low, close: daily.close, volume: daily.volume }
    : null!;
  const sets: Record<string, number>[] = [];
  for (const slow of [30, 60, 90, 120, 150, 200]) for (const fast of [5, 10, 15, 25]) sets.push({ fast, slow });

  it('gives the rows evaluateBatch gives in process, the bars and indicator columns shared, not copied', async () => {
    const bars = shareBars(source);
    expect(bars.close.buffer).toBeInstanceOf(SharedArrayBuffer);
    const columns = createSharedColumns(bars.close.length);
    const batches: Record<string, number>[][] = [];
    for (let at = 0; at < sets.length; at += 5) batches.push(sets.slice(at, at + 5));
    const results = await Promise.all(
      batches.map((paramSets) =>
        pool.run('optimize.batch', { bars, timeframe: TF, calendar: 'stock', strategyId: 'sma-cross', settings: SETTINGS, paramSets, columns, barsKey: 'test-job' }),
      ),
    );
    const pooled: BatchRow[] = results.flat();
    const local = evaluateBatch({ bars: source, timeframe: TF, calendar: 'stock', strategy: getStrategy('sma-cross'), settings: SETTINGS, paramSets: sets });
    expect(pooled).toEqual(local);
    expect(pooled.every((r) => r.metrics !== null)).toBe(true);

    // The workers computed the SMA columns into the job's SharedArrayBuffer: this thread reads them
    // from there (computing nothing), which it could not if the buffer had been copied to them.
    const here = new IndicatorCache(bars, TF, Infinity, new SharedColumns(columns));
    for (const period of [5, 10, 15, 25, 30, 60, 90, 120, 150, 200]) {
      expect(here.get('sma', { period }, undefined).value).toEqual(sma(source.close, period));
    }
    expect(here.computed).toBe(0);
  });

  it('reports a set that cannot run as an error row, the batch going on', async () => {
    const rows = await pool.run('optimize.batch', {
      bars: shareBars(source), timeframe: TF, calendar: 'stock', strategyId: 'sma-cross', settings: SETTINGS,
      paramSets: [{ fast: 10, slow: 30 }, { fast: 40, slow: 20 }],
    });
    expect(rows[0]!.metrics).not.toBeNull();
    expect(rows[1]).toMatchObject({ metrics: null, error: { code: 'VALIDATION_FAILED' } });
  });
});
