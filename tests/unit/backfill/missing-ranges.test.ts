import { describe, expect, it } from 'vitest';
import { countInRanges, missingRanges, pageWindows } from '../../../src-workers/backfill/missing-ranges.ts';

const M = 60_000;
const times = (...ks: number[]) => ks.map((k) => k * M);

describe('missingRanges', () => {
  it('turns runs of missing expected times into half-open ranges ending one period after the run', () => {
    const expected = times(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    const stored = Float64Array.from(times(0, 1, 4, 5, 9));
    expect(missingRanges(stored, expected, M)).toEqual([
      { from: 2 * M, to: 4 * M },
      { from: 6 * M, to: 9 * M },
    ]);
  });

  it('keeps a run whole across times the calendar skips (a night), and breaks it only at a stored bar', () => {
    // Sessions 0..2 and 10..12 (3..9 is the night): nothing stored but minute 11.
    const expected = times(0, 1, 2, 10, 11, 12);
    expect(missingRanges(Float64Array.from(times(11)), expected, M)).toEqual([
      { from: 0, to: 11 * M },
      { from: 12 * M, to: 13 * M },
    ]);
  });

  it('is empty when everything is stored, and one range when nothing is', () => {
    const expected = times(0, 1, 2);
    expect(missingRanges(Float64Array.from(expected), expected, M)).toEqual([]);
    expect(missingRanges(new Float64Array(0), expected, M)).toEqual([{ from: 0, to: 3 * M }]);
  });

  it('ignores stored bars the calendar does not expect', () => {
    expect(missingRanges(Float64Array.from(times(0, 1.5, 2)), times(0, 1, 2), M)).toEqual([{ from: M, to: 2 * M }]);
  });
});

describe('pageWindows', () => {
  it('splits ranges into windows of at most the page size, from the checkpoint on', () => {
    const ranges = [{ from: 0, to: 2500 * M }, { from: 3000 * M, to: 3100 * M }];
    expect(pageWindows(ranges, M, 1000)).toEqual([
      { from: 0, to: 1000 * M },
      { from: 1000 * M, to: 2000 * M },
      { from: 2000 * M, to: 2500 * M },
      { from: 3000 * M, to: 3100 * M },
    ]);
    expect(pageWindows(ranges, M, 1000, 1800 * M)).toEqual([
      { from: 1800 * M, to: 2500 * M },
      { from: 3000 * M, to: 3100 * M },
    ]);
    expect(pageWindows(ranges, M, 1000, 3100 * M)).toEqual([]);
  });
});

describe('countInRanges', () => {
  it('counts the expected times inside the ranges', () => {
    const expected = times(0, 1, 2, 10, 11, 12);
    expect(countInRanges(expected, [{ from: 0, to: 11 * M }, { from: 12 * M, to: 13 * M }])).toBe(5);
    expect(countInRanges(expected, [])).toBe(0);
  });
});
