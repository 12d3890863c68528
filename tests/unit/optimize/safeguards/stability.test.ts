import { describe, expect, it } from 'vitest';
import { NeighbourStabilitySchema, ObjectiveSurfaceSchema } from '../../../../src-shared/domain/safeguards.ts';
import { gridNeighbours, neighbourStability, objectiveSurface, type EvaluatedRow } from '../../../../src-workers/optimize/safeguards/stability.ts';
import { compareSamples, outOfSampleDegradation } from '../../../../src-workers/optimize/safeguards/out-of-sample.ts';

// A 4 × 3 grid of fast × slow for the `sma` mode (null = broke a constraint), and the same grid one
// lower for `ema`, which the slice through the best (an `sma` set) must ignore.
//            slow 50  100  150
const SMA: Record<number, (number | null)[]> = {
  5: [0.2, 1.8, 0.9],
  10: [1.0, 2.0, null],
  15: [0.4, 1.9, 1.1],
  20: [0.1, 0.7, 0.3],
};
const SLOWS = [50, 100, 150];
const rows: EvaluatedRow[] = Object.entries(SMA).flatMap(([fast, line]) =>
  line.flatMap((objective, j) => [
    { params: { fast: Number(fast), slow: SLOWS[j]!, mode: 'sma' }, objective },
    { params: { fast: Number(fast), slow: SLOWS[j]!, mode: 'ema' }, objective: objective === null ? null : objective - 1 },
  ]),
);
const best = { fast: 10, slow: 100, mode: 'sma' };

describe('gridNeighbours', () => {
  it('finds ±1 step of each numeric parameter with the others at the best values', () => {
    // fast 5 and 15 at slow 100; slow 50 and 150 at fast 10; the choice `mode` has no steps.
    expect(gridNeighbours(rows, best)).toEqual([1.8, 1.9, 1.0, null]);
  });

  it('gives one neighbour at the edge of a range', () => {
    expect(gridNeighbours(rows, { fast: 20, slow: 150, mode: 'sma' })).toEqual([1.1, 0.7]);
  });
});

describe('neighbourStability', () => {
  it('summarizes the neighbours of a hand grid', () => {
    // Evaluated 1.8, 1.9, 1.0: mean 4.7/3, worst 1.0; within 10 % of 2.0 (|v − 2| ≤ 0.2): 1.8 and 1.9.
    const s = neighbourStability(2.0, [1.8, 1.9, 1.0, null]);
    expect(s).toMatchObject({ best: 2, direction: 'maximize', neighbours: 4, evaluated: 3, min: 1, max: 1.9, worst: 1, tolerance: 0.1 });
    expect(s.mean).toBeCloseTo(4.7 / 3, 15);
    expect(s.meanToBest).toBeCloseTo(4.7 / 6, 15);
    expect(s.worstToBest).toBe(0.5);
    expect(s.shareWithin).toBeCloseTo(2 / 3, 15);
    expect(NeighbourStabilitySchema.parse(s)).toEqual(s);
  });

  it('takes the largest neighbour as the worst when minimizing', () => {
    const s = neighbourStability(0.1, [0.12, 0.3, 0.09], { direction: 'minimize', tolerance: 0.25 });
    expect(s.worst).toBe(0.3);
    expect(s.worstToBest).toBeCloseTo(3, 14);
    // |0.12 − 0.1| = 0.02 ≤ 0.025 and |0.09 − 0.1| = 0.01: 2 of 3.
    expect(s.shareWithin).toBeCloseTo(2 / 3, 15);
  });

  it('has no ratios for a best objective ≤ 0 and nothing but counts without evaluated neighbours', () => {
    expect(neighbourStability(-0.5, [-0.6, -0.4])).toMatchObject({ meanToBest: null, worstToBest: null, mean: -0.5 });
    expect(neighbourStability(1, [null, null])).toMatchObject({ neighbours: 2, evaluated: 0, mean: null, worst: null, shareWithin: null });
  });
});

describe('objectiveSurface', () => {
  it('cuts a window of ±1 step around the best through the sma slice', () => {
    const surface = objectiveSurface(rows, best, 'fast', 'slow', 1)!;
    expect(surface).toEqual({
      xParam: 'fast',
      yParam: 'slow',
      x: [5, 10, 15],
      y: [50, 100, 150],
      // z[j][i] = objective at (x[i], y[j]).
      z: [
        [0.2, 1.0, 0.4],
        [1.8, 2.0, 1.9],
        [0.9, null, 1.1],
      ],
      bestX: 10,
      bestY: 100,
    });
    expect(ObjectiveSurfaceSchema.parse(surface)).toEqual(surface);
  });

  it('clips the window at the edges of the grid', () => {
    const surface = objectiveSurface(rows, { fast: 20, slow: 50, mode: 'sma' }, 'fast', 'slow', 2)!;
    expect(surface.x).toEqual([10, 15, 20]);
    expect(surface.y).toEqual([50, 100, 150]);
    expect(surface.z[0]).toEqual([1.0, 0.4, 0.1]);
  });

  it('is null for a choice parameter or a set that is not on the grid', () => {
    expect(objectiveSurface(rows, best, 'fast', 'mode')).toBeNull();
    expect(objectiveSurface(rows, { fast: 11, slow: 100, mode: 'sma' }, 'fast', 'slow')).toBeNull();
  });
});

describe('outOfSampleDegradation', () => {
  it('divides the out-of-sample value by the in-sample one', () => {
    expect(outOfSampleDegradation({ sharpe: 2, cagr: 0.2 }, { sharpe: 1, cagr: -0.05 })).toEqual({
      sharpe: { inSample: 2, outOfSample: 1, ratio: 0.5 },
      cagr: { inSample: 0.2, outOfSample: -0.05, ratio: -0.25 },
    });
  });

  it('has no ratio when either value is missing or the in-sample value is ≤ 0', () => {
    expect(compareSamples(null, 1).ratio).toBeNull();
    expect(compareSamples(1, null).ratio).toBeNull();
    expect(compareSamples(0, 0.5).ratio).toBeNull();
    expect(compareSamples(-1, -0.5).ratio).toBeNull();
  });
});
