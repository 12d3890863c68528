import { describe, expect, it } from 'vitest';
import type { ParamValues } from '../../../src-workers/backtest/strategy.ts';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';
import { GeneticSearch, type GeneticOptions } from '../../../src-workers/optimize/genetic.ts';
import { GridSearch } from '../../../src-workers/optimize/grid.ts';
import { createObjective } from '../../../src-workers/optimize/objective.ts';
import { RandomSearch } from '../../../src-workers/optimize/random.ts';
import { createParamSpace } from '../../../src-workers/optimize/space.ts';
import { drive, hill, type MetricsOf } from './drive.ts';

const space = createParamSpace(smaCross, { ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 200, step: 5 } } });
const sharpe = createObjective(space, 'sharpe');
const FEASIBLE = 342; // counted by hand in space.test.ts
const keys = (batches: { fast?: unknown; slow?: unknown }[][]) => batches.flat().map((s) => `${s.fast}/${s.slow}`);

describe('grid search', () => {
  it('asks every feasible set once, in grid order, in batches of the size asked', () => {
    const opt = new GridSearch(space, sharpe);
    expect(opt.planned).toBe(FEASIBLE);
    const batches = drive(opt, hill, { batch: 50 });
    expect(batches.map((b) => b.length)).toEqual([50, 50, 50, 50, 50, 50, 42]);
    expect(batches.flat()).toEqual([...space.enumerate()]);
    expect(opt.evaluated).toBe(FEASIBLE);
    expect(opt.best).toMatchObject({ params: { fast: 20, slow: 120 }, objective: 2, feasible: true });
  });

  it('gives a tie to the set earlier in the grid', () => {
    const opt = new GridSearch(space, sharpe);
    drive(opt, () => ({ sharpe: 1 }));
    expect(opt.best!.params).toEqual({ fast: 5, slow: 20 });
  });

  it('prefers a feasible set to a better infeasible one, and has no best when nothing is feasible', () => {
    const constrained = createObjective(space, 'sharpe', ['tradeCount >= 30']);
    const opt = new GridSearch(space, constrained);
    drive(opt, (p) => ({ ...hill(p), tradeCount: p.fast === 20 ? 10 : 50 }));
    expect(opt.best!.params.fast).not.toBe(20);
    expect(opt.best!.params).toEqual({ fast: 15, slow: 120 });
    const none = new GridSearch(space, constrained);
    drive(none, (p) => ({ ...hill(p), tradeCount: 0 }));
    expect(none.best).toBeNull();
  });

  it('ranks sets whose objective is undefined below every defined one', () => {
    const opt = new GridSearch(space, sharpe);
    drive(opt, (p) => ({ sharpe: p.fast === 5 ? null : -100 }));
    expect(opt.best!.params.fast).toBe(10);
  });
});

describe('the ask/tell protocol', () => {
  const makers = {
    grid: () => new GridSearch(space, sharpe),
    random: () => new RandomSearch(space, sharpe, { seed: 1, budget: 50 }),
    genetic: () => new GeneticSearch(space, sharpe, { seed: 1, budget: 50 }),
  };

  it.each(Object.keys(makers) as (keyof typeof makers)[])('%s refuses a result for a set that is not out, or told twice', (method) => {
    const opt = makers[method]();
    const [first] = opt.ask(1);
    expect(() => opt.tell([{ params: { fast: 7, slow: 99 }, metrics: {} }])).toThrow(/not out/);
    opt.tell([{ params: first!, metrics: { sharpe: 1 } }]);
    expect(() => opt.tell([{ params: first!, metrics: { sharpe: 1 } }])).toThrow(/not out/);
    expect(opt.evaluated).toBe(1);
  });

  it.each(Object.keys(makers) as (keyof typeof makers)[])('%s counts what is out and is not done while results are out', (method) => {
    const opt = makers[method]();
    const sets = opt.ask(5);
    expect(opt.pending).toBe(5);
    expect(opt.done).toBe(false);
    opt.tell(sets.map((params) => ({ params, metrics: hill(params) })));
    expect(opt.pending).toBe(0);
  });
});

describe('random search', () => {
  it('draws distinct feasible sets up to the budget, the same for the same seed', () => {
    const run = (seed: number) => {
      const opt = new RandomSearch(space, sharpe, { seed, budget: 100 });
      return { opt, asked: keys(drive(opt, hill, { batch: 7 })) };
    };
    const a = run(4);
    expect(a.asked).toHaveLength(100);
    expect(new Set(a.asked).size).toBe(100);
    expect(a.asked.every((k) => { const [f, s] = k.split('/').map(Number); return f! < s!; })).toBe(true);
    expect(run(4).asked).toEqual(a.asked);
    expect(run(5).asked).not.toEqual(a.asked);
    expect(a.opt.planned).toBe(100);
  });

  it('covers the space exactly once when the budget exceeds it, then is done', () => {
    const opt = new RandomSearch(space, sharpe, { seed: 1, budget: 10_000 });
    const asked = keys(drive(opt, hill));
    expect(asked).toHaveLength(FEASIBLE);
    expect(new Set(asked).size).toBe(FEASIBLE);
    expect(opt.planned).toBe(FEASIBLE);
    expect(opt.best!.params).toEqual({ fast: 20, slow: 120 });
  });
});

