import type { ParamValues } from '../backtest/strategy.ts';
import { IndexSampler } from './index-sampler.ts';
import type { Rng } from './rng.ts';
import type { ParamSpace } from './space.ts';

/**
 * Distinct feasible sets of a space in uniformly random order (without replacement), for random
 * search and the genetic algorithm's first generation. Infeasible draws are skipped; after
 * `maxMisses` of them in a row the space is treated as exhausted, so a space whose rules admit almost
 * nothing ends the search instead of spinning (validate-setup warns about such spaces up front).
 */
export class FeasibleSampler {
  private readonly indices: IndexSampler | null;
  /** Keys already drawn, only for spaces too large to index (where collisions are rare anyway). */
  private readonly seen = new Set<string>();
  private exhausted = false;

  constructor(
    private readonly space: ParamSpace,
    private readonly rng: Rng,
    private readonly maxMisses = 100_000,
  ) {
    this.indices = space.indexable ? new IndexSampler(space.size, rng) : null;
  }

  /** The next unseen feasible set, or null when none is left (or none was found in maxMisses draws). */
  next(): ParamValues | null {
    for (let misses = 0; !this.exhausted && misses < this.maxMisses; misses++) {
      const set = this.draw();
      if (set === null) break;
      if (this.space.feasible(set)) return set;
    }
    this.exhausted = true;
    return null;
  }

  private draw(): ParamValues | null {
    if (this.indices) {
      const index = this.indices.next();
      return index < 0 ? null : this.space.at(index);
    }
    for (;;) {
      const set = this.space.sample(this.rng);
      const key = this.space.key(set);
      if (!this.seen.has(key)) {
        this.seen.add(key);
        return set;
      }
    }
  }
}
