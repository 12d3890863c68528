import type { ParamValues } from '../backtest/strategy.ts';
import { FeasibleSampler } from './feasible-sampler.ts';
import { latinHypercube } from './latin-hypercube.ts';
import { crossover, mutate, tournament, type Genome } from './genetic-operators.ts';
import type { EvaluatedSet, Objective } from './objective.ts';
import { compareScored, DEFAULT_ASK, Ledger, LedgerSearch, type Optimizer, type ScoredSet } from './optimizer.ts';
import { Rng } from './rng.ts';
import type { ParamSpace } from './space.ts';

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
}

/**
 * Defaults of the options. `populationSize` defaults to budget / 8 held within 8…20: about eight
 * generations fit in the budget (fewer than ~5 leaves no room to evolve; with 34 evaluations a
 * population of 20 is little more than a random sample).
 */
export const GENETIC_DEFAULTS = {
  tournamentSize: 3,
  crossover: 'uniform',
  crossoverRate: 0.9,
  mutationSpread: 0.05,
  elitism: 2,
  stallGenerations: 10,
  initialSample: 'latin',
} as const;

export type GeneticStop = 'budget' | 'converged' | 'exhausted';

/** How often a child is re-bred to find a feasible set not seen before. */
const BREEDING_ATTEMPTS = 20;

/**
 * A genetic algorithm as a pure ask/tell object. Generation 0 is a uniform random sample of distinct
 * feasible sets; each next generation keeps the `elitism` best members and fills the rest with
 * children of tournament-selected parents (crossover, then step-aware mutation). A child that was
 * seen before takes its known result instead of being asked again. It stops when the budget of
 * evaluations is spent, when the best has not improved for `stallGenerations` generations, or when no
 * new feasible set can be bred. A generation is bred only once all of the previous one is told, from
 * ranks with deterministic tie-breaks: the run depends on the seed and the results alone.
 */
export class GeneticSearch extends LedgerSearch implements Optimizer {
  readonly method = 'genetic' as const;
  private readonly options: ResolvedGeneticOptions;
  private readonly rng: Rng;
  private readonly known = new Map<string, ScoredSet>();
  private population: ScoredSet[] = [];
  /** Keys of the generation being evaluated, in breeding order (a key may repeat). */
  private members: string[] = [];
  private queue: { key: string; params: ParamValues }[] = [];
  private bestAtLastGeneration: ScoredSet | null = null;
  private stall = 0;
  private generationIndex = 0;
  private stopReason: GeneticStop | null = null;

  constructor(
    private readonly space: ParamSpace,
    objective: Objective,
    options: GeneticOptions,
  ) {
    super(new Ledger(space, objective));
    this.options = resolveGeneticOptions(options, space.dimensions.length);
    this.rng = new Rng(options.seed);
    this.seedFirstGeneration(Math.min(this.options.populationSize, this.options.budget));
    if (this.queue.length === 0) this.stopReason = 'exhausted';
  }

  ask(max = DEFAULT_ASK): ParamValues[] {
    return this.queue.splice(0, max).map(({ key, params }) => this.ledger.issue(params, key));
  }

  override tell(results: readonly EvaluatedSet[]): void {
    for (const result of results) {
      const scored = this.ledger.receive(result);
      this.known.set(scored.key, scored);
    }
    this.advance();
  }

  /** The generation being evaluated (0 for the first). */
  get generation(): number {
    return this.generationIndex;
  }

  /** Why the search ended, or null while it runs. */
  get stopped(): GeneticStop | null {
    return this.stopReason;
  }

  get done(): boolean {
    return this.stopReason !== null && this.ledger.pending === 0 && this.queue.length === 0;
  }

  get planned(): number {
    return this.stopReason === null ? this.options.budget : this.ledger.evaluated + this.ledger.pending + this.queue.length;
  }

