import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { atrBreakout } from '../../../src-workers/backtest/strategies/atr-breakout.ts';
import { bollingerReversion } from '../../../src-workers/backtest/strategies/bollinger-reversion.ts';
import { mtfTrend } from '../../../src-workers/backtest/strategies/mtf-trend.ts';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';
import { Rng } from '../../../src-workers/optimize/rng.ts';
import { createParamSpace, type SpaceOptions } from '../../../src-workers/optimize/space.ts';

/** The issue's grid: fast 5..50 step 5 × slow 20..200 step 5, with sma-cross's fast < slow. */
const ISSUE_RANGES = { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 200, step: 5 } };

/**
 * Counted by hand: 10 fast × 37 slow = 370 combinations. Fast 5, 10, 15 are below every slow
 * (3 × 37 = 111); fast f ≥ 20 has the (200 − f) / 5 slows above it: 36 + 35 + 34 + 33 + 32 + 31 + 30
 * = 231. Feasible: 111 + 231 = 342 (370 minus 1 + 2 + … + 7 = 28 sets with fast ≥ slow).
 */
const ISSUE_COMBINATIONS = 370;
const ISSUE_FEASIBLE = 342;

function issues(options: SpaceOptions, strategy = smaCross): { field: string; value: unknown; message: string }[] {
  try {
    createParamSpace(strategy, options);
  } catch (error) {
    if (error instanceof AppFailure) return (error.details as { issues: never[] }).issues;
    throw error;
  }
  return [];
}

describe('the issue grid of sma-cross', () => {
  const space = createParamSpace(smaCross, { ranges: ISSUE_RANGES });

  it('has 370 combinations of which 342 have fast < slow', () => {
    expect(space.count()).toBe(ISSUE_COMBINATIONS);
    expect([...space.enumerate()].length).toBe(ISSUE_FEASIBLE);
    expect(space.countFeasible(new Rng(1))).toEqual({ count: ISSUE_FEASIBLE, exact: true, standardError: 0 });
  });

  it('enumerates as nested loops in declaration order, the last parameter fastest, each feasible set once', () => {
    const sets = [...space.enumerate()];
    expect(sets.slice(0, 3)).toEqual([{ fast: 5, slow: 20 }, { fast: 5, slow: 25 }, { fast: 5, slow: 30 }]);
    expect(sets[37]).toEqual({ fast: 10, slow: 20 });
    // fast 20 starts at slow 25 (20/20 is refused)
    expect(sets[111]).toEqual({ fast: 20, slow: 25 });
    expect(sets.at(-1)).toEqual({ fast: 50, slow: 200 });
    expect(sets.every((s) => (s.fast as number) < (s.slow as number))).toBe(true);
    expect(new Set(sets.map((s) => space.key(s))).size).toBe(ISSUE_FEASIBLE);
  });

  it('decodes any index without enumerating, and encodes back', () => {
    expect(space.at(0)).toEqual({ fast: 5, slow: 20 });
    expect(space.at(369)).toEqual({ fast: 50, slow: 200 });
    expect(space.at(2 * 37 + 23)).toEqual({ fast: 15, slow: 135 });
    for (let i = 0; i < space.count(); i += 17) expect(space.indexOf(space.at(i))).toBe(i);
    expect(space.indexOf({ fast: 7, slow: 20 })).toBe(-1);
    expect(() => space.at(370)).toThrow(RangeError);
  });

  it('gives the one-step neighbours of a set that are feasible', () => {
    expect(space.neighbours({ fast: 10, slow: 135 })).toEqual([
      { fast: 5, slow: 135 }, { fast: 15, slow: 135 }, { fast: 10, slow: 130 }, { fast: 10, slow: 140 },
    ]);
    // At the corner, and next to the fast < slow boundary: (25, 25) is refused.
    expect(space.neighbours({ fast: 20, slow: 25 })).toEqual([{ fast: 15, slow: 25 }, { fast: 20, slow: 30 }]);
  });

  it('filters by rules over parameters: slow ≥ 150 leaves 11 slows × 10 fasts', () => {
    const narrowed = createParamSpace(smaCross, { ranges: ISSUE_RANGES, rules: ['slow >= 150'] });
    expect(narrowed.countFeasible(new Rng(1)).count).toBe(110);
    expect(narrowed.check({ fast: 5, slow: 100 })).toBe('rule "slow >= 150" does not hold');
    expect(narrowed.check({ fast: 60, slow: 50 })).toBe('fast (60) must be less than slow (50)');
  });

  it('samples uniformly from the grid', () => {
    const rng = new Rng(3);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[(space.sample(rng).fast as number) / 5 - 1]++;
    expect(Math.min(...counts)).toBeGreaterThan(850);
    expect(Math.max(...counts)).toBeLessThan(1150);
  });
});

