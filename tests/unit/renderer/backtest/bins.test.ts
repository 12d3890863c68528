import { describe, expect, it } from 'vitest';
import {
  binCount,
  binEdges,
  countIntoBins,
  equalWidthEdges,
  integerBinEdges,
  MAX_BINS,
  MIN_BINS,
} from '../../../../src-renderer/pages/backtest/analysis/bins.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// 0, 1, …, 25 and one outlier at 250: n = 27, so n^(1/3) = 3. Type-7 quartiles: h = 26 × 0.25 = 6.5
// → Q1 = 6.5, h = 19.5 → Q3 = 19.5; IQR = 13; FD width = 2 × 13 / 3 = 8.667; 250 / 8.667 = 28.85.
const SKEWED = [...range(0, 25), 250];

describe('binCount (Freedman–Diaconis, clamped to 8..40)', () => {
  it('follows the rule on a known sample', () => {
    expect(binCount(SKEWED)).toBe(29);
  });

  it('raises a small count to the minimum', () => {
    // 1..100: IQR = 75.25 − 25.75 = 49.5, width = 99 / 100^(1/3) = 21.33, 99 / 21.33 → 5 bins.
    expect(binCount(range(1, 100))).toBe(MIN_BINS);
  });

  it('caps a large count at the maximum', () => {
    // Outlier at 1000: 1000 × 3 / 26 = 115.4 bins.
    expect(binCount([...range(0, 25), 1000])).toBe(MAX_BINS);
  });

  it('falls back to Sturges when the middle half has no spread', () => {
    // 290 zeros and 1..10: both quartiles are 0; Sturges ⌈log₂ 300⌉ + 1 = 9 + 1 = 10.
    expect(binCount([...new Array<number>(290).fill(0), ...range(1, 10)])).toBe(10);
  });

  it('is 1 for equal values and 0 for none', () => {
    expect(binCount([2, 2, 2])).toBe(1);
    expect(binCount([])).toBe(0);
  });
});

describe('binEdges and countIntoBins', () => {
  it('spans the data in equal bins whose counts sum to n', () => {
    const edges = binEdges(SKEWED);
    expect(edges).toHaveLength(30);
    expect(edges[0]).toBe(0);
    expect(edges[29]).toBe(250);
    for (let i = 0; i < 29; i++) expect(edges[i + 1] - edges[i]).toBeCloseTo(250 / 29, 9);
    const counts = countIntoBins(SKEWED, edges);
    expect(sum(counts)).toBe(27);
    // Width 8.62: 0..8 in the first bin, 9..17 in the second, 18..25 in the third, 250 in the last.
    expect(counts.slice(0, 3)).toEqual([9, 9, 8]);
    expect(counts[28]).toBe(1);
    expect(sum(counts.slice(3, 28))).toBe(0);
  });

  it('puts a value on an inner edge in the upper bin and the maximum in the last bin', () => {
    const edges = equalWidthEdges(0, 10, 4);
    expect(edges).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(countIntoBins([0, 2.4999, 2.5, 7.5, 10], edges)).toEqual([2, 1, 0, 2]);
  });

  it('ignores values outside the edges', () => {
    expect(countIntoBins([-1, 5, 11], equalWidthEdges(0, 10, 2))).toEqual([0, 1]);
  });

  it('gives equal values one bin of width 1 centred on them', () => {
    const edges = binEdges([3, 3, 3]);
    expect(edges).toEqual([2.5, 3.5]);
    expect(countIntoBins([3, 3, 3], edges)).toEqual([3]);
  });

  it('has no bins for no values', () => {
    expect(binEdges([])).toEqual([]);
    expect(countIntoBins([], [])).toEqual([]);
  });
});

describe('integerBinEdges', () => {
  it('groups whole numbers evenly with edges halfway between them', () => {
    // 1..20: FD gives 3 bins, raised to 8; 20 values / 8 → 3 per bin, 7 bins.
    const values = range(1, 20);
    const edges = integerBinEdges(values);
    expect(edges).toEqual([0.5, 3.5, 6.5, 9.5, 12.5, 15.5, 18.5, 21.5]);
    expect(countIntoBins(values, edges)).toEqual([3, 3, 3, 3, 3, 3, 2]);
  });

  it('uses one bin per value when the range is narrow', () => {
    expect(integerBinEdges([1, 1, 2])).toEqual([0.5, 1.5, 2.5]);
    expect(countIntoBins([1, 1, 2], [0.5, 1.5, 2.5])).toEqual([2, 1]);
  });

  it('gives equal values a single bin', () => {
    expect(integerBinEdges([4, 4])).toEqual([3.5, 4.5]);
  });
});
