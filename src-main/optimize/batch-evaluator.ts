import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { ParamValues } from '../../src-workers/backtest/strategy.ts';
import type { BatchRow } from '../../src-workers/optimize/batch.ts';
import { createSharedColumns, type SharedColumnsHandle } from '../../src-workers/optimize/batch-columns.ts';
import type { OptimizeBatchPayload } from '../../src-workers/optimize/batch-task.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';

/** Everything of a batch but its sets: the same for every batch over one stretch of bars. */
export type BatchBase = Omit<OptimizeBatchPayload, 'paramSets' | 'columns' | 'barsKey' | 'bars'>;

/**
 * Evaluates batches of parameter sets over one stretch of bars (the whole range, or one walk-forward
 * window's in-sample bars) on the worker pool, through the `optimize.batch` task. The bars are views
 * of the job's SharedArrayBuffer, so sending them with every batch copies nothing; the indicator
 * columns are shared between the workers the same way, so each is computed once per stretch.
 */
export class BatchEvaluator {
  private readonly columns: SharedColumnsHandle;

  constructor(
    private readonly pool: WorkerPool,
    private readonly base: BatchBase,
    readonly bars: BarColumns,
    /** Names these bars for the workers' indicator caches: unique per job and stretch. */
    private readonly barsKey: string,
  ) {
    this.columns = createSharedColumns(bars.close.length);
  }

  /** One row per set, in order: metrics, or the error that stopped that set. */
  evaluate(sets: readonly ParamValues[], signal?: AbortSignal): Promise<BatchRow[]> {
    return this.pool.run(
      'optimize.batch',
      { ...this.base, bars: this.bars, paramSets: [...sets], columns: this.columns, barsKey: this.barsKey },
      { signal },
    );
  }
}
