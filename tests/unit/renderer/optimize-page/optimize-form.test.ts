import { describe, expect, it } from 'vitest';
import type { StrategyDescriptor } from '../../../../src-shared/contract/backtest.contract.ts';
import { OptimizeStartInputSchema } from '../../../../src-shared/contract/optimize.contract.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import {
  axisSize, constraintList, DEFAULT_OPTIMIZE_FORM, defaultRange, defaultRanges, gridSize, rangesFor, toOptimizeInput, type OptimizeForm,
} from '../../../../src-renderer/pages/optimize/setup/optimize-form.ts';

const strategy: StrategyDescriptor = {
  id: 'demo',
  name: 'Demo',
  description: '',
  version: '1.0.0',
  origin: 'builtin',
  params: [
    { name: 'fast', label: 'Fast', type: 'int', default: 10, min: 1, max: 500 },
    { name: 'slow', label: 'Slow', type: 'int', default: 30, min: 2, max: 1000 },
    { name: 'stop', label: 'Stop', type: 'float', default: 2, min: 0.5, max: 5, step: 0.1 },
    { name: 'side', label: 'Side', type: 'choice', default: 'long', choices: ['long', 'short', 'both'] },
  ],
};
const orcl: Instrument = {
  id: 7, symbol: 'ORCL', venue: 'NASDAQ', assetClass: 'stock', currency: 'USD', tickSize: 0.01, lotSize: 1, source: 'csv', createdAt: 0,
  series: [{ timeframe: '1d' as Timeframe, count: 5036, first: 0, last: 1 }],
};
const form = (patch: Partial<OptimizeForm> = {}): OptimizeForm => ({
  ...DEFAULT_OPTIMIZE_FORM, strategyId: 'demo', instrumentId: 7, timeframe: '1d' as Timeframe, ranges: defaultRanges(strategy), ...patch,
});
const searched = (min: number, max: number, step: number, fixed: number) => ({ searched: true, min, max, step, choices: [], fixed });

