import { selectRank } from '../backtest/metrics/select.ts';

/** 1.4826·MAD estimates the standard deviation of normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * Median and MAD of the last `capacity` values pushed, for robust z-scores over a trailing window.
 * The window is kept sorted (binary search + shift, O(window) per push) beside a ring buffer that
 * remembers which value leaves next; the MAD uses quickselect on a scratch array. Nothing is
 * allocated after construction, so it can sit in a per-bar loop.
 */
export class RollingRobust {
  private readonly sorted: Float64Array;
  private readonly ring: Float64Array;
  private readonly scratch: Float64Array;
  private size = 0;
  private head = 0;

  constructor(readonly capacity: number) {
    this.sorted = new Float64Array(capacity);
    this.ring = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
  }

  get count(): number {
    return this.size;
  }

  push(x: number): void {
    if (this.size === this.capacity) {
      this.removeSorted(this.ring[this.head]!);
      this.size--;
    }
    this.ring[this.head] = x;
    this.head = (this.head + 1) % this.capacity;
    this.insertSorted(x);
    this.size++;
  }

  median(): number {
    const n = this.size;
    if (n === 0) return NaN;
    const mid = n >> 1;
    return n % 2 === 1 ? this.sorted[mid]! : (this.sorted[mid - 1]! + this.sorted[mid]!) / 2;
  }

  /** Median absolute deviation from the median. */
  mad(): number {
    const n = this.size;
    if (n === 0) return NaN;
    const m = this.median();
    for (let i = 0; i < n; i++) this.scratch[i] = Math.abs(this.sorted[i]! - m);
    const mid = n >> 1;
    selectRank(this.scratch, 0, n - 1, mid);
    const upper = this.scratch[mid]!;
    if (n % 2 === 1) return upper;
    // After selecting `mid`, everything left of it is ≤ it: the lower middle is their maximum.
    let lower = -Infinity;
    for (let i = 0; i < mid; i++) if (this.scratch[i]! > lower) lower = this.scratch[i]!;
    return (lower + upper) / 2;
  }

  /** (x − median) / max(1.4826·MAD, minScale). */
  robustZ(x: number, minScale: number): number {
    return (x - this.median()) / Math.max(MAD_TO_SIGMA * this.mad(), minScale);
  }

  private insertSorted(x: number): void {
    const at = this.lowerBound(x);
    this.sorted.copyWithin(at + 1, at, this.size);
    this.sorted[at] = x;
  }

  private removeSorted(x: number): void {
    const at = this.lowerBound(x);
    this.sorted.copyWithin(at, at + 1, this.size);
  }

  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
