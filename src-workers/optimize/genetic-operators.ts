import { compareScored, type ScoredSet } from './optimizer.ts';
import type { Rng } from './rng.ts';
import type { Dimension } from './space.ts';

/**
 * The genetic algorithm's operators over genomes: one grid index per dimension, so that a mutation
 * moves a number by whole steps and never leaves the space.
 */
export type Genome = number[];

/** The best of `k` members drawn uniformly (with replacement): selection pressure grows with k. */
export function tournament<T extends ScoredSet>(population: readonly T[], k: number, rng: Rng): T {
  let winner = population[rng.below(population.length)]!;
  for (let i = 1; i < k; i++) {
    const rival = population[rng.below(population.length)]!;
    if (compareScored(rival, winner) < 0) winner = rival;
  }
  return winner;
}

/** Uniform: each gene from either parent with even odds. One-point: a prefix of one parent, the rest of the other. */
export function crossover(a: Genome, b: Genome, kind: 'uniform' | 'one-point', rng: Rng): Genome {
  if (kind === 'uniform') return a.map((gene, d) => (rng.chance(0.5) ? gene : b[d]!));
  if (a.length < 2) return [...a];
  const cut = rng.int(1, a.length - 1);
  return [...a.slice(0, cut), ...b.slice(cut)];
}

/**
 * Each gene changes with probability `rate`. A number moves ±1 … `maxSteps` steps (uniform in the
 * distance, reflected at the ends of its axis), so small moves refine and larger ones escape; a
 * choice, which has no order, becomes another choice at random.
 */
export function mutate(genome: Genome, dims: readonly Dimension[], rate: number, spread: number, rng: Rng): Genome {
  return genome.map((gene, d) => {
    const size = dims[d]!.size;
    if (size < 2 || !rng.chance(rate)) return gene;
    if (dims[d]!.kind === 'choice') {
      const other = rng.below(size - 1);
      return other >= gene ? other + 1 : other;
    }
    const maxSteps = Math.max(1, Math.round((size - 1) * spread));
    const distance = 1 + rng.below(maxSteps);
    return reflect(rng.chance(0.5) ? gene + distance : gene - distance, size);
  });
}

/** An index bounced back inside [0, size): −2 → 2, size + 1 → size − 3. */
function reflect(index: number, size: number): number {
  const last = size - 1;
  const period = 2 * last;
  let i = ((index % period) + period) % period;
  if (i > last) i = period - i;
  return i;
}
