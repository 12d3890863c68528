import { Rng } from '../optimize/rng.ts';

const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n), the average path length of an unsuccessful search in a binary search tree of n points —
 * the normaliser of Liu, Ting & Zhou (2008): c(n) = 2H(n − 1) − 2(n − 1)/n with H(i) ≈ ln i + γ,
 * c(2) = 1 and c(n ≤ 1) = 0. (The paper's approximation of H, so c(256) ≈ 10.2448.)
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

export interface IsolationForestOptions {
  /** Number of isolation trees (the paper: 100 is enough for path lengths to converge). */
  trees?: number;
  /** Points per tree, drawn without replacement (the paper: 256). */
  sampleSize?: number;
  seed?: number;
}

/**
 * An isolation forest over points stored row-major in a Float64Array (`dims` values per row).
 * Trees live in flat typed arrays (feature, split, children, leaf size per node), so scoring walks
 * arrays and allocates nothing. Anomalies are isolated by few random axis-aligned splits; the
 * score s = 2^(−E[h(x)] / c(ψ)) is near 1 for them and at or below ~0.5 for ordinary points.
 */
export class IsolationForest {
  private readonly nodesPerTree: number;
  private readonly feature: Int32Array; // −1 marks a leaf
  private readonly split: Float64Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly leafSize: Int32Array;
  private readonly normaliser: number;
  readonly trees: number;
  readonly sampleSize: number;

  constructor(private readonly data: Float64Array, private readonly dims: number, options: IsolationForestOptions = {}) {
    const points = Math.floor(data.length / dims);
    if (points < 2 || data.length !== points * dims) throw new RangeError(`need at least 2 points of ${dims} values, got ${data.length} values`);
    this.trees = options.trees ?? 100;
    this.sampleSize = Math.min(options.sampleSize ?? 256, points);
    this.nodesPerTree = 2 * this.sampleSize - 1;
    const total = this.trees * this.nodesPerTree;
    this.feature = new Int32Array(total);
    this.split = new Float64Array(total);
    this.left = new Int32Array(total);
    this.right = new Int32Array(total);
    this.leafSize = new Int32Array(total);
    this.normaliser = averagePathLength(this.sampleSize);

    const rng = new Rng(options.seed ?? 1);
    const pool = Int32Array.from({ length: points }, (_, k) => k);
    const sample = new Int32Array(this.sampleSize);
    const heightLimit = Math.ceil(Math.log2(this.sampleSize));
    for (let t = 0; t < this.trees; t++) {
      // A partial Fisher–Yates shuffle draws the sample without replacement.
      for (let k = 0; k < this.sampleSize; k++) {
        const j = k + rng.below(points - k);
        const swap = pool[k]!;
        pool[k] = pool[j]!;
        pool[j] = swap;
        sample[k] = pool[k]!;
      }
      const next = { node: t * this.nodesPerTree };
      this.grow(rng, sample, 0, this.sampleSize, 0, heightLimit, next);
    }
  }

  /** The anomaly score of one point given as `values[offset … offset + dims)`. */
  score(values: Float64Array, offset = 0): number {
    let sum = 0;
    for (let t = 0; t < this.trees; t++) {
      let node = t * this.nodesPerTree;
      let depth = 0;
      while (this.feature[node]! >= 0) {
        node = values[offset + this.feature[node]!]! < this.split[node]! ? this.left[node]! : this.right[node]!;
        depth++;
      }
      sum += depth + averagePathLength(this.leafSize[node]!);
    }
    return 2 ** (-(sum / this.trees) / this.normaliser);
  }

  /** Scores of every point the forest was built on, in row order. */
  scoreAll(): Float64Array {
    const points = this.data.length / this.dims;
    const out = new Float64Array(points);
    for (let k = 0; k < points; k++) out[k] = this.score(this.data, k * this.dims);
    return out;
  }

  /** Builds the subtree over sample[lo, hi) and returns its node id. */
  private grow(rng: Rng, sample: Int32Array, lo: number, hi: number, depth: number, heightLimit: number, next: { node: number }): number {
    const node = next.node++;
    this.feature[node] = -1;
    this.leafSize[node] = hi - lo;
    if (depth >= heightLimit || hi - lo <= 1) return node;
    // A random feature that still varies here; when none does, the points cannot be told apart.
    const first = rng.below(this.dims);
    let chosen = -1;
    let min = 0;
    let max = 0;
    for (let k = 0; k < this.dims && chosen < 0; k++) {
      const f = (first + k) % this.dims;
      min = Infinity;
      max = -Infinity;
      for (let s = lo; s < hi; s++) {
        const x = this.data[sample[s]! * this.dims + f]!;
        if (x < min) min = x;
        if (x > max) max = x;
      }
      if (max > min) chosen = f;
    }
    if (chosen < 0) return node;
    const at = rng.float(min, max);
    let mid = lo;
    for (let s = lo; s < hi; s++) {
      if (this.data[sample[s]! * this.dims + chosen]! < at) {
        const swap = sample[mid]!;
        sample[mid++] = sample[s]!;
        sample[s] = swap;
      }
    }
    this.feature[node] = chosen;
    this.split[node] = at;
    this.left[node] = this.grow(rng, sample, lo, mid, depth + 1, heightLimit, next);
    this.right[node] = this.grow(rng, sample, mid, hi, depth + 1, heightLimit, next);
    return node;
  }
}
