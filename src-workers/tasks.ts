import type { BarColumns } from '../src-shared/domain/bars.ts';
import type { ParseOptions } from '../src-shared/domain/import.ts';
import { parseFile, type ParseOutcome } from './import/index.ts';
import { computeIndicators, type ComputedIndicator, type ComputePayload } from './indicators/compute.ts';
import { lookAheadCheck, type LookAheadReport } from './backtest/look-ahead.ts';
import { resolveStrategyParams } from './backtest/params.ts';
import { runBacktest, type BacktestRequest, type BacktestResult } from './backtest/run.ts';
import { getStrategy } from './backtest/strategies/index.ts';
import { runPortfolio, type PortfolioPayload, type PortfolioResult } from './backtest/portfolio/run.ts';
import type { ParamValues } from './backtest/strategy.ts';
import { withUserCode } from './backtest/user-code.ts';
import { describeUserStrategy, loadUserStrategy, type DescribeOutcome } from './backtest/user-strategy.ts';
import type { BacktestSettingsInput } from '../src-shared/domain/backtest.ts';
import type { Timeframe } from '../src-shared/domain/timeframe.ts';
import type { CompiledStrategy } from '../src-shared/domain/user-strategy.ts';
import type { BatchRow } from './optimize/batch.ts';
import { runOptimizeBatch, type OptimizeBatchPayload } from './optimize/batch-task.ts';

/**
 * A backtest as data (functions do not cross to a worker): a built-in strategy by id, or a user
 * strategy's compiled code, which only the worker evaluates.
 */
export interface BacktestPayload {
  bars: BarColumns;
  timeframe: Timeframe;
  calendar: 'stock' | 'crypto';
  strategyId: string;
  userStrategy?: CompiledStrategy;
  params: Record<string, unknown>;
  settings: BacktestSettingsInput;
}

/** Reports progress from inside a task: done of total, and what is happening. */
export type ReportProgress = (done: number, total: number, phase: string) => void;

/**
 * Every task the worker pool runs, as pure functions. The pool entry (pool-worker.ts) dispatches
 * to these by name; tests and the CLI may call them directly, with identical results.
 */
export const tasks = {
  'import.parse': (payload: { bytes: Uint8Array; options: ParseOptions }, progress: ReportProgress): ParseOutcome =>
    parseFile(payload.bytes, payload.options, (done, total) => progress(done, total, 'Parsing rows')),
  'indicators.compute': (payload: ComputePayload, progress: ReportProgress): ComputedIndicator[] => computeIndicators(payload, progress),
  'backtest.run': (payload: BacktestPayload, progress: ReportProgress): BacktestResult =>
    withStrategy(payload, (strategy) =>
      runBacktest({
        bars: payload.bars, timeframe: payload.timeframe, calendar: payload.calendar, strategy,
        params: payload.params, settings: payload.settings, onProgress: (done, total) => progress(done, total, 'Running bars'),
      }),
    ),
  'backtest.lookAhead': (payload: BacktestPayload): LookAheadReport =>
    withStrategy(payload, (strategy) =>
      lookAheadCheck({ bars: payload.bars, timeframe: payload.timeframe, calendar: payload.calendar, strategy, params: payload.params, settings: payload.settings }),
    ),
  'strategy.describe': (payload: CompiledStrategy): DescribeOutcome => describeUserStrategy(payload),
  /** A user strategy's parameters checked as a built-in's are, including its own `validate`. */
  'strategy.resolveParams': (payload: { strategy: CompiledStrategy; params: Record<string, unknown> }): ParamValues =>
    withUserCode(payload.strategy, () => resolveStrategyParams(loadUserStrategy(payload.strategy), payload.params)),
  'portfolio.run': (payload: PortfolioPayload, progress: ReportProgress): PortfolioResult =>
    runPortfolio({ ...payload, onProgress: (done, total) => progress(done, total, 'Running bars') }),
  /** One batch of an optimization: every parameter set backtested over the job's shared bars, scalar metrics per set. */
  'optimize.batch': (payload: OptimizeBatchPayload, progress: ReportProgress): BatchRow[] =>
    runOptimizeBatch(payload, (done, total) => progress(done, total, 'Evaluating parameter sets')),
} satisfies Record<string, (payload: never, progress: ReportProgress) => unknown>;

/** Runs with the payload's strategy: a user strategy loaded here, its errors placed in its file. */
function withStrategy<T>(payload: BacktestPayload, run: (strategy: BacktestRequest['strategy']) => T): T {
  const user = payload.userStrategy;
  if (!user) return run(getStrategy(payload.strategyId));
  return withUserCode(user, () => run(loadUserStrategy(user)));
}

export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
export type TaskPayload<N extends TaskName> = Parameters<Tasks[N]>[0];
export type TaskResult<N extends TaskName> = ReturnType<Tasks[N]>;

/** The typed-array buffers of a result, so the pool can transfer rather than copy them. */
export function transferablesOf(value: unknown, found: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (depth > 4 || value === null || typeof value !== 'object') return found;
  if (ArrayBuffer.isView(value)) {
    const buffer = value.buffer;
    if (buffer instanceof ArrayBuffer && !found.includes(buffer) && value.byteLength === buffer.byteLength) {
      found.push(buffer);
    }
    return found;
  }
  for (const child of Object.values(value)) transferablesOf(child, found, depth + 1);
  return found;
}

export type { BarColumns };