describe('genetic search', () => {
  const run = (options: Partial<GeneticOptions> = {}, metricsOf: MetricsOf = hill, drive_: Parameters<typeof drive>[2] = {}) => {
    const opt = new GeneticSearch(space, sharpe, { seed: 3, budget: 120, ...options });
    return { opt, asked: drive(opt, metricsOf, drive_) };
  };

  it('repeats the same asks and the same best for the same seed, and differs for another', () => {
    const a = run();
    const b = run();
    expect(b.asked).toEqual(a.asked);
    expect(b.opt.best).toEqual(a.opt.best);
    expect(keys(run({ seed: 4 }).asked)).not.toEqual(keys(a.asked));
  });

  it('does not depend on the order or grouping in which results come back', () => {
    const base = run();
    const shuffled = run({}, hill, { batch: 3, reorder: (r) => [...r].reverse() });
    const single = run({}, hill, { batch: 1000, oneByOne: true });
    expect(keys(shuffled.asked)).toEqual(keys(base.asked));
    expect(keys(single.asked)).toEqual(keys(base.asked));
    expect(shuffled.opt.best).toEqual(base.opt.best);
  });

  it('never asks the same set twice and stays within the budget', () => {
    const { opt, asked } = run({ budget: 90 });
    const all = keys(asked);
    expect(new Set(all).size).toBe(all.length);
    expect(opt.evaluated).toBe(all.length);
    expect(opt.evaluated).toBeLessThanOrEqual(90);
  });

  it('climbs a smooth hill to its top', () => {
    const { opt } = run();
    expect(opt.best).toMatchObject({ params: { fast: 20, slow: 120 }, objective: 2 });
  });

  it('asks a generation at a time: nothing more until the generation is told', () => {
    const opt = new GeneticSearch(space, sharpe, { seed: 1, budget: 100, populationSize: 10 });
    const first = opt.ask(6);
    expect(first).toHaveLength(6);
    const rest = opt.ask(100);
    expect(rest).toHaveLength(4);
    expect(opt.ask(100)).toEqual([]);
    expect(opt.done).toBe(false);
    opt.tell([...first, ...rest].map((params) => ({ params, metrics: hill(params) })));
    expect(opt.generation).toBe(1);
    expect(opt.ask(100).length).toBeGreaterThan(0);
  });

  it('stops on convergence when the best stops improving for stallGenerations generations', () => {
    const { opt } = run({ budget: 10_000, stallGenerations: 3 }, () => ({ sharpe: 1 }));
    expect(opt.stopped).toBe('converged');
    // Generation 0, then three generations without a better best.
    expect(opt.generation).toBe(3);
    expect(opt.evaluated).toBeLessThan(10_000);
  });

  it('stops on the budget', () => {
    const { opt } = run({ budget: 45, populationSize: 10 });
    expect(opt.stopped).toBe('budget');
    expect(opt.evaluated).toBe(45);
  });

  it('ends when a tiny space is used up, having tried each set once', () => {
    const tiny = createParamSpace(smaCross, { ranges: { fast: { min: 5, max: 15, step: 5 }, slow: { min: 10, max: 20, step: 5 } } });
    // fast 5, 10, 15 × slow 10, 15, 20 with fast < slow: 5/10 5/15 5/20 10/15 10/20 15/20
    const opt = new GeneticSearch(tiny, createObjective(tiny, 'sharpe'), { seed: 1, budget: 100, populationSize: 8 });
    const asked = keys(drive(opt, hill));
    expect(asked.sort()).toEqual(['10/15', '10/20', '15/20', '5/10', '5/15', '5/20']);
    expect(opt.done).toBe(true);
    expect(opt.best!.params).toEqual({ fast: 15, slow: 20 });
  });

  it('refuses options that cannot work', () => {
    expect(() => new GeneticSearch(space, sharpe, { seed: 1, budget: 50, localSearch: 1.5 })).toThrow(/localSearch/);
    expect(() => new GeneticSearch(space, sharpe, { seed: 1, budget: 50, screening: 0 })).toThrow(/screening/);
    expect(() => new GeneticSearch(space, sharpe, { seed: 1, budget: 50, screening: 2.5 })).toThrow(/screening/);
    expect(() => new GeneticSearch(space, sharpe, { seed: 1, budget: 0 })).toThrow(/budget/);
    expect(() => new GeneticSearch(space, sharpe, { seed: 1, budget: 50, surrogate: 'forest' as 'gp' })).toThrow(/surrogate/);
    expect(() => new GeneticSearch(space, sharpe, { seed: 1, budget: 50, populationSize: 4, elitism: 4 })).toThrow(/elitism/);
    expect(() => new GeneticSearch(space, sharpe, { seed: 1, budget: 50, mutationRate: 2 })).toThrow(/mutationRate/);
  });
});

