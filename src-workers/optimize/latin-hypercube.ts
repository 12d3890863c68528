import type { ParamValues } from '../backtest/strategy.ts';
import type { Rng } from './rng.ts';
import type { ParamSpace } from './space.ts';

/**
 * `n` grid sets spread over the space by Latin hypercube sampling: each axis is cut into n equal
 * strata, one index is drawn inside each, and the axes are paired by independent random permutations.
 * Every value range of every parameter is then visited — with 10 sets over a 10-value axis, each
 * value exactly once — where a uniform sample of 10 leaves about a third of them out. A small first
 * generation that covers the space is what lets a short genetic run find the right region.
 * Sets may repeat or be infeasible; the caller filters them.
 */
export function latinHypercube(space: ParamSpace, n: number, rng: Rng): ParamValues[] {
  const columns = space.dimensions.map((dim) => {
    const picks: number[] = [];
    for (let k = 0; k < n; k++) {
      const lo = Math.floor((k * dim.size) / n);
      const hi = Math.max(lo, Math.floor(((k + 1) * dim.size) / n) - 1);
      picks.push(lo + rng.below(hi - lo + 1));
    }
    return rng.shuffle(picks);
  });
  return Array.from({ length: n }, (_, k) => {
    const set: ParamValues = {};
    space.dimensions.forEach((dim, d) => (set[dim.name] = dim.valueAt(columns[d]![k]!)));
    return set;
  });
}