  /** Once a generation is wholly told: select the next population, check the stops, breed the next one. */
  private advance(): void {
    while (this.stopReason === null && this.queue.length === 0 && this.ledger.pending === 0) {
      const told = this.members.map((key) => this.known.get(key)!);
      const elites = this.generationIndex === 0 ? [] : this.population.slice(0, this.options.elitism);
      // A child that repeats a known set must not get two tickets in every tournament.
      const unique = new Map([...elites, ...told].map((s) => [s.key, s] as const));
      this.population = [...unique.values()].sort(compareScored).slice(0, this.options.populationSize);
      const best = this.ledger.best;
      if (this.generationIndex > 0) this.stall = best !== this.bestAtLastGeneration ? 0 : this.stall + 1;
      this.bestAtLastGeneration = best;
      if (this.ledger.evaluated >= this.options.budget) this.stopReason = 'budget';
      else if (this.stall >= this.options.stallGenerations) this.stopReason = 'converged';
      else this.breed();
    }
  }

  private breed(): void {
    this.generationIndex++;
    this.members = [];
    let room = this.options.budget - this.ledger.evaluated;
    const { populationSize, elitism, tournamentSize, crossoverRate, mutationRate, mutationSpread } = this.options;
    for (let c = 0; c < populationSize - elitism; c++) {
      let fallback: string | null = null;
      for (let attempt = 0; attempt < BREEDING_ATTEMPTS; attempt++) {
        const a = this.genome(tournament(this.population, tournamentSize, this.rng));
        const b = this.genome(tournament(this.population, tournamentSize, this.rng));
        const mixed = this.rng.chance(crossoverRate) ? crossover(a, b, this.options.crossover, this.rng) : a;
        const params = this.decode(mutate(mixed, this.space.dimensions, mutationRate, mutationSpread, this.rng));
        if (!this.space.feasible(params)) continue;
        const key = this.space.key(params);
        const seen = this.known.has(key) || this.queue.some((q) => q.key === key);
        if (!seen && room > 0) {
          this.enqueue(key, params);
          room--;
          fallback = null;
          break;
        }
        if (seen) fallback ??= key;
      }
      // No new set in all attempts: the child is a set already known (or already queued), at no cost.
      if (fallback !== null) this.members.push(fallback);
    }
    if (this.members.length === 0) this.stopReason = 'exhausted';
  }

  /**
   * Generation 0: a Latin hypercube over the grid (or a uniform sample), its infeasible and repeated
   * sets replaced by uniformly drawn feasible ones.
   */
  private seedFirstGeneration(n: number): void {
    const spread = this.options.initialSample === 'latin' ? latinHypercube(this.space, n, this.rng) : [];
    for (const set of spread) {
      const key = this.space.key(set);
      if (this.space.feasible(set) && !this.queue.some((q) => q.key === key)) this.enqueue(key, set);
    }
    const sampler = new FeasibleSampler(this.space, this.rng);
    while (this.queue.length < n) {
      const set = sampler.next();
      if (set === null) break;
      const key = this.space.key(set);
      if (!this.queue.some((q) => q.key === key)) this.enqueue(key, set);
    }
  }

  private enqueue(key: string, params: ParamValues): void {
    this.queue.push({ key, params });
    this.members.push(key);
  }

  private genome(set: ScoredSet): Genome {
    return this.space.dimensions.map((d) => d.indexOf(set.params[d.name]));
  }

  private decode(genome: Genome): ParamValues {
    const params: ParamValues = {};
    this.space.dimensions.forEach((d, i) => (params[d.name] = d.valueAt(genome[i]!)));
    return params;
  }
}

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
  check(Number.isSafeInteger(o.stallGenerations) && o.stallGenerations >= 1, `stallGenerations must be an integer ≥ 1, got ${o.stallGenerations}`);
  for (const name of ['crossoverRate', 'mutationRate', 'mutationSpread'] as const) check(o[name] >= 0 && o[name] <= 1, `${name} must be from 0 to 1, got ${o[name]}`);
  check(o.initialSample === 'latin' || o.initialSample === 'random', `initialSample must be 'latin' or 'random', got ${String(o.initialSample)}`);
  check(o.crossover === 'uniform' || o.crossover === 'one-point', `crossover must be 'uniform' or 'one-point', got ${String(o.crossover)}`);
  return o;
}