describe('parameter spaces from declarations', () => {
  it('spans each declared range when no range is given: 500 × 999 for sma-cross', () => {
    const space = createParamSpace(smaCross);
    expect(space.count()).toBe(500 * 999);
    // Σ over fast 1..500 of the slows 2..1000 above it: Σ (1000 − f) = 500 000 − 125 250.
    expect(space.countFeasible(new Rng(1)).count).toBe(374_750);
  });

  it('estimates the feasible count by sampling above the exact limit, within three standard errors', () => {
    const estimate = createParamSpace(smaCross).countFeasible(new Rng(5), 1000, 20_000);
    expect(estimate.exact).toBe(false);
    expect(Math.abs(estimate.count - 374_750)).toBeLessThan(3 * estimate.standardError);
  });

  it('holds an unranged parameter at its default when asked to', () => {
    const space = createParamSpace(smaCross, { ranges: { fast: ISSUE_RANGES.fast }, unranged: 'default' });
    expect(space.count()).toBe(10);
    expect([...space.enumerate()].map((s) => s.fast)).toEqual([5, 10, 15, 20, 25]);
    expect(space.at(0).slow).toBe(30);
  });

  it('steps floats on clean decimals: bollinger k 0.5..5 by 0.1 has 46 values', () => {
    const space = createParamSpace(bollingerReversion, { ranges: { period: { min: 20, max: 20 } } });
    const k = space.dimensions[1]!;
    expect(k.size).toBe(46);
    expect([k.valueAt(0), k.valueAt(2), k.valueAt(7), k.valueAt(45)]).toEqual([0.5, 0.7, 1.2, 5]);
    expect(k.indexOf(0.7)).toBe(2);
    expect(k.indexOf(0.75)).toBe(-1);
    expect(space.count()).toBe(46);
  });

  it('keeps max when rounding noise would drop it: 0.1..0.3 by 0.1 is three values', () => {
    const space = createParamSpace(atrBreakout, { ranges: { period: { min: 14, max: 14 }, multiple: { min: 0.1, max: 0.3, step: 0.1 } } });
    expect([...space.enumerate()].map((s) => s.multiple)).toEqual([0.1, 0.2, 0.3]);
  });

  it('leaves max out when the step does not land on it', () => {
    const space = createParamSpace(smaCross, { ranges: { fast: { min: 5, max: 12, step: 3 }, slow: { min: 100, max: 100 } } });
    expect([...space.enumerate()].map((s) => s.fast)).toEqual([5, 8, 11]);
  });

  it('handles choices: a subset, their neighbours (every other choice) and rules over them', () => {
    const space = createParamSpace(mtfTrend, {
      ranges: { htf: { choices: ['1d', '1w'] }, trend: { min: 10, max: 10 }, fast: { min: 10, max: 10 }, slow: { min: 30, max: 30 } },
      rules: ["htf == '1w' || fast < 5"],
    });
    expect(space.count()).toBe(2 * 2);
    const sets = [...space.enumerate()];
    expect(sets.map((s) => [s.htf, s.allowShort])).toEqual([['1w', 'no'], ['1w', 'yes']]);
    expect(space.neighbours({ htf: '1w', trend: 10, fast: 10, slow: 30, allowShort: 'no' })).toEqual([
      { htf: '1w', trend: 10, fast: 10, slow: 30, allowShort: 'yes' },
    ]);
  });
});

describe('range validation names the field and the value', () => {
  it.each([
    [{ fast: { min: 5, max: 50, step: 0 } }, 'ranges.fast.step', 0, 'step must be greater than 0'],
    [{ fast: { min: 5, max: 50, step: -5 } }, 'ranges.fast.step', -5, 'step must be greater than 0'],
    [{ fast: { min: 0, max: 50, step: 5 } }, 'ranges.fast.min', 0, 'below the declared minimum 1'],
    [{ slow: { min: 20, max: 2000, step: 5 } }, 'ranges.slow.max', 2000, 'above the declared maximum 1000'],
    [{ fast: { min: 50, max: 5, step: 5 } }, 'ranges.fast.min', 50, 'greater than max 5'],
    [{ fast: { min: 5, max: 50, step: 2.5 } }, 'ranges.fast.step', 2.5, 'must be an integer'],
    [{ fast: { min: 5.5, max: 50, step: 5 } }, 'ranges.fast.min', 5.5, 'must be an integer'],
    [{ fast: { min: NaN, max: 50, step: 5 } }, 'ranges.fast.min', NaN, 'finite number'],
    [{ fast: { choices: ['a'] } }, 'ranges.fast', { choices: ['a'] }, 'takes { min, max, step }'],
    [{ period: { min: 5, max: 5 } }, 'ranges.period', { min: 5, max: 5 }, "has no parameter 'period'"],
  ])('%j → %s', (ranges, field, value, message) => {
    const found = issues({ ranges: ranges as never });
    expect(found).toHaveLength(1);
    expect(found[0]!.field).toBe(field);
    expect(found[0]!.value).toEqual(value);
    expect(found[0]!.message).toContain(message);
  });

  it('checks choices against the declaration', () => {
    const base = { trend: { min: 10, max: 10 } };
    expect(issues({ ranges: { ...base, htf: { choices: ['1w', '2w'] } } }, mtfTrend)[0]).toMatchObject({ field: 'ranges.htf.choices', value: '2w' });
    expect(issues({ ranges: { ...base, htf: { choices: [] } } }, mtfTrend)[0]).toMatchObject({ field: 'ranges.htf.choices' });
    expect(issues({ ranges: { ...base, htf: { choices: ['1w', '1w'] } } }, mtfTrend)[0]!.message).toContain('listed twice');
    expect(issues({ ranges: { ...base, htf: { min: 1, max: 2, step: 1 } } }, mtfTrend)[0]!.message).toContain('takes { choices');
  });

  it('reports a bad rule with its index and column', () => {
    const found = issues({ ranges: ISSUE_RANGES, rules: ['fast < slow', 'fast < slwo'] });
    expect(found[0]!.field).toBe('rules[1]');
    expect(found[0]!.message).toContain("unknown name 'slwo'");
    expect(found[0]!.message).toContain('column 8');
  });

  it('reports every bad range at once', () => {
    expect(issues({ ranges: { fast: { min: 0, max: 5 }, slow: { min: 1, max: 5 } } }).map((i) => i.field)).toEqual(['ranges.fast.min', 'ranges.slow.min']);
  });
});
