import type { ParamValues } from '../backtest/strategy.ts';
import type { Genome } from './genetic-operators.ts';
import type { Rng } from './rng.ts';
import type { Dimension, ParamSpace } from './space.ts';

/** How many probes one member may take per generation, so that the probes spread over the best few. */
export const PROBES_PER_MEMBER = 2;

/**
 * The memetic half of the genetic search: new sets near the best members, on the premise that the
 * neighbours of a good set tend to be good too. Members are visited best first, each giving at most
 * {@link PROBES_PER_MEMBER} untried feasible sets of its {@link neighbourhood}, until `wanted` are found.
 * Spreading the probes keeps one lucky peak from taking them all when a better peak is near another
 * member. `isNew` says whether a key was neither told nor queued.
 */
export function localProbes(
  centres: readonly Genome[],
  space: ParamSpace,
  wanted: number,
  isNew: (key: string) => boolean,
  decode: (genome: Genome) => ParamValues,
  rng: Rng,
  perMember = PROBES_PER_MEMBER,
): { key: string; params: ParamValues; genome: Genome }[] {
  const out: { key: string; params: ParamValues; genome: Genome }[] = [];
  for (const centre of centres) {
    let mine = 0;
    for (const genome of neighbourhood(centre, space.dimensions, rng)) {
      if (out.length >= wanted || mine >= perMember) break;
      const params = decode(genome);
      if (!space.feasible(params)) continue;
      const key = space.key(params);
      if (!isNew(key) || out.some((p) => p.key === key)) continue;
      out.push({ key, params, genome });
      mine++;
    }
    if (out.length >= wanted) break;
  }
  return out;
}

/**
 * The moves around one member, in order: ±1 step along each axis, then ±2, ±4, ±8 … steps (a compass
 * search whose reach doubles, so an axis of 500 values is crossed in nine rings while the first ring
 * still refines the last step), then the diagonal moves — ±1 step along two axes at once — that follow
 * a ridge running across the axes (`fast < slow` cuts the grid diagonally). A choice has no order: all
 * its other values are in the first ring. Within a ring the order is shuffled by the run's generator,
 * so no axis is favoured and the run still depends on the seed alone.
 */
export function* neighbourhood(centre: Genome, dims: readonly Dimension[], rng: Rng): Generator<Genome> {
  const longest = Math.max(1, ...dims.map((d) => (d.kind === 'choice' ? 1 : d.size - 1)));
  for (let reach = 1; reach <= longest; reach *= 2) {
    const ring: Genome[] = [];
    dims.forEach((dim, d) => {
      const at = centre[d]!;
      if (dim.kind === 'choice') {
        if (reach === 1) for (let j = 0; j < dim.size; j++) if (j !== at) ring.push(moved(centre, d, j));
        return;
      }
      for (const j of [at - reach, at + reach]) if (j >= 0 && j < dim.size) ring.push(moved(centre, d, j));
    });
    yield* rng.shuffle(ring);
  }
  const diagonals: Genome[] = [];
  for (let a = 0; a < dims.length; a++) {
    for (let b = a + 1; b < dims.length; b++) {
      if (dims[a]!.kind === 'choice' || dims[b]!.kind === 'choice') continue;
      for (const da of [-1, 1]) {
        for (const db of [-1, 1]) {
          const i = centre[a]! + da;
          const j = centre[b]! + db;
          if (i >= 0 && i < dims[a]!.size && j >= 0 && j < dims[b]!.size) diagonals.push(moved(moved(centre, a, i), b, j));
        }
      }
    }
  }
  yield* rng.shuffle(diagonals);
}

function moved(genome: Genome, d: number, index: number): Genome {
  const next = [...genome];
  next[d] = index;
  return next;
}