describe('genetic search: local search and screening', () => {
  const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const stepsApart = (a: ParamValues, b: ParamValues) => [Math.abs((a.fast as number) - (b.fast as number)) / 5, Math.abs((a.slow as number) - (b.slow as number)) / 5];
  const topReached = (options: Partial<GeneticOptions>) =>
    SEEDS.filter((seed) => {
      const opt = new GeneticSearch(space, sharpe, { seed, budget: 34, ...options });
      drive(opt, hill);
      return opt.best!.params.fast === 20 && opt.best!.params.slow === 120;
    }).length;

  it('reaches the top of a smooth hill exactly with 34 evaluations (10 % of the grid) for most seeds, more often than without', () => {
    const memetic = topReached({});
    expect(memetic).toBeGreaterThanOrEqual(9);
    expect(memetic).toBeGreaterThan(topReached({ localSearch: 0, screening: 1 }));
  });

  it('spends the local search on sets along one axis of the best members, by a power of two steps', () => {
    const opt = new GeneticSearch(space, sharpe, { seed: 2, budget: 100, populationSize: 10, elitism: 2, localSearch: 1 });
    const first = opt.ask(100);
    opt.tell(first.map((params) => ({ params, metrics: hill(params) })));
    const second = opt.ask(100);
    expect(second).toHaveLength(8);
    const onAnAxis = (p: ParamValues) =>
      first.some((q) => {
        const [f, s] = stepsApart(p, q);
        const power = (n: number) => n > 0 && (n & (n - 1)) === 0;
        return (f === 0 && power(s!)) || (s === 0 && power(f!));
      });
    expect(second.every(onAnAxis)).toBe(true);
    const off = new GeneticSearch(space, sharpe, { seed: 2, budget: 100, populationSize: 10, elitism: 2, localSearch: 0 });
    const offFirst = off.ask(100);
    off.tell(offFirst.map((params) => ({ params, metrics: hill(params) })));
    expect(offFirst).toEqual(first);
    expect(off.ask(100)).not.toEqual(second);
  });

  it.each([
    { localSearch: 0, screening: 1 },
    { localSearch: 0.5, screening: 5 },
    { localSearch: 1, screening: 1 },
    { localSearch: 0.3, screening: 20, populationSize: 12 },
    { localSearch: 0.5, screening: 5, surrogate: 'ranks' as const },
    { localSearch: 0, screening: 10, surrogate: 'gp' as const },
  ])('with %o: never asks a set twice, stays within the budget, and repeats itself for a seed whatever the batching', (options) => {
    for (const budget of [7, 34, 90]) {
      const opt = new GeneticSearch(space, sharpe, { seed: 11, budget, ...options });
      const asked = keys(drive(opt, hill));
      expect(new Set(asked).size).toBe(asked.length);
      expect(opt.evaluated).toBe(asked.length);
      expect(opt.evaluated).toBeLessThanOrEqual(budget);
      // The plain GA may settle on the hill's top before the budget is spent; then it stops early.
      expect(opt.stopped === 'budget' || (opt.stopped === 'converged' && opt.evaluated < budget)).toBe(true);
      const again = new GeneticSearch(space, sharpe, { seed: 11, budget, ...options });
      expect(keys(drive(again, hill, { batch: 3, reorder: (r) => [...r].reverse() }))).toEqual(asked);
      expect(again.best).toEqual(opt.best);
    }
  });

  it('still converges on a flat landscape, and tries a tiny space once and ends, with local search and screening on', () => {
    const flat = new GeneticSearch(space, sharpe, { seed: 5, budget: 10_000, stallGenerations: 4, localSearch: 1, screening: 10 });
    drive(flat, () => ({ sharpe: 1 }));
    expect(flat.stopped).toBe('converged');
    const tiny = createParamSpace(smaCross, { ranges: { fast: { min: 5, max: 25, step: 5 }, slow: { min: 10, max: 30, step: 5 } } });
    const opt = new GeneticSearch(tiny, createObjective(tiny, 'sharpe'), { seed: 5, budget: 1000, populationSize: 8, localSearch: 1, screening: 10 });
    const asked = keys(drive(opt, hill));
    // fast 5..25 × slow 10..30 with fast < slow: 5 + 4 + 3 + 2 + 1 = 15 sets, each tried once.
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked).toHaveLength(15);
    expect(opt.done).toBe(true);
  });
});
