import type { SafeguardsReport } from '../../src-shared/domain/safeguards.ts';
import type { BacktestResult } from '../../src-workers/backtest/run.ts';
import type { ParamValues } from '../../src-workers/backtest/strategy.ts';
import type { BatchRow } from '../../src-workers/optimize/batch.ts';
import { safeguardsReport, type EvaluatedRow, type SampleMetrics } from '../../src-workers/optimize/safeguards/index.ts';
import type { ParamSpace } from '../../src-workers/optimize/index.ts';
import type { BatchEvaluator } from './batch-evaluator.ts';
import type { StoredRow } from './optimize-repo.ts';
import type { RowPlace } from './result-rows.ts';
import type { RunContext } from './run-context.ts';
import type { SearchBest } from './search.ts';

/** Grid steps around the best on each side of the objective surface (a 5 × 5 window at most). */
const SURFACE_RADIUS = 2;
/**
 * The report is computed on the main thread (the worker pool has no task for it yet), and its
 * stationary bootstrap costs replicates × bars steps (~10 ns each): 1000 replicates over 1,000,000
 * bars would hold the main thread for ~11 s. Replicates are cut so that replicates × bars stays
 * near this budget (~0.2 s), never below 100 (a p-value to within 0.01), never above the default
 * 1000 — all of it for daily data. The report says how many it used.
 */
const BOOTSTRAP_STEPS = 20_000_000;
const MIN_REPLICATES = 100;
const MAX_REPLICATES = 1000;

export interface SafeguardsInputs {
  readonly window: number;
  readonly best: SearchBest;
  /** The best set's full backtest over the data it was chosen on. */
  readonly run: BacktestResult;
  /** Evaluates sets over that data (the neighbours a random or genetic search did not try). */
  readonly evaluator: BatchEvaluator;
  readonly toRow: (place: RowPlace, params: ParamValues, row: BatchRow) => StoredRow;
  /** In a walk-forward: the best set in and out of sample, and the efficiency. */
  readonly samples?: { inSample: SampleMetrics; outOfSample: SampleMetrics };
  readonly walkForwardEfficiency?: number | null;
}

/**
 * The overfitting safeguards beside the best set (docs/safeguards.md): Monte Carlo on its trades and
 * the test against buy and hold from its full backtest; the deflated Sharpe ratio from every trial's
 * Sharpe ratio stored for its window; its ±1-step neighbours' objectives, read from the stored rows
 * and, for those the search never tried, evaluated now (not stored: they were not part of the
 * search); the objective surface of the first two varied parameters around it; and, in a
 * walk-forward, how it did out of sample and the walk-forward efficiency. Seeded with the
 * optimization's seed, so a resumed run reports the same numbers.
 */
export async function computeSafeguards(run: RunContext, s: SafeguardsInputs): Promise<SafeguardsReport> {
  const { space } = run.prepared;
  const { scored } = s.best;
  const neighbours = await neighbourObjectives(run, s, space.neighbours(scored.params));
  const surface = surfaceAxes(space);
  const result = s.run;
  return safeguardsReport({
    seed: run.prepared.seed,
    best: {
      equity: result.equity, benchmark: result.benchmark, trades: result.trades, initialCash: result.settings.initialCash,
      periodsPerYear: result.metrics.periodsPerYear, riskFreeRate: result.metrics.riskFreeRate,
    },
    trials: { sharpes: run.repo.trialSharpes(run.id, s.window) },
    samples: s.samples,
    walkForwardEfficiency: s.walkForwardEfficiency,
    neighbours: { best: scored.objective!, values: neighbours },
    grid: surface
      ? { rows: surfaceRows(run, s, surface), best: scored.params, bestObjective: scored.objective!, xParam: surface[0], yParam: surface[1], radius: SURFACE_RADIUS }
      : undefined,
    stability: { direction: run.prepared.objective.direction },
    options: { bootstrapReplicates: Math.max(MIN_REPLICATES, Math.min(MAX_REPLICATES, Math.floor(BOOTSTRAP_STEPS / Math.max(1, result.equity.length)))) },
  });
}

/** The objective of each neighbour, null where it broke a constraint or could not run. */
async function neighbourObjectives(run: RunContext, s: SafeguardsInputs, sets: readonly ParamValues[]): Promise<(number | null)[]> {
  const { space } = run.prepared;
  const keys = sets.map((set) => space.key(set));
  const stored = run.repo.rowsByKeys(run.id, s.window, keys);
  const missing = sets.filter((_, k) => !stored.has(keys[k]!));
  if (missing.length > 0) {
    const rows = await s.evaluator.evaluate(missing, run.signal);
    missing.forEach((set, k) => {
      const key = space.key(set);
      stored.set(key, s.toRow({ window: s.window, seq: -1, key }, set, rows[k]!));
    });
  }
  return keys.map((key) => judged(stored.get(key)!));
}

/** The first two parameters that vary and are numbers: the axes of the objective surface, or null. */
function surfaceAxes(space: ParamSpace): [string, string] | null {
  const numeric = space.dimensions.filter((d) => d.kind !== 'choice' && d.size > 1).map((d) => d.name);
  return numeric.length >= 2 ? [numeric[0]!, numeric[1]!] : null;
}

/** The stored rows in the window of ±radius steps of both axes around the best (the other parameters at the best's values). */
function surfaceRows(run: RunContext, s: SafeguardsInputs, [x, y]: [string, string]): EvaluatedRow[] {
  const { space } = run.prepared;
  const best = s.best.scored.params;
  const around = (name: string) => {
    const dim = space.dimensions.find((d) => d.name === name)!;
    const at = dim.indexOf(best[name]);
    const values: (number | string)[] = [];
    for (let i = Math.max(0, at - SURFACE_RADIUS); i <= Math.min(dim.size - 1, at + SURFACE_RADIUS); i++) values.push(dim.valueAt(i));
    return values;
  };
  const sets = around(x).flatMap((xv) => around(y).map((yv) => ({ ...best, [x]: xv, [y]: yv })));
  const stored = run.repo.rowsByKeys(run.id, s.window, sets.map((set) => space.key(set)));
  return [...stored.values()].map((row) => ({ params: row.params, objective: judged(row) }));
}

function judged(row: StoredRow): number | null {
  return row.feasible ? row.objective : null;
}
