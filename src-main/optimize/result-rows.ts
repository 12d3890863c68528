import type { ParamValues } from '../../src-workers/backtest/strategy.ts';
import type { BatchRow } from '../../src-workers/optimize/batch.ts';
import type { EvaluatedSet, Objective } from '../../src-workers/optimize/index.ts';
import type { StoredRow } from './optimize-repo.ts';

/** Where a set sits in its optimization: the walk-forward window, the order it was asked, its key in the space. */
export interface RowPlace {
  window: number;
  seq: number;
  key: string;
}

/**
 * A batch row as stored and told: the asked parameters, the scalar metrics plus `netProfit`
 * (finalEquity − initial cash, so the results table can sort by it), and the objective's judgement.
 * A set that could not run keeps its error and empty metrics: its objective is undefined, so it ranks
 * last and is never the best, and it is stored as infeasible so that "feasible only" leaves it out.
 */
export function resultRow(objective: Objective, initialCash: number, place: RowPlace, params: ParamValues, row: BatchRow): StoredRow {
  const metrics: Record<string, number | null> = row.metrics
    ? { ...row.metrics, netProfit: row.metrics.finalEquity === null ? null : row.metrics.finalEquity - initialCash }
    : {};
  const judged = objective.judge({ params, metrics });
  return {
    ...place, params, metrics, objective: judged.objective, feasible: judged.feasible && !row.error, violations: judged.violations,
    error: row.error ? row.error.message : null,
  };
}

/** A stored row as the optimizer is told it (the asked parameters, the stored metrics). */
export function answerOf(params: ParamValues, row: StoredRow): EvaluatedSet {
  return { params, metrics: row.metrics };
}
