import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../../../src-renderer/pages/optimize/plots/downsample.ts';

describe('downsampleMinMax', () => {
  it('returns a short series whole', () => {
    expect(downsampleMinMax([1, 2, 3], [10, 20, 30], 1500)).toEqual({ time: [1, 2, 3], value: [10, 20, 30] });
  });

  it('keeps first, last and each bucket’s min and max in time order', () => {
    // 20 points, 6 allowed → 2 buckets over t 0..19: interior t 1..9 and t 10..18.
    const time = Array.from({ length: 20 }, (_, k) => k);
    const value = [5, 1, 2, 9, 3, 4, 0, 6, 7, 8, 2, 3, 11, 4, -5, 6, 7, 8, 9, 10];
    // Bucket 1: max 9 at t 3, min 0 at t 6. Bucket 2: max 11 at t 12, min −5 at t 14.
    expect(downsampleMinMax(time, value, 6)).toEqual({ time: [0, 3, 6, 12, 14, 19], value: [5, 9, 0, 11, -5, 10] });
  });

  it('writes a bucket of one point once', () => {
    // 7 points, 6 allowed → 2 buckets over t 0..10: t 1..4 in the first, t 9 alone in the second.
    const out = downsampleMinMax([0, 1, 2, 3, 4, 9, 10], [0, 1, 2, 3, 4, 5, 6], 6);
    expect(out).toEqual({ time: [0, 1, 4, 9, 10], value: [0, 1, 4, 5, 6] });
  });

  it('thins 100k points to at most 1500 and keeps the extremes and both ends', () => {
    const n = 100_000;
    const time = new Float64Array(n);
    const value = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      time[k] = 1_600_000_000_000 + k * 60_000;
      value[k] = 10_000 + Math.sin(k / 500) * 1000;
    }
    value[31_337] = 50_000; // a spike
    value[77_777] = -3; // a crash
    const out = downsampleMinMax(time, value, 1500);
    expect(out.time.length).toBeLessThanOrEqual(1500);
    expect(out.time[0]).toBe(time[0]);
    expect(out.time[out.time.length - 1]).toBe(time[n - 1]);
    expect(out.value).toContain(50_000);
    expect(out.value).toContain(-3);
    expect(out.time.every((t, k) => k === 0 || t > out.time[k - 1])).toBe(true);
  });

  it('drops points with a non-finite time or value', () => {
    expect(downsampleMinMax([1, 2, Number.NaN, 4], [1, Number.POSITIVE_INFINITY, 3, 4], 10)).toEqual({ time: [1, 4], value: [1, 4] });
  });
});
