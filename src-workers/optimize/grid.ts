import type { ParamValues } from '../backtest/strategy.ts';
import type { Objective } from './objective.ts';
import { DEFAULT_ASK, Ledger, LedgerSearch, type Optimizer } from './optimizer.ts';
import type { ParamSpace } from './space.ts';

/**
 * Exhaustive grid search ("brute force"): every feasible set once, in grid order (the last parameter
 * fastest). Infeasible sets (validate(), the rules) are skipped without being asked. Ties in the
 * objective go to the set earlier in the grid.
 */
export class GridSearch extends LedgerSearch implements Optimizer {
  readonly method = 'grid' as const;
  private cursor = 0;
  private feasibleTotal: number | null = null;

  constructor(
    private readonly space: ParamSpace,
    objective: Objective,
  ) {
    super(new Ledger(space, objective));
    if (!space.indexable) throw new RangeError(`a grid of ${space.size.toExponential(2)} sets cannot be enumerated; use random or genetic search`);
  }

  ask(max = DEFAULT_ASK): ParamValues[] {
    const out: ParamValues[] = [];
    while (out.length < max && this.cursor < this.space.size) {
      const set = this.space.at(this.cursor++);
      if (this.space.feasible(set)) out.push(this.ledger.issue(set));
    }
    return out;
  }

  get done(): boolean {
    return this.ledger.pending === 0 && !this.hasMore();
  }

  /** The number of feasible sets, counted once on first use (validate() over the whole grid). */
  get planned(): number {
    if (this.feasibleTotal === null) {
      let n = 0;
      for (let i = 0; i < this.space.size; i++) if (this.space.feasible(this.space.at(i))) n++;
      this.feasibleTotal = n;
    }
    return this.feasibleTotal;
  }

  /** Whether a feasible set remains past the cursor (skipping infeasible ones moves the cursor). */
  private hasMore(): boolean {
    while (this.cursor < this.space.size && !this.space.feasible(this.space.at(this.cursor))) this.cursor++;
    return this.cursor < this.space.size;
  }
}
