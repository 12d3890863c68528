/**
 * Optimization methods (SPEC S6), pure: parameter spaces, objective and constraint expressions, the
 * ask/tell optimizers (grid, random, genetic), walk-forward planning and reporting, and the validation
 * of a whole setup. The runner in src-main evaluates what they ask for. See docs/optimization.md.
 */
export { Rng, deriveSeed } from './rng.ts';
export { compileExpression, ExpressionError, identifiersOf, parseExpression, type CompiledExpression, type ExpressionType, type ExpressionVariable } from './expression.ts';
export { createParamSpace, buildParamSpace, ParamSpace, type Dimension, type FeasibleCount, type ParamRange, type SpaceOptions } from './space.ts';
export { DRAWDOWN_MAGNITUDES, METRIC_DIRECTIONS, METRIC_NAMES, metricsRow, readMetric } from './metric-names.ts';
export {
  buildObjective, createObjective, Objective, objectiveScope, parameterRules, parseObjective,
  type Direction, type EvaluatedSet, type Judgement, type MetricsRow, type ObjectiveOptions, type ObjectiveSpec,
} from './objective.ts';
export { compareScored, DEFAULT_ASK, type OptimizeMethod, type Optimizer, type ScoredSet } from './optimizer.ts';
export { GridSearch } from './grid.ts';
export { RandomSearch, type RandomSearchOptions } from './random.ts';
export { GENETIC_DEFAULTS, GeneticSearch, resolveGeneticOptions, type GeneticOptions, type GeneticStop, type ResolvedGeneticOptions } from './genetic.ts';
export { checkWalkForward, planWalkForward, runWalkForward, type BarRange, type WalkForwardOptions, type WalkForwardPlan, type WalkForwardSteps, type WalkForwardWindow } from './walk-forward.ts';
export {
  stitchEquity, summarizeWalkForward, walkForwardEfficiency,
  type OutOfSampleRun, type StitchedCurve, type WalkForwardReport, type WindowOutcome, type WindowRecord,
} from './walk-forward-report.ts';
export { DEFAULT_BUDGET, DEFAULT_LIMITS, validateSetup, type OptimizationSetup, type PreparedOptimization, type SetupCheck, type SetupLimits } from './validate-setup.ts';
export { estimateCost, rowBytes, type CostInput, type SetupEstimate } from './setup-estimate.ts';
export type { SetupIssue } from './setup-issue.ts';
