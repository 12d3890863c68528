/** The genetic search's options, their defaults and their checks. */
export interface GeneticOptions {
  readonly seed: number;
  /** Evaluations at most (sets already seen are never re-evaluated, so they cost nothing). */
  readonly budget: number;
  readonly populationSize?: number;
  /** Members drawn per tournament; the best of them becomes a parent. */
  readonly tournamentSize?: number;
  readonly crossover?: 'uniform' | 'one-point';
  /** Probability that a child mixes two parents rather than copying the first. */
  readonly crossoverRate?: number;
  /** Probability per gene of a mutation; default 1 / (number of dimensions). */
  readonly mutationRate?: number;
  /** The largest mutation, as a fraction of the axis (at least one step). */
  readonly mutationSpread?: number;
  /** The best members carried unchanged into the next generation. */
  readonly elitism?: number;
  /** Generations without a better best after which the search has converged. */
  readonly stallGenerations?: number;
  /** How generation 0 is drawn: a Latin hypercube (covers every axis evenly) or uniformly at random. */
  readonly initialSample?: 'latin' | 'random';
  /**
   * Share of each generation's new sets spent probing around its best members (±1, ±2, ±4 … steps
   * along each axis, never a set seen before); 0 turns this local search off.
   */
  readonly localSearch?: number;
  /**
   * Candidate children bred per child asked; the most promising by an additive estimate from the told
   * sets are kept. 1 turns screening off (every bred child is asked).
   */
  readonly screening?: number;
  /**
   * What judges the candidates when screening (`screening` > 1): 'gp' a Gaussian-process surrogate of
   * the told sets' ranks (surrogate.ts), which also chooses the local probes among twice as many
   * gathered; 'ranks' the per-axis rank model (genetic-screening.ts), local probes in compass order.
   */
  readonly surrogate?: 'gp' | 'ranks';
}

/**
 * Defaults of the options. `populationSize` defaults to budget / 8 held within 8…20: about eight
 * generations fit in the budget (fewer than ~5 leaves no room to evolve; with 34 evaluations a
 * population of 20 is little more than a random sample). `localSearch` 0.5, `screening` 10 and
 * `surrogate` 'gp' were chosen on the ORCL grid and checked on others (docs/optimization.md
 * has the figures): the Gaussian-process surrogate finds the ORCL optimum with 34 evaluations for
 * 63.8 % of seeds against 55.2 % for the rank model with screening 5, and is no worse on the other
 * landscapes measured; more local search starts to trap short runs on one peak.
 */
export const GENETIC_DEFAULTS = {
  tournamentSize: 3,
  crossover: 'uniform',
  crossoverRate: 0.9,
  mutationSpread: 0.05,
  elitism: 2,
  stallGenerations: 10,
  initialSample: 'latin',
  localSearch: 0.5,
  screening: 10,
  surrogate: 'gp',
} as const;

export type ResolvedGeneticOptions = Required<Omit<GeneticOptions, 'seed'>>;

/** The options with their defaults filled in; a RangeError names the first bad one. */
export function resolveGeneticOptions(options: GeneticOptions, dimensions: number): ResolvedGeneticOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([k, v]) => v !== undefined && k !== 'seed')) as Partial<ResolvedGeneticOptions>;
  const populationSize = Math.min(20, Math.max(8, Math.round(options.budget / 8)));
  const o: ResolvedGeneticOptions = { ...GENETIC_DEFAULTS, populationSize, mutationRate: 1 / Math.max(1, dimensions), budget: options.budget, ...given };
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new RangeError(`genetic: ${what}`);
  };
  check(Number.isSafeInteger(o.budget) && o.budget >= 1, `budget must be a positive integer, got ${o.budget}`);
  check(Number.isSafeInteger(o.populationSize) && o.populationSize >= 2, `populationSize must be an integer ≥ 2, got ${o.populationSize}`);
  check(Number.isSafeInteger(o.tournamentSize) && o.tournamentSize >= 1, `tournamentSize must be an integer ≥ 1, got ${o.tournamentSize}`);
  check(Number.isSafeInteger(o.elitism) && o.elitism >= 0 && o.elitism < o.populationSize, `elitism must be an integer from 0 to populationSize − 1, got ${o.elitism}`);
  check(Number.isSafeInteger(o.screening) && o.screening >= 1 && o.screening <= 100, `screening must be an integer from 1 to 100, got ${o.screening}`);
  check(Number.isSafeInteger(o.stallGenerations) && o.stallGenerations >= 1, `stallGenerations must be an integer ≥ 1, got ${o.stallGenerations}`);
  for (const name of ['crossoverRate', 'mutationRate', 'mutationSpread', 'localSearch'] as const) check(o[name] >= 0 && o[name] <= 1, `${name} must be from 0 to 1, got ${o[name]}`);
  check(o.initialSample === 'latin' || o.initialSample === 'random', `initialSample must be 'latin' or 'random', got ${String(o.initialSample)}`);
  check(o.surrogate === 'gp' || o.surrogate === 'ranks', `surrogate must be 'gp' or 'ranks', got ${String(o.surrogate)}`);
  check(o.crossover === 'uniform' || o.crossover === 'one-point', `crossover must be 'uniform' or 'one-point', got ${String(o.crossover)}`);
  return o;
}
