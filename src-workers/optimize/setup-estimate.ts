import { METRIC_NAMES } from './metric-names.ts';
import type { FeasibleCount, ParamSpace } from './space.ts';
import type { WalkForwardPlan } from './walk-forward.ts';

/** What the time estimate is made from: a measured backtest, and the workers that share the load. */
export interface CostInput {
  /** Milliseconds one backtest took, measured over `backtestBars` bars (default: all the bars). */
  readonly backtestMs?: number;
  readonly backtestBars?: number;
  /** Backtests run at once (the pool's size); default 1. */
  readonly workers?: number;
  readonly bars: number;
}

export interface SetupEstimate {
  /** Sets in the grid before validate() and the rules. */
  readonly combinations: number;
  /** Sets that pass them: exact, or estimated from a sample. */
  readonly feasible: FeasibleCount;
  /** Evaluations per optimization: the feasible grid, or the budget. */
  readonly evaluations: number;
  /** Walk-forward windows, or 1 for a single optimization. */
  readonly windows: number;
  /** Every backtest of the run: the optimizations, plus one out-of-sample run per window. */
  readonly totalEvaluations: number;
  /** Bytes to hold every result row (see {@link rowBytes}). */
  readonly memoryBytes: number;
  /** Wall-clock estimate, or null without a measured backtest. */
  readonly estimatedMs: number | null;
}

/**
 * Bytes one stored result row takes in V8, roughly: the row and its two objects (~56 bytes of headers),
 * 16 bytes per parameter and metric (a property slot and a boxed double), and the set's key string
 * (~2 bytes per character, ~12 characters per value). A rough upper bound, for refusing setups that
 * could not fit, not for accounting.
 */
export function rowBytes(paramCount: number): number {
  return 56 + 16 * (paramCount + METRIC_NAMES.length) + 24 * paramCount;
}

/**
 * The size, memory and time of a run. A backtest's cost grows with its bars, so each in-sample
 * optimization costs `backtestMs × inSampleBars / backtestBars` per evaluation, and the workers divide
 * the total.
 */
export function estimateCost(input: CostInput, space: ParamSpace, feasible: FeasibleCount, evaluations: number, plan: WalkForwardPlan | null): SetupEstimate {
  const windows = plan ? plan.windows.length : 1;
  const totalEvaluations = plan ? (evaluations + 1) * windows : evaluations;
  const memoryBytes = totalEvaluations * rowBytes(space.dimensions.length);
  let estimatedMs: number | null = null;
  if (input.backtestMs !== undefined && input.backtestMs >= 0) {
    const perBar = input.backtestMs / Math.max(1, input.backtestBars ?? input.bars);
    const barsRun = plan
      ? plan.windows.reduce((sum, w) => sum + evaluations * (w.inSample.end - w.inSample.start) + (w.outOfSample.end - w.outOfSample.start), 0)
      : evaluations * input.bars;
    estimatedMs = (perBar * barsRun) / Math.max(1, input.workers ?? 1);
  }
  return { combinations: space.size, feasible, evaluations, windows, totalEvaluations, memoryBytes, estimatedMs };
}
