import type { ParamValues } from '../backtest/strategy.ts';
import { FeasibleSampler } from './feasible-sampler.ts';
import type { Objective } from './objective.ts';
import { DEFAULT_ASK, Ledger, LedgerSearch, type Optimizer } from './optimizer.ts';
import { Rng } from './rng.ts';
import type { ParamSpace } from './space.ts';

export interface RandomSearchOptions {
  /** Evaluations at most; fewer when the feasible space is smaller. */
  readonly budget: number;
  readonly seed: number;
}

/**
 * Random search: `budget` distinct feasible sets drawn uniformly without replacement (a lazy
 * Fisher–Yates over the grid's indices), so no set is evaluated twice and a budget at least the
 * feasible size covers the space exactly once. The same seed draws the same sets in the same order.
 */
export class RandomSearch extends LedgerSearch implements Optimizer {
  readonly method = 'random' as const;
  private readonly sampler: FeasibleSampler;
  private readonly budget: number;
  private asked = 0;
  private exhausted = false;
  private upcoming: ParamValues | null = null;

  constructor(space: ParamSpace, objective: Objective, options: RandomSearchOptions) {
    super(new Ledger(space, objective));
    if (!Number.isSafeInteger(options.budget) || options.budget < 1) throw new RangeError(`budget must be a positive integer, got ${options.budget}`);
    this.sampler = new FeasibleSampler(space, new Rng(options.seed));
    this.budget = options.budget;
  }

  ask(max = DEFAULT_ASK): ParamValues[] {
    const out: ParamValues[] = [];
    while (out.length < max && this.hasMore()) {
      out.push(this.ledger.issue(this.upcoming!));
      this.upcoming = null;
      this.asked++;
    }
    return out;
  }

  /** Draws the next set ahead of time, so that `done` is exact without an extra ask. */
  private hasMore(): boolean {
    if (this.asked >= this.budget || this.exhausted) return false;
    this.upcoming ??= this.sampler.next();
    if (this.upcoming === null) this.exhausted = true;
    return !this.exhausted;
  }

  get done(): boolean {
    return this.ledger.pending === 0 && !this.hasMore();
  }

  /** The budget, until the space runs out first: then what was asked. */
  get planned(): number {
    return this.exhausted ? this.asked : this.budget;
  }
}
