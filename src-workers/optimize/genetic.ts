import type { ParamValues } from '../backtest/strategy.ts';
import { FeasibleSampler } from './feasible-sampler.ts';
import { crossover, mutate, tournament, type Genome } from './genetic-operators.ts';
import { screen, type Standing } from './genetic-screening.ts';
import { latinHypercube } from './latin-hypercube.ts';
import { localProbes, PROBES_PER_MEMBER } from './local-search.ts';
import type { EvaluatedSet, Objective } from './objective.ts';
import { compareScored, DEFAULT_ASK, Ledger, LedgerSearch, type Optimizer, type ScoredSet } from './optimizer.ts';
import { Rng } from './rng.ts';
import { fitSurrogate } from './surrogate.ts';
import type { ParamSpace } from './space.ts';
import { resolveGeneticOptions, type GeneticOptions, type ResolvedGeneticOptions } from './genetic-options.ts';

export { GENETIC_DEFAULTS, resolveGeneticOptions, type GeneticOptions, type ResolvedGeneticOptions } from './genetic-options.ts';

export type GeneticStop = 'budget' | 'converged' | 'exhausted';

/** How often a child is re-bred to find a feasible set not seen before. */
const BREEDING_ATTEMPTS = 20;

/**
 * How many of the latest told sets screening reads: all of them in a short run, and in a long one
 * the region the search has moved to, at a cost per generation that does not grow with the run.
 */
const SCREENING_MEMORY = 256;

/**
 * With the Gaussian-process surrogate, local search gathers this many times the probes it may ask
 * (and this many times as many per member) and asks those of highest expected improvement.
 */
const PROBE_POOL = 2;

interface Child {
  readonly key: string;
  readonly params: ParamValues;
  readonly genome: Genome;
}

/**
 * A memetic genetic algorithm as a pure ask/tell object. Generation 0 is a Latin hypercube of distinct
 * feasible sets; each next generation keeps the `elitism` best members, spends `localSearch` of its new
 * sets probing around the best members (a step-aware compass search, see local-search.ts), and fills
 * the rest with children of tournament-selected parents (crossover, then step-aware mutation), bred
 * `screening` times over and the most promising kept. With `surrogate: 'gp'` a Gaussian process fitted
 * to the told sets' ranks (surrogate.ts) judges promise by its upper confidence bound, and also picks
 * the local probes among twice as many gathered; with 'ranks' a per-axis rank model judges the
 * children (genetic-screening.ts) and the probes are taken in the compass order. A child that was seen
 * before takes its known result instead of being asked again. It stops when the budget of evaluations
 * is spent, when the best has not improved for `stallGenerations` generations, or when no new feasible
 * set can be bred. A generation is bred only once all of the previous one is told, from ranks with
 * deterministic tie-breaks: the run depends on the seed and the results alone.
 */
export class GeneticSearch extends LedgerSearch implements Optimizer {
  readonly method = 'genetic' as const;
  private readonly options: ResolvedGeneticOptions;
  private readonly rng: Rng;
  private readonly known = new Map<string, ScoredSet>();
  /** The latest told sets, oldest first, at most SCREENING_MEMORY. */
  private readonly recent: ScoredSet[] = [];
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
      this.recent.push(scored);
      if (this.recent.length > SCREENING_MEMORY) this.recent.shift();
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

  /**
   * The next generation: first the local probes around the best members (`localSearch` of the new
   * slots), then children — `screening` candidates bred per slot left, the most promising kept. A slot
   * that no new set can be bred for takes a set already known, at no cost.
   */
  private breed(): void {
    this.generationIndex++;
    this.members = [];
    const { populationSize, elitism, localSearch, screening } = this.options;
    const room = this.options.budget - this.ledger.evaluated;
    const slots = populationSize - elitism;
    const isNew = (key: string) => !this.known.has(key) && !this.queue.some((q) => q.key === key);
    const centres = this.population.map((m) => this.genome(m));
    const gp = screening > 1 && this.options.surrogate === 'gp' ? fitSurrogate(this.standings(), this.space.dimensions) : null;
    const probeSlots = Math.min(room, Math.round(localSearch * slots));
    const probes =
      gp !== null
        ? gp.select(localProbes(centres, this.space, probeSlots * PROBE_POOL, isNew, (g) => this.decode(g), this.rng, PROBES_PER_MEMBER * PROBE_POOL), probeSlots)
        : localProbes(centres, this.space, probeSlots, isNew, (g) => this.decode(g), this.rng);
    for (const { key, params } of probes) this.enqueue(key, params);
    const want = slots - probes.length;
    const children: Child[] = [];
    const fallbacks: string[] = [];
    for (let c = 0; c < want * screening; c++) {
      const child = this.breedChild(children, isNew);
      if (child === null) continue;
      if (typeof child === 'string') fallbacks.push(child);
      else children.push(child);
    }
    const keep = Math.min(want, room - probes.length);
    const kept = gp !== null ? gp.select(children, keep) : screen(children, screening > 1 ? this.standings() : [], this.space.dimensions, keep);
    for (const { key, params } of kept) this.enqueue(key, params);
    for (const key of fallbacks.slice(0, want - kept.length)) this.members.push(key);
    if (this.members.length === 0) this.stopReason = 'exhausted';
  }

  /**
   * A child of two tournament-selected parents (crossover, then mutation) that is feasible and new,
   * bred again up to {@link BREEDING_ATTEMPTS} times; else the key of a known set it kept landing on
   * (or null when every attempt was infeasible or a candidate already bred).
   */
  private breedChild(candidates: readonly Child[], isNew: (key: string) => boolean): Child | string | null {
    const { tournamentSize, crossoverRate, mutationRate, mutationSpread } = this.options;
    let fallback: string | null = null;
    for (let attempt = 0; attempt < BREEDING_ATTEMPTS; attempt++) {
      const a = this.genome(tournament(this.population, tournamentSize, this.rng));
      const b = this.genome(tournament(this.population, tournamentSize, this.rng));
      const mixed = this.rng.chance(crossoverRate) ? crossover(a, b, this.options.crossover, this.rng) : a;
      const genome = mutate(mixed, this.space.dimensions, mutationRate, mutationSpread, this.rng);
      const params = this.decode(genome);
      if (!this.space.feasible(params)) continue;
      const key = this.space.key(params);
      if (candidates.some((c) => c.key === key)) continue;
      if (isNew(key)) return { key, params, genome };
      fallback ??= key;
    }
    return fallback;
  }

  /** The latest told sets (at most {@link SCREENING_MEMORY}) ranked among themselves, for screening. */
  private standings(): Standing[] {
    const ranked = this.recent.slice().sort(compareScored);
    return ranked.map((s, i) => ({ genome: this.genome(s), standing: ranked.length > 1 ? 1 - i / (ranked.length - 1) : 1 }));
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
