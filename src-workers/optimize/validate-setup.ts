import type { StrategyDefinition } from '../backtest/strategy.ts';
import { GeneticSearch, resolveGeneticOptions, type GeneticOptions } from './genetic.ts';
import { GridSearch } from './grid.ts';
import { buildObjective, parameterRules, type Objective, type ObjectiveSpec } from './objective.ts';
import type { OptimizeMethod, Optimizer } from './optimizer.ts';
import { RandomSearch } from './random.ts';
import { deriveSeed, Rng } from './rng.ts';
import type { SetupIssue } from './setup-issue.ts';
import { estimateCost, type CostInput, type SetupEstimate } from './setup-estimate.ts';
import { buildParamSpace, type FeasibleCount, type ParamRange, type ParamSpace } from './space.ts';
import { checkWalkForward, planWalkForward, type WalkForwardOptions, type WalkForwardPlan } from './walk-forward.ts';

export type { SetupEstimate } from './setup-estimate.ts';

/** Everything an optimization needs, as the user chose it (the CLI flags, the form, `optimize.start`). */
export interface OptimizationSetup extends CostInput {
  readonly strategy: StrategyDefinition;
  readonly ranges?: Readonly<Record<string, ParamRange>>;
  readonly unranged?: 'declared' | 'default';
  readonly method: OptimizeMethod;
  /** Evaluations at most, for random and genetic search (per walk-forward window). */
  readonly budget?: number;
  readonly seed?: number;
  readonly objective: ObjectiveSpec | string;
  readonly constraints?: readonly string[];
  readonly genetic?: Omit<GeneticOptions, 'seed' | 'budget'>;
  readonly walkForward?: WalkForwardOptions;
  /** Bars in the chosen data range. */
  readonly bars: number;
  readonly initialCash?: number;
  readonly limits?: Partial<SetupLimits>;
}

export interface SetupLimits {
  /** The largest grid that may be searched exhaustively. */
  readonly maxGridSets: number;
  /** Evaluations over the whole run (all windows) at most. */
  readonly maxEvaluations: number;
  /** Memory for the stored result rows at most. */
  readonly maxMemoryBytes: number;
  /** Spaces up to this size have their feasible sets counted exactly; larger ones are sampled. */
  readonly exactCountUpTo: number;
}

export const DEFAULT_LIMITS: SetupLimits = { maxGridSets: 1_000_000, maxEvaluations: 10_000_000, maxMemoryBytes: 2 ** 30, exactCountUpTo: 1_000_000 };
/** The budget of random and genetic search when none is given (less when the space is smaller). */
export const DEFAULT_BUDGET = 1000;

/** A setup ready to run: one optimizer per run (or per walk-forward window, with a derived seed). */
export interface PreparedOptimization {
  readonly space: ParamSpace;
  readonly objective: Objective;
  readonly method: OptimizeMethod;
  readonly budget: number;
  readonly seed: number;
  readonly walkForward: WalkForwardPlan | null;
  createOptimizer(seed?: number): Optimizer;
}

export type SetupCheck =
  | { readonly ok: true; readonly estimate: SetupEstimate; readonly warnings: readonly SetupIssue[]; readonly prepared: PreparedOptimization }
  | { readonly ok: false; readonly errors: readonly SetupIssue[]; readonly warnings: readonly SetupIssue[]; readonly estimate: SetupEstimate | null };

/**
 * Validates a whole optimization before anything runs — ranges against the strategy's declaration,
 * objective and constraints, the number of sets before and after validate() and the rules (sampled
 * when the space is huge), the budget against the method, walk-forward windows against the data, and
 * the memory and time it would take. Every message names the field and the value.
 */
