import type { ParamValues, StrategyDefinition } from '../backtest/strategy.ts';
import { buildDimension, type Dimension, type ParamRange } from './dimension.ts';
import { compileExpression, ExpressionError, type CompiledExpression, type ExpressionVariable } from './expression.ts';
import type { Rng } from './rng.ts';
import { throwIssues, type SetupIssue } from './setup-issue.ts';

export type { Dimension, ParamRange } from './dimension.ts';

export interface SpaceOptions {
  /** Ranges by parameter name, each checked against the declaration. */
  readonly ranges?: Readonly<Record<string, ParamRange>>;
  /**
   * What a parameter without a range spans: its whole declared range (the default), or only its
   * default value (how `optimize.start` reads "a parameter left out stays at its default").
   */
  readonly unranged?: 'declared' | 'default';
  /** Cross-parameter rules over parameters only (`"fast < slow"`, `"ma == 'ema' || fast > 5"`). */
  readonly rules?: readonly string[];
}

/** The feasible size of a space: exact, or estimated from a sample with its standard error. */
export interface FeasibleCount {
  readonly count: number;
  readonly exact: boolean;
  readonly standardError: number;
}

/**
 * The sets an optimization may try: the product of one {@link Dimension} per declared parameter, in
 * declaration order, restricted to the sets the strategy's `validate()` and the rules accept. The
 * grid is indexed in mixed radix with the last parameter fastest (as nested loops in declaration
 * order), so set i is decoded from i without any array: 10⁶ sets cost no memory.
 */
export class ParamSpace {
  readonly dimensions: readonly Dimension[];
  /** Number of sets in the grid before validate() and the rules (may exceed 2⁵³ for huge spaces). */
  readonly size: number;
  /** True when every set has a safe-integer index (size ≤ 2⁵³). */
  readonly indexable: boolean;
  private readonly rules: readonly CompiledExpression[];
  private readonly slots: Float64Array;

  constructor(
    private readonly strategy: StrategyDefinition,
    dimensions: readonly Dimension[],
    rules: readonly CompiledExpression[],
  ) {
    this.dimensions = dimensions;
    this.rules = rules;
    this.slots = new Float64Array(dimensions.length);
    this.size = dimensions.reduce((n, d) => n * d.size, 1);
    this.indexable = Number.isSafeInteger(this.size);
  }

  /** Grid size before filtering (the number of combinations). */
  count(): number {
    return this.size;
  }

