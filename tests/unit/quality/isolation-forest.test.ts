import { describe, expect, it } from 'vitest';
import { averagePathLength, IsolationForest } from '../../../src-workers/quality/index.ts';
import { Rng } from '../../../src-workers/optimize/rng.ts';

/** A 2-D Gaussian cloud (Box–Muller) of n points plus one far outlier as the last point. */
function cloudWithOutlier(n: number): Float64Array {
  const rng = new Rng(42);
  const data = new Float64Array((n + 1) * 2);
  for (let k = 0; k < n * 2; k++) data[k] = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  data[n * 2] = 6;
  data[n * 2 + 1] = -6;
  return data;
}

describe('isolation forest', () => {
  it('normalises with c(n) = 2H(n−1) − 2(n−1)/n', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 4);
    expect(averagePathLength(3)).toBeCloseTo(2 * (Math.log(2) + 0.5772156649) - 4 / 3, 10);
  });

  it('gives the same scores for the same seed and different ones for another', () => {
    const data = cloudWithOutlier(500);
    const a = new IsolationForest(data, 2, { seed: 3 }).scoreAll();
    expect(new IsolationForest(data, 2, { seed: 3 }).scoreAll()).toEqual(a);
    expect(new IsolationForest(data, 2, { seed: 4 }).scoreAll()).not.toEqual(a);
  });

  it('scores an obvious outlier above every inlier and above 0.6; inliers mostly below 0.55', () => {
    const n = 1000;
    const scores = new IsolationForest(cloudWithOutlier(n), 2, { seed: 1, trees: 100, sampleSize: 256 }).scoreAll();
    const outlier = scores[n]!;
    expect(outlier).toBeGreaterThan(0.6);
    const inliers = Array.from(scores.subarray(0, n));
    expect(Math.max(...inliers)).toBeLessThan(outlier);
    expect(inliers.filter((s) => s < 0.55).length / n).toBeGreaterThan(0.9);
  });

  it('refuses fewer than two points', () => {
    expect(() => new IsolationForest(new Float64Array(2), 2)).toThrow(RangeError);
  });
});