export function validateSetup(setup: OptimizationSetup): SetupCheck {
  const errors: SetupIssue[] = [];
  const warnings: SetupIssue[] = [];
  const limits = { ...DEFAULT_LIMITS, ...setup.limits };
  const seed = setup.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) errors.push({ field: 'seed', value: seed, message: `seed must be a whole number ≥ 0, got ${seed}` });
  if (!Number.isSafeInteger(setup.bars) || setup.bars < 2) errors.push({ field: 'bars', value: setup.bars, message: `an optimization needs at least 2 bars of data, got ${setup.bars}` });

  const constraints = setup.constraints ?? [];
  const rules = parameterRules(constraints, setup.strategy.params.map((p) => p.name));
  const space = buildParamSpace(setup.strategy, { ranges: setup.ranges, unranged: setup.unranged, rules }, errors);
  const objective = space ? buildObjective(space, setup.objective, constraints, { initialCash: setup.initialCash }, errors) : null;
  const plan = setup.walkForward ? walkForwardPlan(setup, errors, warnings) : null;
  if (!space) return { ok: false, errors, warnings, estimate: null };

  const feasible = space.countFeasible(new Rng(deriveSeed(Number.isSafeInteger(seed) ? seed : 1, 0x5e7)), limits.exactCountUpTo);
  if (feasible.count === 0) {
    errors.push({
      field: rules.length > 0 ? 'constraints' : 'ranges',
      value: rules.length > 0 ? rules : setup.ranges ?? {},
      message: `no parameter set of the ${space.size} combinations passes ${setup.strategy.id}'s validate()${rules.length > 0 ? ` and the rules ${rules.map((r) => `"${r}"`).join(', ')}` : ''}${feasible.exact ? '' : ' (in a sample)'}`,
    });
  }
  const budget = checkBudget(setup, space, feasible, limits, errors, warnings);
  const estimate = estimateCost(setup, space, feasible, budget, plan);
  if (estimate.totalEvaluations > limits.maxEvaluations) {
    errors.push({ field: 'budget', value: estimate.totalEvaluations, message: `${estimate.totalEvaluations} evaluations exceed the limit of ${limits.maxEvaluations}` });
  }
  if (estimate.memoryBytes > limits.maxMemoryBytes) {
    errors.push({
      field: 'budget',
      value: estimate.memoryBytes,
      message: `storing ${estimate.totalEvaluations} result rows takes about ${(estimate.memoryBytes / 2 ** 20).toFixed(0)} MiB, above the limit of ${(limits.maxMemoryBytes / 2 ** 20).toFixed(0)} MiB`,
    });
  }
  if (errors.length > 0 || !objective) return { ok: false, errors, warnings, estimate };

  const prepared: PreparedOptimization = {
    space, objective, method: setup.method, budget, seed, walkForward: plan,
    createOptimizer(runSeed = seed) {
      if (setup.method === 'grid') return new GridSearch(space, objective);
      if (setup.method === 'random') return new RandomSearch(space, objective, { budget, seed: runSeed });
      return new GeneticSearch(space, objective, { ...setup.genetic, budget, seed: runSeed });
    },
  };
  return { ok: true, estimate, warnings, prepared };
}

/** The evaluations per optimization: the feasible grid, or the budget (default, capped by the space). */
function checkBudget(setup: OptimizationSetup, space: ParamSpace, feasible: FeasibleCount, limits: SetupLimits, errors: SetupIssue[], warnings: SetupIssue[]): number {
  const { method, budget } = setup;
  if (method === 'grid') {
    if (budget !== undefined) warnings.push({ field: 'budget', value: budget, message: `grid search evaluates every feasible set; budget ${budget} applies only to random and genetic search` });
    if (!space.indexable || feasible.count > limits.maxGridSets) {
      errors.push({
        field: 'method',
        value: method,
        message: `a grid of ${feasible.count} feasible sets (${space.size} combinations) exceeds ${limits.maxGridSets}; use random or genetic search with a budget, or coarser steps`,
      });
    }
    return feasible.count;
  }
  if (method !== 'random' && method !== 'genetic') {
    errors.push({ field: 'method', value: method, message: `method must be grid, random or genetic, got ${String(method)}` });
    return 0;
  }
  if (budget !== undefined && (!Number.isSafeInteger(budget) || budget < 1)) {
    errors.push({ field: 'budget', value: budget, message: `budget must be a whole number ≥ 1, got ${budget}` });
    return 0;
  }
  const chosen = budget ?? Math.max(1, Math.min(DEFAULT_BUDGET, feasible.count));
  if (feasible.count > 0 && chosen >= feasible.count) {
    warnings.push({ field: 'budget', value: chosen, message: `budget ${chosen} covers all ${feasible.count} feasible sets${feasible.exact ? '' : ' (estimated)'}: a grid search would be exhaustive at the same cost` });
  }
  if (method === 'genetic') {
    try {
      const ga = resolveGeneticOptions({ ...setup.genetic, seed: 0, budget: chosen }, space.dimensions.length);
      if (chosen < 2 * ga.populationSize) {
        warnings.push({ field: 'budget', value: chosen, message: `budget ${chosen} is less than two generations of ${ga.populationSize}: the genetic search is then little more than a random sample` });
      }
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      errors.push({ field: 'genetic', value: setup.genetic, message: error.message });
    }
  }
  return chosen;
}

function walkForwardPlan(setup: OptimizationSetup, errors: SetupIssue[], warnings: SetupIssue[]): WalkForwardPlan | null {
  const wf = setup.walkForward!;
  const issues = checkWalkForward(setup.bars, wf);
  if (issues.length > 0) {
    errors.push(...issues);
    return null;
  }
  const plan = planWalkForward(setup.bars, wf);
  if (plan.windows.length < 2) {
    warnings.push({ field: 'walkForward', value: wf, message: `only ${plan.windows.length} walk-forward window fits in ${setup.bars} bars; shorten inSample or outOfSample for a meaningful walk-forward` });
  }
  if (plan.unusedBars > 0) {
    warnings.push({ field: 'walkForward.outOfSample', value: wf.outOfSample, message: `the last ${plan.unusedBars} bars do not fill an out-of-sample window and are left out` });
  }
  return plan;
}
