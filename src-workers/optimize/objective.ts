import type { ParamValues } from '../backtest/strategy.ts';
import { compileExpression, ExpressionError, identifiersOf, parseExpression, type CompiledExpression, type ExpressionVariable } from './expression.ts';
import { METRIC_DIRECTIONS, METRIC_NAMES, readMetric, type Direction, type MetricsRow } from './metric-names.ts';
import { throwIssues, type SetupIssue } from './setup-issue.ts';
import type { ParamSpace } from './space.ts';

export type { Direction, MetricsRow } from './metric-names.ts';

/** What is optimized: one metric (direction from {@link METRIC_DIRECTIONS} unless given), or a formula (maximized unless given). */
export type ObjectiveSpec = { readonly metric: string; readonly direction?: Direction } | { readonly formula: string; readonly direction?: Direction };

/** One evaluated parameter set, as the runner tells it back. */
export interface EvaluatedSet {
  readonly params: ParamValues;
  readonly metrics: MetricsRow;
}

/** What the objective and the constraints make of an evaluated set. */
export interface Judgement {
  /** The objective as the user reads it (the metric, a drawdown as a magnitude, the formula); null when undefined. */
  readonly objective: number | null;
  /** The objective turned so that higher is better; −Infinity when undefined, so it ranks last. */
  readonly fitness: number;
  /** False when a constraint fails or is unknown (reads an undefined metric); the set is kept, marked. */
  readonly feasible: boolean;
  /** The constraints that did not hold, as written. */
  readonly violations: readonly string[];
}

/** `sharpe` → that metric; anything else (`cagr / maxDrawdown`) → a formula. */
export function parseObjective(text: string): ObjectiveSpec {
  const trimmed = text.trim();
  return METRIC_NAMES.includes(trimmed) ? { metric: trimmed } : { formula: trimmed };
}

/**
 * An objective with its constraints, compiled once over one scope: the space's parameters, then every
 * metric of {@link METRIC_NAMES} (a parameter shadows a metric of the same name).
 */
export class Objective {
  readonly spec: ObjectiveSpec;
  readonly direction: Direction;
  /** `sharpe (maximize)`, `cagr / maxDrawdown (maximize)`. */
  readonly label: string;
  private readonly scope: readonly ExpressionVariable[];
  private readonly paramCount: number;
  private readonly slots: Float64Array;

  constructor(
    space: ParamSpace,
    spec: ObjectiveSpec,
    direction: Direction,
    private readonly formula: CompiledExpression | null,
    private readonly constraints: readonly CompiledExpression[],
    private readonly initialCash: number | undefined,
  ) {
    this.spec = spec;
    this.direction = direction;
    this.label = `${'metric' in spec ? spec.metric : spec.formula} (${direction})`;
    this.scope = objectiveScope(space);
    this.paramCount = space.dimensions.length;
    this.slots = new Float64Array(this.scope.length);
  }

  judge(row: EvaluatedSet): Judgement {
    this.fill(row);
    const raw = this.formula ? this.formula.evaluate(this.slots) : readMetric((this.spec as { metric: string }).metric, row.metrics, this.initialCash);
    // ±Infinity (a formula dividing by 0) is no better defined than NaN.
    const objective = Number.isFinite(raw) ? raw : null;
    const fitness = objective === null ? -Infinity : this.direction === 'maximize' ? objective : -objective;
    const violations = this.constraints.filter((c) => c.evaluate(this.slots) !== 1).map((c) => c.source);
    return { objective, fitness, feasible: violations.length === 0, violations };
  }

  private fill(row: EvaluatedSet): void {
    for (let i = 0; i < this.scope.length; i++) {
      const v = this.scope[i]!;
      if (i < this.paramCount) {
        const value = row.params[v.name];
        this.slots[i] = v.choices ? v.choices.indexOf(value as string) : typeof value === 'number' ? value : NaN;
        if (v.choices && this.slots[i]! < 0) this.slots[i] = NaN;
      } else {
        this.slots[i] = readMetric(v.name, row.metrics, this.initialCash);
      }
    }
  }
}

/** The names formulas and constraints may read: the space's parameters, then the metrics. */
export function objectiveScope(space: ParamSpace): ExpressionVariable[] {
  const params = space.variables();
  const taken = new Set(params.map((p) => p.name));
  return [...params, ...METRIC_NAMES.filter((m) => !taken.has(m)).map((name) => ({ name }))];
}

export interface ObjectiveOptions {
  /** The backtests' initial cash, for `netProfit` (else recovered from finalEquity and totalReturn). */
  readonly initialCash?: number;
}

/** {@link buildObjective} that throws VALIDATION_FAILED naming `objective` or `constraints[i]`. */
export function createObjective(space: ParamSpace, spec: ObjectiveSpec | string, constraints: readonly string[] = [], options: ObjectiveOptions = {}): Objective {
  const issues: SetupIssue[] = [];
  const objective = buildObjective(space, spec, constraints, options, issues);
  throwIssues(issues);
  return objective!;
}

/** The objective, or null with the problems pushed to `issues`. */
export function buildObjective(space: ParamSpace, given: ObjectiveSpec | string, constraints: readonly string[], options: ObjectiveOptions, issues: SetupIssue[]): Objective | null {
  const before = issues.length;
  const spec = typeof given === 'string' ? parseObjective(given) : given;
  const scope = objectiveScope(space);
  const compile = (source: string, type: 'number' | 'condition', field: string): CompiledExpression | null => {
    try {
      return compileExpression(source, scope, type);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      issues.push({ field, value: source, message: `${field}: ${error.message}` });
      return null;
    }
  };
  let direction: Direction | undefined = spec.direction;
  let formula: CompiledExpression | null = null;
  if ('metric' in spec) {
    if (!METRIC_NAMES.includes(spec.metric)) {
      issues.push({ field: 'objective', value: spec.metric, message: `objective: unknown metric '${spec.metric}'; metrics: ${METRIC_NAMES.join(', ')}` });
    } else if (direction === undefined) {
      direction = METRIC_DIRECTIONS[spec.metric];
      if (direction === undefined) issues.push({ field: 'objective', value: spec.metric, message: `objective: say whether to maximize or minimize ${spec.metric}` });
    }
  } else {
    formula = compile(spec.formula, 'number', 'objective');
    direction ??= 'maximize';
  }
  const compiled = constraints.map((source, i) => compile(source, 'condition', `constraints[${i}]`));
  if (issues.length > before) return null;
  return new Objective(space, spec, direction!, formula, compiled as CompiledExpression[], options.initialCash);
}

/**
 * The constraints that read parameters only (`fast < slow`): they can be checked before a set is run,
 * so the space skips such sets instead of spending a backtest on them. Constraints that do not parse
 * are left to {@link buildObjective}, which reports them.
 */
export function parameterRules(constraints: readonly string[], paramNames: readonly string[]): string[] {
  return constraints.filter((source) => {
    try {
      const names = identifiersOf(parseExpression(source));
      return names.length > 0 && names.every((n) => paramNames.includes(n));
    } catch (error) {
      if (error instanceof ExpressionError) return false;
      throw error;
    }
  });
}
