import { z } from 'zod';

/**
 * The overfitting safeguards reported beside an optimization's best parameter set (SPEC S6), as
 * computed by src-workers/optimize/safeguards and documented in docs/safeguards.md. Plain JSON: a
 * value that is undefined for the run is `null`, never NaN or Infinity; fractions are fractions
 * (0.12 = 12 %); Sharpe ratios are annualized (× √periodsPerYear) unless a field says otherwise.
 */

const int = z.number().int();
const count = z.number().int().min(0);
const maybe = z.number().nullable();
const probability = z.number().min(0).max(1);

/** Empirical percentiles (Hyndman & Fan type 7, as everywhere in the metrics). */
export const PercentilesSchema = z.object({ p5: z.number(), p25: z.number(), p50: z.number(), p75: z.number(), p95: z.number() });
export type Percentiles = z.infer<typeof PercentilesSchema>;

/** One resampling scheme's distribution over `simulations` equity paths. */
export const MonteCarloSummarySchema = z.object({
  simulations: count,
  /** Equity after the last trade, in the unit of `initialEquity`. */
  finalEquity: PercentilesSchema,
  /** The deepest fall of each path below its running peak (the start included), a fraction ≤ 0: p5 is a bad case. */
  maxDrawdown: PercentilesSchema,
  /** Share of paths whose equity fell below `ruinLevel × initialEquity` after some trade. */
  probabilityOfRuin: probability,
});
export type MonteCarloSummary = z.infer<typeof MonteCarloSummarySchema>;

/**
 * Monte Carlo over the best set's trades: each trade's return on the equity before it, compounded in
 * a new order (`reshuffle`, a random permutation — the final equity never changes, only the path) or
 * drawn with replacement (`bootstrap`).
 */
export const MonteCarloReportSchema = z.object({
  trades: count,
  initialEquity: z.number().positive(),
  /** Ruin threshold as a fraction of the initial equity (0.5 = losing half). */
  ruinLevel: z.number().positive().max(1),
  reshuffle: MonteCarloSummarySchema,
  bootstrap: MonteCarloSummarySchema,
});
export type MonteCarloReport = z.infer<typeof MonteCarloReportSchema>;

/**
 * Bailey & López de Prado's deflated Sharpe ratio: the probability that the best set's true Sharpe
 * exceeds the best Sharpe that `trials` skill-less trials would be expected to show.
 */
export const DeflatedSharpeSchema = z.object({
  /** Per-bar returns T of the best set. */
  observations: count,
  /** Trials N: the parameter sets evaluated. */
  trials: count,
  periodsPerYear: z.number().positive(),
  /** The best set's Sharpe ratio (annualized; sample standard deviation). */
  sharpe: maybe,
  /** Sample variance of the trials' annualized Sharpe ratios. */
  trialSharpeVariance: maybe,
  /** E[max Sharpe] of N skill-less trials with that variance (annualized); 0 for a single trial. */
  expectedMaxSharpe: maybe,
  /** Skewness and (non-excess, normal = 3) kurtosis of the best set's per-bar returns. */
  skewness: maybe,
  kurtosis: maybe,
  /** PSR(0): the probability that the true Sharpe is above 0, ignoring the selection. */
  probabilisticSharpe: maybe,
  /** PSR(expectedMaxSharpe): the same after the selection among N trials. */
  deflatedSharpe: maybe,
});
export type DeflatedSharpe = z.infer<typeof DeflatedSharpeSchema>;

/** Per-bar excess returns over buy and hold (strategy − benchmark), H1: their mean is > 0. */
export const BenchmarkTestSchema = z.object({
  observations: count,
  /** Mean and sample standard deviation of the per-bar excess return. */
  meanExcess: maybe,
  sdExcess: maybe,
  /** mean / (sd / √T), with T − 1 degrees of freedom. */
  tStatistic: maybe,
  degreesOfFreedom: count,
  /** One-sided p-value from Student's t. */
  pValue: maybe,
  /** One-sided p-value from the stationary bootstrap of the excess returns; null when not run. */
  bootstrapPValue: maybe,
  bootstrapReplicates: count,
  meanBlockLength: maybe,
});
export type BenchmarkTest = z.infer<typeof BenchmarkTestSchema>;

/** The objective at ±1 step of each parameter around the best set. */
export const NeighbourStabilitySchema = z.object({
  best: z.number(),
  direction: z.enum(['maximize', 'minimize']),
  /** Neighbours asked about, and those with an objective value (the rest were not evaluated or failed). */
  neighbours: count,
  evaluated: count,
  mean: maybe,
  min: maybe,
  max: maybe,
  /** The worst neighbour: min when maximizing, max when minimizing. */
  worst: maybe,
  /** mean / best and worst / best; null unless best > 0. */
  meanToBest: maybe,
  worstToBest: maybe,
  /** Tolerance as a fraction of |best|, and the share of evaluated neighbours within it. */
  tolerance: z.number().min(0),
  shareWithin: z.number().min(0).max(1).nullable(),
});
export type NeighbourStability = z.infer<typeof NeighbourStabilitySchema>;

/** The objective on a window of a two-parameter grid around the best set, the other parameters held at the best's. */
export const ObjectiveSurfaceSchema = z.object({
  xParam: z.string(),
  yParam: z.string(),
  /** Ascending axis values in the window. */
  x: z.array(z.number()),
  y: z.array(z.number()),
  /** z[j][i] is the objective at (x[i], y[j]); null where that set was not evaluated or failed. */
  z: z.array(z.array(maybe)),
  bestX: z.number(),
  bestY: z.number(),
});
export type ObjectiveSurface = z.infer<typeof ObjectiveSurfaceSchema>;

/** A metric in sample and out of sample and their ratio (OOS / IS; null unless both exist and IS > 0). */
export const SampleComparisonSchema = z.object({ inSample: maybe, outOfSample: maybe, ratio: maybe });
export type SampleComparison = z.infer<typeof SampleComparisonSchema>;

export const OutOfSampleSchema = z.object({ sharpe: SampleComparisonSchema, cagr: SampleComparisonSchema });
export type OutOfSample = z.infer<typeof OutOfSampleSchema>;

/** Every safeguard; a section is null when its inputs were not given. */
export const SafeguardsReportSchema = z.object({
  /** The seed every random part used (Monte Carlo, bootstrap); the same seed gives the same report. */
  seed: int.min(0),
  outOfSample: OutOfSampleSchema.nullable(),
  /** Computed by the walk-forward analysis and carried here unchanged. */
  walkForwardEfficiency: maybe,
  stability: NeighbourStabilitySchema.nullable(),
  surface: ObjectiveSurfaceSchema.nullable(),
  monteCarlo: MonteCarloReportSchema.nullable(),
  deflatedSharpe: DeflatedSharpeSchema.nullable(),
  benchmarkTest: BenchmarkTestSchema.nullable(),
});
export type SafeguardsReport = z.infer<typeof SafeguardsReportSchema>;
