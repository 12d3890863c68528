import type { OptimizeSetup } from '../../src-shared/contract/optimize.contract.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { BacktestResult } from '../../src-workers/backtest/run.ts';
import type { ParamValues } from '../../src-workers/backtest/strategy.ts';
import type { PreparedOptimization } from '../../src-workers/optimize/index.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import type { OptimizeRepo } from './optimize-repo.ts';
import type { OptimizeStrategy } from './optimize-strategy.ts';
import type { SearchProgress } from './search-progress.ts';

/** What every step of one optimization job shares. */
export interface RunContext {
  readonly id: string;
  readonly jobId: string;
  readonly setup: OptimizeSetup;
  readonly prepared: PreparedOptimization;
  readonly strategy: OptimizeStrategy;
  readonly pool: WorkerPool;
  readonly repo: OptimizeRepo;
  readonly signal: AbortSignal;
  readonly progress: SearchProgress;
  readonly periodsPerYear: number;
}

/** The full backtest of one set (trades, equity, metrics) in a worker, through the `backtest.run` task. */
export function backtestIn(run: RunContext, bars: BarColumns, params: ParamValues): Promise<BacktestResult> {
  return run.pool.run(
    'backtest.run',
    {
      bars, timeframe: run.setup.timeframe, calendar: run.setup.calendar, strategyId: run.strategy.id, userStrategy: run.strategy.userStrategy,
      params, settings: run.setup.settings,
    },
    { signal: run.signal },
  );
}

/** Bars [start, end) as views of the same memory (shared bars stay shared). */
export function sliceShared(bars: BarColumns, start: number, end: number): BarColumns {
  return {
    time: bars.time.subarray(start, end), open: bars.open.subarray(start, end), high: bars.high.subarray(start, end),
    low: bars.low.subarray(start, end), close: bars.close.subarray(start, end), volume: bars.volume.subarray(start, end),
  };
}
