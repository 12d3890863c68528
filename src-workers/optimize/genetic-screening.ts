import type { Genome } from './genetic-operators.ts';
import type { Dimension } from './space.ts';

/** A told set as a genome with its standing among the told sets: 1 for the best, 0 for the worst. */
export interface Standing {
  readonly genome: Genome;
  readonly standing: number;
}

/**
 * The kernel's width, as a share of each axis: narrow enough that on a 10-value axis a value reads
 * mostly its own sets (neighbouring values weigh e^−2 as much), wide enough that on a 40-value axis
 * the sets a step or two away count too.
 */
const WIDTH = 0.05;

/**
 * Keeps the `keep` most promising of the candidate children (ties to the earlier one). How promising
 * a genome looks is read off the told sets with an additive model: for each axis, the mean standing
 * of the told sets weighted by a Gaussian of their distance along that axis alone, summed over the
 * axes. It is what crossover assumes — that a good value of one parameter tends to stay good whatever
 * the others are — estimated from everything told rather than from two parents. Standings are ranks,
 * not objective values, so a scale, an outlier or an undefined objective does not swamp the estimate.
 */
export function screen<T extends { genome: Genome }>(candidates: readonly T[], told: readonly Standing[], dims: readonly Dimension[], keep: number): T[] {
  if (candidates.length <= keep || told.length === 0) return candidates.slice(0, keep);
  const scored = candidates.map((c, i) => ({ c, i, p: promise(c.genome, told, dims) }));
  scored.sort((x, y) => y.p - x.p || x.i - y.i);
  return scored.slice(0, keep).map((x) => x.c);
}

function promise(genome: Genome, told: readonly Standing[], dims: readonly Dimension[]): number {
  let sum = 0;
  dims.forEach((dim, d) => {
    let weighted = 0;
    let total = 0;
    for (const t of told) {
      const gap = dim.kind === 'choice' ? (genome[d] === t.genome[d] ? 0 : 1) : (genome[d]! - t.genome[d]!) / Math.max(1, dim.size - 1);
      const w = Math.exp(-(gap * gap) / (2 * WIDTH * WIDTH));
      weighted += w * t.standing;
      total += w;
    }
    if (total > 0) sum += weighted / total;
  });
  return sum;
}
