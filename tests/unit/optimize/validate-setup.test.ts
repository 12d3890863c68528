import { describe, expect, it } from 'vitest';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';
import { GeneticSearch } from '../../../src-workers/optimize/genetic.ts';
import { GridSearch } from '../../../src-workers/optimize/grid.ts';
import { RandomSearch } from '../../../src-workers/optimize/random.ts';
import { rowBytes } from '../../../src-workers/optimize/setup-estimate.ts';
import { validateSetup, type OptimizationSetup, type SetupCheck } from '../../../src-workers/optimize/validate-setup.ts';
import { drive, hill } from './drive.ts';

const ISSUE: OptimizationSetup = {
  strategy: smaCross,
  ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 200, step: 5 } },
  method: 'grid',
  objective: 'sharpe',
  bars: 5000,
};

const errorsOf = (check: SetupCheck) => (check.ok ? [] : check.errors);
const ok = (check: SetupCheck) => {
  if (!check.ok) throw new Error(`setup refused: ${check.errors.map((e) => e.message).join('; ')}`);
  return check;
};

describe('validateSetup', () => {
  it('sizes the issue grid: 370 combinations, 342 feasible, their memory and time', () => {
    const check = ok(validateSetup({ ...ISSUE, backtestMs: 2, workers: 4 }));
    expect(check.estimate).toMatchObject({ combinations: 370, feasible: { count: 342, exact: true }, evaluations: 342, windows: 1, totalEvaluations: 342 });
    expect(check.estimate.memoryBytes).toBe(342 * rowBytes(2));
    // 342 backtests of 2 ms over 4 workers
    expect(check.estimate.estimatedMs).toBeCloseTo(171, 9);
    expect(check.warnings).toEqual([]);
    expect(check.prepared.createOptimizer()).toBeInstanceOf(GridSearch);
  });

  it('turns constraints over parameters into rules that shrink the space before any run', () => {
    const check = ok(validateSetup({ ...ISSUE, constraints: ['slow >= 150', 'maxDrawdown < 0.25'] }));
    expect(check.estimate.feasible.count).toBe(110);
    const grid = check.prepared.createOptimizer();
    drive(grid, (p) => ({ ...hill(p), maxDrawdown: -0.1 }));
    expect(grid.evaluated).toBe(110);
  });

  it('names the field and value of each problem, all at once', () => {
    const check = validateSetup({
      ...ISSUE,
      ranges: { fast: { min: 5, max: 50, step: 0 }, slow: { min: 20, max: 200, step: 5 } },
      walkForward: { inSample: 4000, outOfSample: 2000 },
      seed: -1,
    });
    expect(errorsOf(check).map((e) => [e.field, e.value])).toEqual([
      ['seed', -1],
      ['ranges.fast.step', 0],
      ['walkForward', { inSample: 4000, outOfSample: 2000 }],
    ]);
  });

  it('reports a bad objective and constraint with their position', () => {
    const errors = errorsOf(validateSetup({ ...ISSUE, objective: 'sharpe / maxDrawdwn', constraints: ['fast < slow', 'tradeCount >= 30 &&'] }));
    expect(errors.map((e) => e.field)).toEqual(['objective', 'constraints[1]']);
    expect(errors[0]!.message).toContain("column 10: unknown name 'maxDrawdwn'");
    expect(errors[1]!.message).toContain('ends too early');
  });

  it('refuses a space where nothing is feasible', () => {
    const errors = errorsOf(validateSetup({ ...ISSUE, ranges: { fast: { min: 50, max: 50 }, slow: { min: 20, max: 45, step: 5 } } }));
    expect(errors[0]).toMatchObject({ field: 'ranges' });
    expect(errors[0]!.message).toContain("no parameter set of the 6 combinations passes sma-cross's validate()");
    expect(errorsOf(validateSetup({ ...ISSUE, constraints: ['slow > 500'] }))[0]).toMatchObject({ field: 'constraints', value: ['slow > 500'] });
  });

  it('refuses a grid beyond the limit and points to random or genetic search', () => {
    // sma-cross's declared ranges: 500 × 999 combinations, 374 750 with fast < slow.
    const errors = errorsOf(validateSetup({ ...ISSUE, ranges: {}, limits: { maxGridSets: 100_000 } }));
    expect(errors[0]).toMatchObject({ field: 'method', value: 'grid' });
    expect(errors[0]!.message).toContain('374750 feasible sets (499500 combinations) exceeds 100000; use random or genetic');
  });

  it('estimates the feasible count by sampling when the space is too large to count', () => {
    const check = ok(validateSetup({ ...ISSUE, ranges: {}, method: 'random', budget: 500, limits: { exactCountUpTo: 10_000 } }));
    expect(check.estimate.feasible.exact).toBe(false);
    expect(Math.abs(check.estimate.feasible.count - 374_750)).toBeLessThan(3 * check.estimate.feasible.standardError);
    expect(check.estimate.evaluations).toBe(500);
  });

  it('weighs the budget against the method', () => {
    expect(ok(validateSetup({ ...ISSUE, budget: 50 })).warnings[0]).toMatchObject({ field: 'budget', value: 50 });
    const random = ok(validateSetup({ ...ISSUE, method: 'random' }));
    expect(random.prepared.budget).toBe(342);
    expect(random.warnings[0]!.message).toContain('covers all 342 feasible sets');
    expect(random.prepared.createOptimizer()).toBeInstanceOf(RandomSearch);
    expect(errorsOf(validateSetup({ ...ISSUE, method: 'random', budget: 2.5 }))[0]).toMatchObject({ field: 'budget', value: 2.5 });
    const small = ok(validateSetup({ ...ISSUE, method: 'genetic', budget: 12 }));
    expect(small.warnings[0]!.message).toContain('less than two generations of 8');
    expect(small.prepared.createOptimizer()).toBeInstanceOf(GeneticSearch);
    expect(errorsOf(validateSetup({ ...ISSUE, method: 'genetic', budget: 40, genetic: { tournamentSize: 0 } }))[0]).toMatchObject({ field: 'genetic' });
  });

  it('plans walk-forward windows, counting every in-sample optimization and out-of-sample run', () => {
    const check = ok(validateSetup({ ...ISSUE, method: 'genetic', budget: 50, walkForward: { inSample: 1000, outOfSample: 1000 }, backtestMs: 5, backtestBars: 5000 }));
    // 5000 bars: OOS [1000,2000) … [4000,5000): 4 windows
    expect(check.prepared.walkForward!.windows).toHaveLength(4);
    expect(check.estimate).toMatchObject({ windows: 4, totalEvaluations: 4 * 51 });
    // 1 ms per 1000 bars: 50 runs over 1000 IS bars and 1 over 1000 OOS bars, per window
    expect(check.estimate.estimatedMs).toBeCloseTo(4 * 51, 9);
    expect(ok(validateSetup({ ...ISSUE, walkForward: { inSample: 4000, outOfSample: 600 } })).warnings.map((w) => w.field)).toEqual([
      'walkForward', 'walkForward.outOfSample',
    ]);
  });

  it('refuses a run whose result rows would not fit in memory', () => {
    const errors = errorsOf(validateSetup({ ...ISSUE, limits: { maxMemoryBytes: 1000 } }));
    expect(errors[0]).toMatchObject({ field: 'budget' });
    expect(errors[0]!.message).toContain('storing 342 result rows');
  });

  it('prepares optimizers seeded by the setup, or by a derived seed per window', () => {
    const check = ok(validateSetup({ ...ISSUE, method: 'random', budget: 20, seed: 9 }));
    const asks = (opt: ReturnType<typeof check.prepared.createOptimizer>) => drive(opt, hill).flat();
    expect(asks(check.prepared.createOptimizer())).toEqual(asks(check.prepared.createOptimizer(9)));
    expect(asks(check.prepared.createOptimizer())).not.toEqual(asks(check.prepared.createOptimizer(10)));
  });
});