describe('the optimization setup form', () => {
  it('searches the first two numeric parameters over their declared range in about 20 steps, the rest held at defaults', () => {
    const r = defaultRanges(strategy);
    // fast 1..500: 499 / 19 = 26.3 → step 27 gives 1, 28, …, 487: 19 values.
    expect(r.fast).toEqual({ searched: true, min: 1, max: 500, step: 27, choices: [], fixed: 10 });
    expect(axisSize(r.fast!)).toBe(19);
    // slow 2..1000: 998 / 19 = 52.5 → 53.
    expect(r.slow).toMatchObject({ searched: true, step: 53 });
    // A float's step is a multiple of its declared step: 4.5 / 19 = 0.237 → 0.3.
    expect(r.stop).toMatchObject({ searched: false, step: 0.3, fixed: 2 });
    expect(r.side).toEqual({ searched: false, min: 0, max: 0, step: 1, choices: ['long', 'short', 'both'], fixed: 'long' });
  });

  it('keeps ranges the strategy still declares and gives new parameters theirs', () => {
    const kept = rangesFor(strategy, { fast: searched(5, 50, 5, 10) });
    expect(kept.fast).toEqual(searched(5, 50, 5, 10));
    // slow is the second numeric parameter: searched by default, over its declared range.
    expect(kept.slow).toEqual(defaultRange(strategy.params[1]!, true));
  });

  it('counts axis values, including the last of a decimal step, and the grid before constraints', () => {
    expect(axisSize({ min: 5, max: 50, step: 5 })).toBe(10);
    expect(axisSize({ min: 0.5, max: 1.5, step: 0.1 })).toBe(11);
    expect(axisSize({ min: 5, max: 4, step: 1 })).toBe(0);
    const ranges = { ...defaultRanges(strategy), fast: searched(5, 50, 5, 10), slow: searched(20, 200, 5, 30), side: { ...defaultRanges(strategy).side!, searched: true, choices: ['long', 'both'] } };
    expect(gridSize({ ranges }, strategy)).toBe(10 * 37 * 2);
  });

  it('turns the form into a start input the contract accepts: searched ranges, held values that differ from the default, costs', () => {
    const ranges = {
      ...defaultRanges(strategy),
      fast: searched(5, 50, 5, 10),
      slow: searched(20, 200, 5, 30),
      stop: { searched: false, min: 0.5, max: 5, step: 0.1, choices: [], fixed: 3 },
    };
    const out = toOptimizeInput(
      form({ ranges, method: 'genetic', budget: 34, seed: 9, objective: ' calmar ', constraints: 'fast < slow\n\n  tradeCount >= 30 \n', to: '2014-12-31', commission: { kind: 'percent', value: 0.1, value2: 0 } }),
      strategy,
      orcl,
    );
    expect(out.errors).toBeNull();
    expect(out.input).toEqual({
      instrumentId: 7,
      timeframe: '1d',
      to: Date.UTC(2014, 11, 31) + 86_400_000 - 1,
      strategyId: 'demo',
      // `side` stays at its default and needs no range; `stop` is held at 3 by a one-value range.
      ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 200, step: 5 }, stop: { min: 3, max: 3, step: 0.1 } },
      method: 'genetic',
      budget: 34,
      seed: 9,
      objective: 'calmar',
      constraints: ['fast < slow', 'tradeCount >= 30'],
      settings: { initialCash: 100_000, commission: { kind: 'percent', rate: 0.001 }, slippage: { kind: 'none' }, sizing: { kind: 'percent', percent: 100 }, tickSize: 0, lotSize: 1 },
      calendar: 'stock',
    });
    expect(OptimizeStartInputSchema.safeParse(out.input).success).toBe(true);
  });

  it('leaves the budget out of a grid and adds walk-forward windows when asked', () => {
    const out = toOptimizeInput(form({ method: 'grid', budget: 0, walkForward: { enabled: true, inSample: 1000, outOfSample: 250, anchored: true } }), strategy, orcl);
    expect(out.input).toMatchObject({ method: 'grid', walkForward: { inSample: 1000, outOfSample: 250, anchored: true } });
    expect(out.input).not.toHaveProperty('budget');
  });

  it('names every problem by field', () => {
    const ranges = {
      ...defaultRanges(strategy),
      fast: searched(50, 5, 5, 10),
      slow: searched(20, 2000, 5, 30),
      stop: { searched: true, min: 0.5, max: 5, step: 0, choices: [], fixed: 2 },
      side: { searched: true, min: 0, max: 0, step: 1, choices: [], fixed: 'long' },
    };
    const out = toOptimizeInput(
      form({ ranges, method: 'random', budget: 0, seed: -1, objective: ' ', from: '2014-02-30', walkForward: { enabled: true, inSample: 1, outOfSample: 0, anchored: false } }),
      strategy,
      orcl,
    );
    expect(out.errors).toEqual({
      'range.fast': 'Min 50 is above max 5',
      'range.slow': 'Min and max between 2 – 1000, whole',
      'range.stop': 'Step must be above 0',
      'range.side': 'Pick at least one choice',
      from: '"2014-02-30" is not a date (YYYY-MM-DD)',
      budget: 'A whole number of evaluations, 1 or more',
      seed: 'A whole number from 0 to 4294967295',
      objective: 'Choose a metric or write a formula',
      inSample: 'Whole bars, 2 or more',
      outOfSample: 'Whole bars, 1 or more',
    });
  });

  it('needs a strategy, an instrument, a timeframe and one searched parameter', () => {
    const none = Object.fromEntries(Object.entries(defaultRanges(strategy)).map(([k, r]) => [k, { ...r, searched: false }]));
    expect(toOptimizeInput(form({ ranges: none }), strategy, orcl).errors).toEqual({ ranges: 'Search at least one parameter' });
    expect(toOptimizeInput(form({ timeframe: null }), undefined, undefined).errors).toEqual({
      strategyId: 'Choose a strategy', instrumentId: 'Choose an instrument', timeframe: 'Choose a timeframe',
    });
  });

  it('reads constraints one per line, blank lines dropped', () => {
    expect(constraintList(' fast<slow \n\n\tmaxDrawdown < 0.25\n')).toEqual(['fast<slow', 'maxDrawdown < 0.25']);
    expect(constraintList('')).toEqual([]);
  });
});
