import { describe, expect, it } from 'vitest';
import { cholesky, GaussianProcess, matern52, solveLower, solveUpper, type Kernel } from '../../../src-workers/optimize/gaussian-process.ts';
import { createParamSpace } from '../../../src-workers/optimize/space.ts';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';
import { encode, fitSurrogate, surrogateKernel } from '../../../src-workers/optimize/surrogate.ts';

const close = (actual: ArrayLike<number>, expected: number[], digits = 12) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, digits));
};

describe('Cholesky factorisation and triangular solves', () => {
  it('factors a 2 × 2 matrix: [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]]', () => {
    close(cholesky(Float64Array.from([4, 2, 2, 3]), 2)!, [2, 0, 1, Math.SQRT2]);
  });

  it('factors the textbook 3 × 3 matrix [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] into [[2, 0, 0], [6, 1, 0], [−8, 5, 3]]', () => {
    close(cholesky(Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]), 3)!, [2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBeNull();
    expect(cholesky(Float64Array.from([0, 0, 0, 1]), 2)).toBeNull();
  });

  it('solves L·x = b and Lᵀ·x = b', () => {
    const l = Float64Array.from([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    // L·[1, 2, 3] = [2, 8, 11]; Lᵀ·[1, 2, 3] = [2 + 12 − 24, 2 + 15, 9] = [−10, 17, 9]
    close(solveLower(l, 3, [2, 8, 11]), [1, 2, 3]);
    close(solveUpper(l, 3, [-10, 17, 9]), [1, 2, 3]);
  });
});

describe('Gaussian-process regression', () => {
  /** Correlation 1 with itself, ½ between any two different points. */
  const half: Kernel = (a, b) => (a[0] === b[0] ? 1 : 0.5);
  // K = [[1, ½], [½, 1]], K⁻¹ = (4/3)·[[1, −½], [−½, 1]], y = [1, −1] → α = K⁻¹y = [2, −2].
  const gp = GaussianProcess.fit([[0], [1]], [1, -1], half, 0)!;

  it('interpolates the points exactly without noise (mean = y, variance 0)', () => {
    expect(gp.predict([0]).mean).toBeCloseTo(1, 12);
    expect(gp.predict([0]).variance).toBeCloseTo(0, 12);
    expect(gp.predict([1]).mean).toBeCloseTo(-1, 12);
  });

  it('predicts elsewhere k·α and 1 − k·K⁻¹k: at k = [½, ½], mean 0 and variance 2/3', () => {
    const p = gp.predict([2]);
    expect(p.mean).toBeCloseTo(0, 12);
    expect(p.variance).toBeCloseTo(2 / 3, 12);
  });

  it('has log-likelihood −½ yᵀK⁻¹y − ½ log|K| − (n/2) log 2π = −2 − ½ log ¾ − log 2π', () => {
    expect(gp.logLikelihood).toBeCloseTo(-2 - 0.5 * Math.log(0.75) - Math.log(2 * Math.PI), 12);
  });

  it('shrinks towards the prior with noise: one point, noise 1 → mean y/2, variance ½ at the point', () => {
    const noisy = GaussianProcess.fit([[0]], [1], half, 1)!;
    expect(noisy.predict([0]).mean).toBeCloseTo(0.5, 12);
    expect(noisy.predict([0]).variance).toBeCloseTo(0.5, 12);
    // Elsewhere: k = ½ → mean ½ · ½ = ¼, variance 1 − ¼ / 2 = 7/8.
    expect(noisy.predict([5]).mean).toBeCloseTo(0.25, 12);
    expect(noisy.predict([5]).variance).toBeCloseTo(7 / 8, 12);
  });

  it('has the Matérn 5/2 correlation (1 + √5 r + 5r²/3) e^(−√5 r)', () => {
    expect(matern52(0)).toBe(1);
    expect(matern52(1)).toBeCloseTo((1 + Math.sqrt(5) + 5 / 3) * Math.exp(-Math.sqrt(5)), 15);
    expect(matern52(1)).toBeCloseTo(0.5240, 4);
    expect(matern52(3)).toBeLessThan(matern52(2));
  });
});

describe('the genetic search\'s surrogate', () => {
  const space = createParamSpace(smaCross, { ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 200, step: 5 } } });
  const dims = space.dimensions;

  it('encodes a number as its index over (values − 1)', () => {
    expect(encode([0, 36], dims)).toEqual([0, 1]);
    expect(encode([9, 9], dims)).toEqual([1, 0.25]);
  });

  it('blends an additive kernel (mean of per-axis Matérn) with a joint one (Matérn of the distance)', () => {
    const a = [0, 0];
    const b = [0.1, 0];
    const c = [0.1, 0.1];
    expect(surrogateKernel(dims, 0.1, 1)(a, a)).toBe(1);
    expect(surrogateKernel(dims, 0.1, 1)(a, b)).toBeCloseTo((matern52(1) + 1) / 2, 15);
    expect(surrogateKernel(dims, 0.1, 1)(a, c)).toBeCloseTo(matern52(1), 15);
    expect(surrogateKernel(dims, 0.1, 0)(a, c)).toBeCloseTo(matern52(Math.SQRT2), 15);
    expect(surrogateKernel(dims, 0.1, 0.5)(a, c)).toBeCloseTo((matern52(1) + matern52(Math.SQRT2)) / 2, 15);
  });

  it('prefers a candidate near the best told sets, and is null with nothing to learn from', () => {
    // Told: a good region around index (2, 30), a poor one around (7, 5).
    const told = [
      { genome: [2, 30], standing: 1 },
      { genome: [3, 28], standing: 0.8 },
      { genome: [1, 32], standing: 0.7 },
      { genome: [7, 5], standing: 0 },
      { genome: [8, 8], standing: 0.1 },
      { genome: [6, 3], standing: 0.2 },
    ];
    const surrogate = fitSurrogate(told, dims)!;
    expect(surrogate.promise([2, 29])).toBeGreaterThan(surrogate.promise([7, 6]));
    const kept = surrogate.select([{ genome: [7, 6] }, { genome: [2, 29] }, { genome: [8, 4] }], 1);
    expect(kept).toEqual([{ genome: [2, 29] }]);
    expect(fitSurrogate(told.slice(0, 1), dims)).toBeNull();
    expect(fitSurrogate(told.map((t) => ({ ...t, standing: 0.5 })), dims)).toBeNull();
  });
});
