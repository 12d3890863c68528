/**
 * A small Gaussian-process regression, pure arithmetic over Float64Arrays, for the genetic search's
 * surrogate (surrogate.ts). Inputs are points in [0, 1]^d, one coordinate per parameter; the kernel
 * is Matérn 5/2 on a scaled distance. At most a few hundred points: fitting is one Cholesky
 * factorisation, O(n³ / 3).
 */

/** The lower-triangular L with L·Lᵀ = A (A: n × n, row-major, symmetric positive definite), or null. */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  return l;
}

/** x with L·x = b (forward substitution), L lower-triangular n × n. */
export function solveLower(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

/** x with Lᵀ·x = b (back substitution), L lower-triangular n × n. */
export function solveUpper(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

const SQRT5 = Math.sqrt(5);

/** Matérn 5/2 correlation at scaled distance r: (1 + √5 r + 5r²/3) e^(−√5 r); 1 at r = 0. */
export function matern52(r: number): number {
  if (r === 0) return 1;
  const s = SQRT5 * r;
  return (1 + s + (s * s) / 3) * Math.exp(-s);
}

/** The Matérn 5/2 kernel over {@link scaledDistance}. */
export function maternKernel(scales: ArrayLike<number>): Kernel {
  return (a, b) => matern52(scaledDistance(a, b, scales));
}

/**
 * The scaled distance between two points: √Σ ((aᵢ − bᵢ) / ℓᵢ)². `scales` holds one length-scale per
 * coordinate.
 */
export function scaledDistance(a: ArrayLike<number>, b: ArrayLike<number>, scales: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < scales.length; i++) {
    const t = (a[i]! - b[i]!) / scales[i]!;
    sum += t * t;
  }
  return Math.sqrt(sum);
}

/** A correlation between two points: 1 for a point with itself, symmetric, positive definite. */
export type Kernel = (a: ArrayLike<number>, b: ArrayLike<number>) => number;

/** The points' correlation matrix (n × n, row-major). */
export function gram(points: readonly ArrayLike<number>[], kernel: Kernel): Float64Array {
  const n = points.length;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    c[i * n + i] = 1;
    for (let j = 0; j < i; j++) c[i * n + j] = c[j * n + i] = kernel(points[i]!, points[j]!);
  }
  return c;
}

export interface GpPrediction {
  readonly mean: number;
  readonly variance: number;
}

/**
 * A fitted process: prior mean 0, signal variance 1, noise variance `noise` (the targets should be
 * standardised). Posterior at x: mean k·K⁻¹y, variance 1 − k·K⁻¹k, K = C + noise·I over the points.
 */
export class GaussianProcess {
  private constructor(
    private readonly points: readonly ArrayLike<number>[],
    private readonly kernel: Kernel,
    private readonly l: Float64Array,
    private readonly alpha: Float64Array,
    /** log p(y | points, scales, noise). */
    readonly logLikelihood: number,
  ) {}

  /** Fits the process, or null when K is not numerically positive definite. */
  static fit(points: readonly ArrayLike<number>[], y: ArrayLike<number>, kernel: Kernel, noise: number): GaussianProcess | null {
    return GaussianProcess.fitGram(points, y, kernel, gram(points, kernel), noise);
  }

  /** {@link fit} with the points' correlations (from {@link gram}) already computed, to try several noises. */
  static fitGram(points: readonly ArrayLike<number>[], y: ArrayLike<number>, kernel: Kernel, c: Float64Array, noise: number): GaussianProcess | null {
    const n = points.length;
    const k = Float64Array.from(c);
    for (let i = 0; i < n; i++) k[i * n + i] = 1 + noise;
    const l = cholesky(k, n);
    if (l === null) return null;
    const z = solveLower(l, n, y);
    const alpha = solveUpper(l, n, z);
    let fit = 0;
    let logDet = 0;
    for (let i = 0; i < n; i++) {
      fit += z[i]! * z[i]!;
      logDet += 2 * Math.log(l[i * n + i]!);
    }
    return new GaussianProcess(points, kernel, l, alpha, -0.5 * fit - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI));
  }

  predict(x: ArrayLike<number>): GpPrediction {
    const n = this.points.length;
    const kx = new Float64Array(n);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      kx[i] = this.kernel(x, this.points[i]!);
      mean += kx[i]! * this.alpha[i]!;
    }
    const v = solveLower(this.l, n, kx);
    let explained = 0;
    for (let i = 0; i < n; i++) explained += v[i]! * v[i]!;
    return { mean, variance: Math.max(0, 1 - explained) };
  }
}
