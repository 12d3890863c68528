import { beforeAll, describe, expect, it } from 'vitest';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { runBacktest } from '../../../src-workers/backtest/run.ts';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';
import { GeneticSearch } from '../../../src-workers/optimize/genetic.ts';
import { GridSearch } from '../../../src-workers/optimize/grid.ts';
import { createObjective } from '../../../src-workers/optimize/objective.ts';
import type { Optimizer } from '../../../src-workers/optimize/optimizer.ts';
import { RandomSearch } from '../../../src-workers/optimize/random.ts';
import { createParamSpace } from '../../../src-workers/optimize/space.ts';
import { sharedDataDir } from '../../support/shared-data.ts';
import { loadDaily } from '../indicators/kernels/fixtures.ts';
import { drive } from './drive.ts';

if (!sharedDataDir) console.warn('notice: ../shared/data is absent; the genetic optimizer on ORCL is not tested');

const space = createParamSpace(smaCross, { ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 200, step: 5 } } });
const objective = createObjective(space, 'sharpe');
const GRID_EVALUATIONS = 342;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * The sma-cross grid of the issue on ORCL daily 1995–2014, default settings (all-in at the next open,
 * no costs), objective Sharpe. Every set is backtested once with the real runBacktest and cached, so
 * each optimizer run below reads the cache instead of re-running backtests.
 *
 * This landscape is rugged: the optimum (fast 10, slow 135, Sharpe 0.530) is the only set within 1 %
 * of itself — the runner-up is 3.7 % below — so "within 1 %" means "found the very best of 342".
 * Measured over seeds 1–1000 with the default options (local search 0.5, screening 10 by the
 * Gaussian-process surrogate): with 34 evaluations (10 % of the grid) the GA finds it 63.8 % of the
 * time (55.2 % with the earlier per-axis rank screening, 45 % with neither local search nor screening;
 * random search 10.8 %); with 68 (20 %), 97.1 % of the time (85.9 %, 75 %; random 20.6 %). The issue's
 * bar — within 1 % with 10 % of the evaluations, median of 10 seeds — holds for 75 of the 100 disjoint
 * groups of 10 seeds (51 with rank screening, 26 with neither), and for seeds 1–10, which find it 8
 * times out of 10. It is asserted on those seeds as the issue states it; for an arbitrary group it
 * holds three times in four, not always. The 20 % claim holds for all 100 groups.
 */
describe.skipIf(!sharedDataDir)('genetic search on sma-cross over ORCL daily', () => {
  const sharpe = new Map<string, number | null>();
  let optimum = 0;

  beforeAll(() => {
    const b = loadDaily('orcl-1995-2014.csv');
    const bars = { time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
    for (const params of space.enumerate()) {
      const result = runBacktest({ bars, timeframe: '1d' as Timeframe, calendar: 'stock', strategy: smaCross, params });
      sharpe.set(space.key(params), result.metrics.sharpe);
    }
    optimum = Math.max(...[...sharpe.values()].map((v) => v ?? -Infinity));
  });

  const evaluate = (opt: Optimizer) => {
    drive(opt, (params) => ({ sharpe: sharpe.get(space.key(params))! }));
    return opt;
  };
  /** How far below the grid optimum the best found falls, as a fraction of the optimum. */
  const shortfall = (opt: Optimizer) => (optimum - opt.best!.objective!) / optimum;

  it('has the grid optimum where grid search finds it', () => {
    expect(sharpe.size).toBe(GRID_EVALUATIONS);
    const grid = evaluate(new GridSearch(space, objective));
    expect(grid.evaluated).toBe(GRID_EVALUATIONS);
    expect(grid.best!.objective).toBe(optimum);
    expect(grid.best!.params).toEqual({ fast: 10, slow: 135 });
  });

  it('with 10 % of the grid\'s evaluations, comes within 1 % of the optimum (median of 10 seeds) and beats random search', () => {
    const budget = Math.floor(GRID_EVALUATIONS / 10);
    expect(budget).toBe(34);
    const ga = SEEDS.map((seed) => evaluate(new GeneticSearch(space, objective, { seed, budget })));
    const random = SEEDS.map((seed) => evaluate(new RandomSearch(space, objective, { seed, budget })));
    for (const opt of ga) expect(opt.evaluated).toBeLessThanOrEqual(budget);
    expect(median(ga.map(shortfall))).toBeLessThanOrEqual(0.01);
    expect(median(ga.map(shortfall))).toBeLessThan(median(random.map(shortfall)));
  });

  it('with 20 % of the grid\'s evaluations, comes within 1 % of the optimum (median of 10 seeds)', () => {
    const budget = Math.floor(GRID_EVALUATIONS / 5);
    const ga = SEEDS.map((seed) => evaluate(new GeneticSearch(space, objective, { seed, budget })));
    expect(Math.max(...ga.map((o) => o.evaluated))).toBeLessThanOrEqual(budget);
    expect(median(ga.map(shortfall))).toBeLessThanOrEqual(0.01);
  });

  it('repeats the same asks and best for the same seed over real backtests', () => {
    const asks = (seed: number) => {
      const opt = new GeneticSearch(space, objective, { seed, budget: 34 });
      const asked = drive(opt, (params) => ({ sharpe: sharpe.get(space.key(params))! }));
      return { asked, best: opt.best };
    };
    expect(asks(7)).toEqual(asks(7));
  });
});
