import type { ParamValues } from '../backtest/strategy.ts';
import type { EvaluatedSet, Judgement, Objective } from './objective.ts';
import type { ParamSpace } from './space.ts';

export type OptimizeMethod = 'grid' | 'random' | 'genetic';

/** How many sets `ask()` proposes when the runner does not say. */
export const DEFAULT_ASK = 256;

/** An evaluated set with its judgement, its key, and its place in the order the optimizer asked. */
export interface ScoredSet extends EvaluatedSet, Judgement {
  readonly key: string;
  /** 0 for the first set asked, 1 for the next …: ties in fitness go to the earlier set. */
  readonly seq: number;
}

/**
 * The ask/tell protocol every method follows (LEAN's IOptimizationStrategy, pure): the runner asks for
 * sets, evaluates them wherever it likes (in parallel, in any order), and tells the results back.
 *
 * ```ts
 * while (!opt.done) {
 *   const sets = opt.ask(freeSlots);
 *   if (sets.length === 0) { tell the results of a batch in flight; continue; }  // waiting on a generation
 *   dispatch(sets);
 * }
 * ```
 * The outcome depends only on the seed and the results, never on the order or grouping of the tells.
 */
export interface Optimizer {
  readonly method: OptimizeMethod;
  /**
   * Up to `max` new sets to evaluate (none seen before). [] when done, or when the method needs
   * results still out (the genetic optimizer between generations).
   */
  ask(max?: number): ParamValues[];
  /** Results of asked sets. Telling a set that is not out (never asked, or told already) is a bug and throws. */
  tell(results: readonly EvaluatedSet[]): void;
  /** Nothing left to ask and nothing out. */
  readonly done: boolean;
  /** The best feasible set with a defined objective, or null. */
  readonly best: ScoredSet | null;
  readonly evaluated: number;
  /** Asked and not told yet. */
  readonly pending: number;
  /** The evaluations the method expects to make (progress's total): the feasible grid, or the budget. */
  readonly planned: number;
}

/**
 * Ranking, best first: feasible sets before infeasible ones (those with fewer failed constraints
 * first), then higher fitness (an undefined objective is −Infinity, last), then the earlier set.
 */
export function compareScored(a: ScoredSet, b: ScoredSet): number {
  if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
  if (!a.feasible && a.violations.length !== b.violations.length) return a.violations.length - b.violations.length;
  if (a.fitness !== b.fitness) return a.fitness > b.fitness ? -1 : 1;
  return a.seq - b.seq;
}

/**
 * The bookkeeping the three methods share: which sets are out (by key, with their sequence number),
 * judging what comes back, the count and the best.
 */
export class Ledger {
  private readonly out = new Map<string, { seq: number; params: ParamValues }>();
  private nextSeq = 0;
  evaluated = 0;
  best: ScoredSet | null = null;

  constructor(
    readonly space: ParamSpace,
    readonly objective: Objective,
  ) {}

  get pending(): number {
    return this.out.size;
  }

  /** Marks a set as asked and returns it; its key must not be out already. */
  issue(params: ParamValues, key = this.space.key(params)): ParamValues {
    if (this.out.has(key)) throw new Error(`bug: ${key} asked twice`);
    this.out.set(key, { seq: this.nextSeq++, params });
    return params;
  }

  isOut(key: string): boolean {
    return this.out.has(key);
  }

  /** Judges a told result of a set that is out, and keeps the best. */
  receive(result: EvaluatedSet): ScoredSet {
    const key = this.space.key(result.params);
    const asked = this.out.get(key);
    if (!asked) throw new Error(`bug: told a result for ${key}, which is not out (never asked, or told twice)`);
    this.out.delete(key);
    this.evaluated++;
    const scored: ScoredSet = { params: asked.params, metrics: result.metrics, ...this.objective.judge(result), key, seq: asked.seq };
    if (scored.feasible && scored.objective !== null && (this.best === null || compareScored(scored, this.best) < 0)) this.best = scored;
    return scored;
  }
}

/**
 * What the three methods answer alike from their {@link Ledger}: results told back, the best, and
 * the counts. Each method adds how it chooses sets (`ask`), when it is `done`, and what it `planned`.
 */
export abstract class LedgerSearch {
  protected constructor(protected readonly ledger: Ledger) {}

  tell(results: readonly EvaluatedSet[]): void {
    for (const result of results) this.ledger.receive(result);
  }

  get best(): ScoredSet | null {
    return this.ledger.best;
  }

  get evaluated(): number {
    return this.ledger.evaluated;
  }

  get pending(): number {
    return this.ledger.pending;
  }
}
