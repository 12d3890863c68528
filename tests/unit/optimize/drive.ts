// Shared by the optimizer tests: a runner that drives any Optimizer through ask/tell the way the job
// manager does, evaluating with a plain function instead of a worker pool.
import type { ParamValues } from '../../../src-workers/backtest/strategy.ts';
import type { EvaluatedSet } from '../../../src-workers/optimize/objective.ts';
import type { Optimizer } from '../../../src-workers/optimize/optimizer.ts';

export type MetricsOf = (params: ParamValues) => Record<string, number | null>;

export interface DriveOptions {
  /** Sets asked per batch (the free worker slots). */
  batch?: number;
  /** Reorders a batch's results before they are told (a pool finishes them in any order). */
  reorder?: (results: EvaluatedSet[]) => EvaluatedSet[];
  /** Tell results one at a time instead of a batch at once. */
  oneByOne?: boolean;
}

/** Runs an optimizer to the end; returns every batch it asked, in order. */
export function drive(opt: Optimizer, metricsOf: MetricsOf, options: DriveOptions = {}): ParamValues[][] {
  const asked: ParamValues[][] = [];
  for (let guard = 0; !opt.done; guard++) {
    if (guard > 1_000_000) throw new Error('the optimizer never finished');
    const sets = opt.ask(options.batch ?? 64);
    if (sets.length === 0) throw new Error('ask() returned nothing with nothing out, yet not done');
    asked.push(sets);
    let results = sets.map((params) => ({ params, metrics: metricsOf(params) }));
    if (options.reorder) results = options.reorder(results);
    if (options.oneByOne) for (const r of results) opt.tell([r]);
    else opt.tell(results);
  }
  return asked;
}

/** A smooth hill over sma-cross's parameters with its top at fast 20, slow 120 (sharpe 2). */
export const hill: MetricsOf = (p) => {
  const f = p.fast as number;
  const s = p.slow as number;
  return { sharpe: 2 - ((f - 20) / 10) ** 2 - ((s - 120) / 40) ** 2, tradeCount: 100 };
};
