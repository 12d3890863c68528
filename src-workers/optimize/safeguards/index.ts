import type { Trade } from '../../../src-shared/domain/backtest.ts';
import type { SafeguardsReport } from '../../../src-shared/domain/safeguards.ts';
import { finiteOrNull, simpleReturns } from '../../backtest/metrics/returns.ts';
import { deflatedSharpe } from './deflated-sharpe.ts';
import { monteCarlo } from './monte-carlo.ts';
import { outOfSampleDegradation, type SampleMetrics } from './out-of-sample.ts';
import { benchmarkTest } from './significance.ts';
import { gridNeighbours, neighbourStability, objectiveSurface, type EvaluatedRow, type StabilityOptions } from './stability.ts';
import { tradeReturnsOnEquity } from './trade-returns.ts';

export { deflatedSharpe, expectedMaxSharpe, probabilisticSharpe, EULER_MASCHERONI } from './deflated-sharpe.ts';
export { returnMoments } from './moments.ts';
export { monteCarlo, simulateTradePaths, summarizePaths, type MonteCarloOptions, type ResampleMode } from './monte-carlo.ts';
export { normalCdf, normalQuantile } from './normal.ts';
export { compareSamples, outOfSampleDegradation, type SampleMetrics } from './out-of-sample.ts';
export { benchmarkTest, stationaryBootstrapPValue } from './significance.ts';
export { gridNeighbours, neighbourStability, objectiveSurface, type Direction, type EvaluatedRow } from './stability.ts';
export { studentTSurvival } from './student-t.ts';
export { tradeReturnsOnEquity } from './trade-returns.ts';

/** Everything the safeguards are computed from; each section is optional and its part of the report is null without it. */
export interface SafeguardsInput {
  /** Seeds the Monte Carlo and the bootstrap (a 32-bit unsigned integer, like the optimization's seed): the same input and seed give the same report. */
  seed: number;
  /** The best set's backtest on the data it was chosen on (the in-sample period). */
  best?: {
    /** Equity and buy-and-hold equity at each bar's close, from `initialCash` (as `MetricsInput`). */
    equity: Float64Array;
    benchmark: Float64Array;
    trades: readonly Trade[];
    initialCash: number;
    periodsPerYear: number;
    riskFreeRate?: number;
  };
  /** Every trial's annualized Sharpe ratio (each evaluated set, the best included) and, if different, their number. */
  trials?: { sharpes: ArrayLike<number | null>; count?: number };
  /** The best set's metrics in and out of sample. */
  samples?: { inSample: SampleMetrics; outOfSample: SampleMetrics };
  /** From the walk-forward analysis, carried unchanged. */
  walkForwardEfficiency?: number | null;
  /** The objective of the best set and of its ±1-step neighbours, evaluated by the caller. */
  neighbours?: { best: number; values: readonly (number | null)[] };
  /**
   * A grid search's evaluated rows and the best set: its neighbours are looked up there when
   * `neighbours` is not given, and `xParam` × `yParam` give the objective surface.
   */
  grid?: { rows: readonly EvaluatedRow[]; best: EvaluatedRow['params']; bestObjective: number; xParam?: string; yParam?: string; radius?: number };
  /** Tolerance and direction of the objective for the stability summary. */
  stability?: StabilityOptions;
  options?: { simulations?: number; ruinLevel?: number; bootstrapReplicates?: number; meanBlockLength?: number };
}

/**
 * The overfitting safeguards beside an optimization's best result (SPEC S6; formulas in
 * docs/safeguards.md): out-of-sample degradation, walk-forward efficiency, parameter stability and
 * the objective surface around the best set, Monte Carlo on its trades, the deflated Sharpe ratio
 * given the number of trials, and the test against buy and hold. Pure and deterministic in `seed`.
 */
export function safeguardsReport(input: SafeguardsInput): SafeguardsReport {
  const { best, options = {} } = input;
  const returns = best && simpleReturns(best.equity, best.initialCash);
  const neighbourInput = input.neighbours ?? (input.grid && { best: input.grid.bestObjective, values: gridNeighbours(input.grid.rows, input.grid.best) });
  const { grid } = input;
  return {
    seed: input.seed,
    outOfSample: input.samples ? outOfSampleDegradation(input.samples.inSample, input.samples.outOfSample) : null,
    walkForwardEfficiency: finiteOrNull(input.walkForwardEfficiency ?? NaN),
    stability: neighbourInput ? neighbourStability(neighbourInput.best, neighbourInput.values, input.stability) : null,
    surface: grid?.xParam && grid.yParam ? objectiveSurface(grid.rows, grid.best, grid.xParam, grid.yParam, grid.radius) : null,
    monteCarlo: best
      ? monteCarlo(tradeReturnsOnEquity(best.trades, best.initialCash), {
          seed: input.seed,
          initialEquity: best.initialCash,
          simulations: options.simulations,
          ruinLevel: options.ruinLevel,
        })
      : null,
    deflatedSharpe:
      best && returns && input.trials
        ? deflatedSharpe({
            returns,
            trialSharpes: input.trials.sharpes,
            trialCount: input.trials.count,
            periodsPerYear: best.periodsPerYear,
            riskFreeRate: best.riskFreeRate,
          })
        : null,
    benchmarkTest:
      best && returns
        ? benchmarkTest(returns, simpleReturns(best.benchmark, best.initialCash), {
            seed: input.seed,
            replicates: options.bootstrapReplicates,
            meanBlockLength: options.meanBlockLength,
          })
        : null,
  };
}
