import { describe, expect, it } from 'vitest';
import { FuzzySetSchema, type FuzzySet } from '../../../../src-shared/domain/indicator.ts';
import { fuzzyColumns, membership, membershipColumn, trapezoid } from '../../../../src-workers/indicators/fuzzy.ts';

const tri = (a: number, b: number, c: number): FuzzySet => ({ name: 't', output: 'value', shape: 'triangle', points: [a, b, c] });
const trap = (a: number, b: number, c: number, d: number): FuzzySet => ({ name: 'z', output: 'value', shape: 'trapezoid', points: [a, b, c, d] });

describe('fuzzy membership', () => {
  it('triangle (20, 50, 80): 0 outside, linear sides, 1 at the peak', () => {
    const set = tri(20, 50, 80);
    expect(membership(set, 10)).toBe(0);
    expect(membership(set, 20)).toBe(0);
    expect(membership(set, 35)).toBe(0.5); // (35 − 20) / 30
    expect(membership(set, 44)).toBeCloseTo(0.8, 15); // (44 − 20) / 30
    expect(membership(set, 50)).toBe(1);
    expect(membership(set, 71)).toBeCloseTo(0.3, 15); // (80 − 71) / 30
    expect(membership(set, 80)).toBe(0);
    expect(membership(set, 95)).toBe(0);
  });

  it('trapezoid (0, 10, 30, 40): plateau of 1 between b and c', () => {
    const set = trap(0, 10, 30, 40);
    expect(membership(set, -5)).toBe(0);
    expect(membership(set, 2.5)).toBe(0.25);
    expect(membership(set, 10)).toBe(1);
    expect(membership(set, 22)).toBe(1);
    expect(membership(set, 30)).toBe(1);
    expect(membership(set, 37)).toBeCloseTo(0.3, 15);
    expect(membership(set, 40)).toBe(0);
  });

  it('a = b is a left shoulder: 1 for everything up to b, then falling', () => {
    const oversold = trap(25, 25, 30, 35);
    expect(membership(oversold, -1000)).toBe(1);
    expect(membership(oversold, 25)).toBe(1);
    expect(membership(oversold, 30)).toBe(1);
    expect(membership(oversold, 32)).toBeCloseTo(0.6, 15);
    expect(membership(oversold, 35)).toBe(0);
    const left = tri(0, 0, 10);
    expect(membership(left, -3)).toBe(1);
    expect(membership(left, 0)).toBe(1);
    expect(membership(left, 4)).toBeCloseTo(0.6, 15);
    expect(membership(left, 10)).toBe(0);
  });

  it('c = d is a right shoulder: rising to c, then 1 for everything above', () => {
    const overbought = trap(65, 70, 80, 80);
    expect(membership(overbought, 60)).toBe(0);
    expect(membership(overbought, 66)).toBeCloseTo(0.2, 15);
    expect(membership(overbought, 75)).toBe(1);
    expect(membership(overbought, 80)).toBe(1);
    expect(membership(overbought, 1e9)).toBe(1);
    const right = tri(-1, 1, 1);
    expect(membership(right, 0)).toBe(0.5);
    expect(membership(right, 5)).toBe(1);
    expect(membership(right, -1)).toBe(0);
  });

  it('all points equal is the crisp set of that one value', () => {
    expect(trapezoid(3, 3, 3, 3, 3)).toBe(1);
    expect(trapezoid(3.0001, 3, 3, 3, 3)).toBe(0);
    expect(membership(tri(5, 5, 5), 5)).toBe(1);
    expect(membership(tri(5, 5, 5), 4)).toBe(0);
  });

  it('NaN (warm-up) stays NaN, never a degree', () => {
    expect(membership(tri(0, 1, 2), Number.NaN)).toBeNaN();
    const column = membershipColumn(trap(0, 0, 30, 40), Float64Array.of(Number.NaN, Number.NaN, 35, 20, 45));
    expect([...column]).toEqual([Number.NaN, Number.NaN, 0.5, 1, 0]);
  });

  it('computes every set of a configuration over the output it names', () => {
    const outputs = { macd: Float64Array.of(-2, 0, 1), signal: Float64Array.of(0, 0, 0) };
    const sets: FuzzySet[] = [
      { name: 'bearish', output: 'macd', shape: 'trapezoid', points: [-1, -1, -1, 0] },
      { name: 'flat', output: 'signal', shape: 'triangle', points: [-1, 0, 1] },
    ];
    const degrees = fuzzyColumns(sets, outputs);
    expect([...degrees.bearish!]).toEqual([1, 0, 0]);
    expect([...degrees.flat!]).toEqual([1, 1, 1]);
  });

  it('the schema refuses points out of order', () => {
    expect(FuzzySetSchema.safeParse(tri(3, 2, 4)).success).toBe(false);
    expect(FuzzySetSchema.safeParse(trap(0, 1, 1, 0.5)).success).toBe(false);
    expect(FuzzySetSchema.safeParse(trap(0, 0, 1, 1)).success).toBe(true);
  });
});
