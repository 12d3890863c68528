import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RankValues } from '../../../src-workers/backtest/metrics/rank-values.ts';

// The value of each rank asked for is the value at that index of the values sorted: checked against
// Float64Array's own sort, over inputs built to bunch values into one bucket, to tie, to span the
// whole double range (where the spread cannot be bucketed) and to repeat one value.

function expected(values: Float64Array, count: number, ranks: number[]): number[] {
  const sorted = values.slice(0, count).sort();
  return ranks.map((r) => sorted[r]!);
}

function found(finder: RankValues, values: Float64Array, count: number, ranks: number[]): number[] {
  const out = new Float64Array(ranks.length);
  finder.find(values, count, ranks, out);
  return [...out];
}

// No −0: RankValues counts it equal to +0 (its callers' returns are never −0), where a sort puts it first.
const value = fc
  .oneof(
    { weight: 6, arbitrary: fc.double({ min: -0.3, max: 0.3, noNaN: true, noDefaultInfinity: true }) },
    { weight: 2, arbitrary: fc.constantFrom(-0.01, 0, 0.01, 1e-300, -1e-300, 5e-324) },
    { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  )
  .map((x) => (x === 0 ? 0 : x));

describe('RankValues', () => {
  it('gives each rank the value a full sort puts there, with buckets many and few', () => {
    // Four buckets hold dozens of values each: sorted natively rather than by insertion.
    const finders = [new RankValues(), new RankValues(4)];
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 400 }).chain((values) =>
          fc.tuple(fc.constant(values), fc.array(fc.integer({ min: 0, max: values.length - 1 }), { minLength: 1, maxLength: 6 })),
        ),
        fc.boolean(),
        ([values, ranks], ascending) => {
          const a = Float64Array.from(values);
          // Extra values past `count` must be ignored.
          const padded = Float64Array.from([...values, -1e9, 1e9]);
          const asked = ascending ? [...ranks].sort((x, y) => x - y) : ranks;
          for (const finder of finders) expect(found(finder, padded, a.length, asked)).toEqual(expected(a, a.length, asked));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds ranks among values packed into a sliver of their range by one outlier', () => {
    const n = 2000;
    // One return of −90 %, the rest within a basis point of −1 %: nearly all in one bucket.
    const values = Float64Array.from({ length: n }, (_, i) => (i === 700 ? -0.9 : -0.01 + ((i * 7919) % 1000) * 1e-8));
    const ranks = [0, 1, 19, 20, 99, 100, 1500, n - 1];
    expect(found(new RankValues(), values, n, ranks)).toEqual(expected(values, n, ranks));
  });

  it('falls back to selection for infinite values and for a spread too small to divide by', () => {
    const finder = new RankValues(8);
    const infinite = Float64Array.from([3, -Infinity, 1, Infinity, 2, 2]);
    expect(found(finder, infinite, 6, [0, 2, 3, 5])).toEqual([-Infinity, 2, 2, Infinity]);
    const tiny = Float64Array.from([5e-324, 0, 1e-323, 5e-324]);
    expect(found(finder, tiny, 4, [0, 1, 3])).toEqual([0, 5e-324, 1e-323]);
  });

  it('gives the one value of a constant input for every rank', () => {
    expect(found(new RankValues(), Float64Array.from([0.25, 0.25, 0.25]), 3, [0, 2, 1])).toEqual([0.25, 0.25, 0.25]);
  });
});
