import { BAR_FIELDS, type BarColumns } from '../../src-shared/domain/bars.ts';
import type { BacktestSettingsInput } from '../../src-shared/domain/backtest.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import type { CompiledStrategy } from '../../src-shared/domain/user-strategy.ts';
import { IndicatorCache } from '../backtest/setup-context.ts';
import { getStrategy } from '../backtest/strategies/index.ts';
import { withUserCode } from '../backtest/user-code.ts';
import { loadUserStrategy } from '../backtest/user-strategy.ts';
import { BATCH_CACHE_BYTES, BatchRunner, type BatchRow } from './batch.ts';
import { SharedColumns, type SharedColumnsHandle } from './batch-columns.ts';

/**
 * One batch of an optimization as data, for the worker pool. The bars should be views of
 * SharedArrayBuffers (see shareBars): structured clone then passes the memory itself, so a job's bars
 * are copied once into shared memory and never again, however many batches it sends.
 */
export interface OptimizeBatchPayload {
  bars: BarColumns;
  timeframe: Timeframe;
  calendar: 'stock' | 'crypto';
  /** A built-in strategy by id; ignored when `userStrategy` is given. */
  strategyId: string;
  userStrategy?: CompiledStrategy;
  settings: BacktestSettingsInput;
  paramSets: Record<string, unknown>[];
  /**
   * The job's shared indicator columns (createSharedColumns): each single-output indicator column is
   * then computed once per job, by whichever worker needs it first.
   */
  columns?: SharedColumnsHandle;
  /**
   * Names the bars of one job (the job id, say). Batches with the same key that land on the same
   * worker share its indicator columns, so each column is computed once per worker and job rather
   * than once per batch. Omit it and each batch has its own cache.
   */
  barsKey?: string;
}

/**
 * What a worker keeps of the job it last served (one job at a time: bounded memory): the indicator
 * cache, and the runner made for one calendar and settings (its engine, benchmark and scratch
 * arrays), which the job's next batch with those reuses.
 */
let kept: { key: string; cache: IndicatorCache; runner: BatchRunner | null; runnerKey: string } | null = null;

/**
 * The cache for this batch: the kept one when the key and the bars match, with its own bar columns
 * (the same shared memory, or equal copies) so that the columns it holds line up with them.
 */
function cacheFor(payload: OptimizeBatchPayload): IndicatorCache {
  const { barsKey, bars, timeframe, columns } = payload;
  if (columns && columns.bars !== bars.close.length) throw new Error(`shared columns of ${columns.bars} values for ${bars.close.length} bars`);
  const fresh = () => new IndicatorCache(bars, timeframe, BATCH_CACHE_BYTES, columns ? new SharedColumns(columns) : undefined);
  if (barsKey === undefined) return fresh();
  if (kept && kept.key === barsKey && kept.cache.timeframe === timeframe && sameBars(kept.cache.bars, bars)) return kept.cache;
  kept = { key: barsKey, cache: fresh(), runner: null, runnerKey: '' };
  return kept.cache;
}

/** The runner for this batch: the kept one when the cache, calendar and settings are its own. */
function runnerFor(payload: OptimizeBatchPayload, cache: IndicatorCache): BatchRunner {
  if (!kept || kept.cache !== cache) return new BatchRunner(cache, payload.calendar, payload.settings);
  // Settings are a small plain object (a structured clone each batch): equal text, equal settings.
  const key = `${payload.calendar} ${JSON.stringify(payload.settings)}`;
  if (kept.runner === null || kept.runnerKey !== key) {
    kept.runner = new BatchRunner(cache, payload.calendar, payload.settings);
    kept.runnerKey = key;
  }
  return kept.runner;
}

/** A cheap check that a reused key still means the same bars: length and the ends of time and close. */
function sameBars(a: BarColumns, b: BarColumns): boolean {
  const n = a.close.length;
  if (b.close.length !== n || n === 0) return false;
  return a.time[0] === b.time[0] && a.time[n - 1] === b.time[n - 1] && a.close[0] === b.close[0] && a.close[n - 1] === b.close[n - 1];
}

/** The `optimize.batch` worker task: every set of the batch evaluated, rows in order. */
export function runOptimizeBatch(payload: OptimizeBatchPayload, progress: (done: number, total: number) => void): BatchRow[] {
  const cache = cacheFor(payload);
  const runner = runnerFor(payload, cache);
  const user = payload.userStrategy;
  if (!user) return runner.evaluate(getStrategy(payload.strategyId), payload.paramSets, { onProgress: progress });
  const strategy = withUserCode(user, () => loadUserStrategy(user));
  return runner.evaluate(strategy, payload.paramSets, { around: (run) => withUserCode(user, run), onProgress: progress });
}

/**
 * Bars copied once into one SharedArrayBuffer, as six Float64Array views: what a job sends with each
 * batch (structured clone shares a SharedArrayBuffer's memory instead of copying it).
 */
export function shareBars(bars: BarColumns): BarColumns {
  const n = bars.close.length;
  const memory = new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT * BAR_FIELDS.length);
  const out = {} as BarColumns;
  BAR_FIELDS.forEach((field, k) => {
    const view = new Float64Array(memory, k * n * Float64Array.BYTES_PER_ELEMENT, n);
    view.set(bars[field]);
    out[field] = view;
  });
  return out;
}