  /** Set number `index` of the grid (0 ≤ index < size), the last parameter varying fastest. */
  at(index: number): ParamValues {
    this.requireIndexable();
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) throw new RangeError(`grid index ${index} is outside 0..${this.size - 1}`);
    const digits = new Array<number>(this.dimensions.length);
    let rest = index;
    for (let d = this.dimensions.length - 1; d >= 0; d--) {
      const size = this.dimensions[d]!.size;
      digits[d] = rest % size;
      rest = Math.floor(rest / size);
    }
    const set: ParamValues = {};
    this.dimensions.forEach((dim, d) => (set[dim.name] = dim.valueAt(digits[d]!)));
    return set;
  }

  /** The grid index of a set, or −1 when a value is off its axis. */
  indexOf(set: ParamValues): number {
    this.requireIndexable();
    let index = 0;
    for (const dim of this.dimensions) {
      const i = dim.indexOf(set[dim.name]);
      if (i < 0) return -1;
      index = index * dim.size + i;
    }
    return index;
  }

  /** A stable text key of a set (its values in dimension order), for caches and de-duplication. */
  key(set: ParamValues): string {
    return JSON.stringify(this.dimensions.map((d) => set[d.name] ?? null));
  }

  /** Why a set may not be run — the strategy's own message or the first failing rule — or null. */
  check(set: ParamValues): string | null {
    let problem: string | null;
    try {
      problem = this.strategy.validate?.(set) ?? null;
    } catch (error) {
      problem = `validate() threw: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (problem !== null) return problem;
    if (this.rules.length === 0) return null;
    this.dimensions.forEach((dim, d) => {
      const v = set[dim.name];
      this.slots[d] = dim.kind === 'choice' ? dim.indexOf(v) : typeof v === 'number' ? v : NaN;
    });
    for (const rule of this.rules) if (rule.evaluate(this.slots) !== 1) return `rule "${rule.source}" does not hold`;
    return null;
  }

  feasible(set: ParamValues): boolean {
    return this.check(set) === null;
  }

  /** Every feasible set in grid order, lazily. */
  *enumerate(start = 0, end = this.size): Generator<ParamValues> {
    for (let i = start; i < end; i++) {
      const set = this.at(i);
      if (this.feasible(set)) yield set;
    }
  }

  /** A uniformly random grid set (each axis drawn independently), feasible or not. */
  sample(rng: Rng): ParamValues {
    const set: ParamValues = {};
    for (const dim of this.dimensions) set[dim.name] = dim.valueAt(rng.below(dim.size));
    return set;
  }

  /**
   * The feasible sets one step away along one axis (±1 step of a number, every other value of a
   * choice, which has no order): what a robustness check re-runs around a chosen set.
   */
  neighbours(set: ParamValues): ParamValues[] {
    const out: ParamValues[] = [];
    for (const dim of this.dimensions) {
      const i = dim.indexOf(set[dim.name]);
      if (i < 0) throw new RangeError(`${dim.name} = ${String(set[dim.name])} is not a value of this space`);
      const others = dim.kind === 'choice' ? [...Array(dim.size).keys()].filter((j) => j !== i) : [i - 1, i + 1].filter((j) => j >= 0 && j < dim.size);
      for (const j of others) {
        const next = { ...set, [dim.name]: dim.valueAt(j) };
        if (this.feasible(next)) out.push(next);
      }
    }
    return out;
  }

  /**
   * How many sets pass validate() and the rules: counted exactly when the grid has at most
   * `exactUpTo` sets, else estimated from `samples` uniform draws (binomial standard error).
   */
  countFeasible(rng: Rng, exactUpTo = 1_000_000, samples = 20_000): FeasibleCount {
    if (this.indexable && this.size <= exactUpTo) {
      let count = 0;
      for (let i = 0; i < this.size; i++) if (this.feasible(this.at(i))) count++;
      return { count, exact: true, standardError: 0 };
    }
    let hits = 0;
    for (let k = 0; k < samples; k++) if (this.feasible(this.sample(rng))) hits++;
    const p = hits / samples;
    return { count: Math.round(p * this.size), exact: false, standardError: Math.sqrt((p * (1 - p)) / samples) * this.size };
  }

  /** The expression scope of the parameters, in dimension order (slot d = dimension d). */
  variables(): ExpressionVariable[] {
    return this.dimensions.map((d) => (d.choices ? { name: d.name, choices: d.choices } : { name: d.name }));
  }

  private requireIndexable(): void {
    if (!this.indexable) throw new RangeError(`the space has ${this.size.toExponential(2)} sets, too many to index; narrow the ranges`);
  }
}

/**
 * The space of a strategy's parameters; VALIDATION_FAILED naming every bad range (`ranges.fast.min`)
 * or rule (`rules[0]`) and its value.
 */
export function createParamSpace(strategy: StrategyDefinition, options: SpaceOptions = {}): ParamSpace {
  const issues: SetupIssue[] = [];
  const space = buildParamSpace(strategy, options, issues);
  throwIssues(issues);
  return space!;
}

/** {@link createParamSpace} that reports problems into `issues` instead of throwing (null then). */
export function buildParamSpace(strategy: StrategyDefinition, options: SpaceOptions, issues: SetupIssue[]): ParamSpace | null {
  const before = issues.length;
  const ranges = options.ranges ?? {};
  for (const name of Object.keys(ranges)) {
    if (!strategy.params.some((p) => p.name === name)) {
      issues.push({ field: `ranges.${name}`, value: ranges[name], message: `${strategy.id} has no parameter '${name}'; parameters: ${strategy.params.map((p) => p.name).join(', ')}` });
    }
  }
  const dimensions = strategy.params.map((p) => buildDimension(p, ranges[p.name], options.unranged ?? 'declared', issues));
  if (issues.length > before) return null;
  const scope = dimensions.map((d) => (d!.choices ? { name: d!.name, choices: d!.choices } : { name: d!.name }));
  const rules: CompiledExpression[] = [];
  (options.rules ?? []).forEach((source, i) => {
    try {
      rules.push(compileExpression(source, scope, 'condition'));
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      issues.push({ field: `rules[${i}]`, value: source, message: error.message });
    }
  });
  return issues.length > before ? null : new ParamSpace(strategy, dimensions as Dimension[], rules);
}
