/**
 * Per-window sums of deviations from a mean, shared by the batch kernels (reading a slice of the
 * input) and the streams (reading a ring buffer): both add the same terms in the same order — oldest
 * first, alternating between two accumulators by position — so they give identical doubles.
 */

/** Σ (v − m)² over values[from], …, values[from + p − 1]. */
export function sqDevSum(values: Float64Array, from: number, p: number, m: number): number {
  let even = 0;
  let odd = 0;
  let j = 0;
  for (; j + 1 < p; j += 2) {
    const a = values[from + j] - m;
    const b = values[from + j + 1] - m;
    even += a * a;
    odd += b * b;
  }
  if (j < p) {
    const a = values[from + j] - m;
    even += a * a;
  }
  return even + odd;
}

/** Σ |v − m| over values[from], …, values[from + p − 1]. */
export function absDevSum(values: Float64Array, from: number, p: number, m: number): number {
  let even = 0;
  let odd = 0;
  let j = 0;
  for (; j + 1 < p; j += 2) {
    even += Math.abs(values[from + j] - m);
    odd += Math.abs(values[from + j + 1] - m);
  }
  if (j < p) even += Math.abs(values[from + j] - m);
  return even + odd;
}

/**
 * The last values of a series by bar index, for streams: capacity period + 1, so writing bar i's slot
 * never overwrites bar i − period — a replaced bar can still read the value that left its window.
 */
export class Ring {
  readonly buf: Float64Array;
  readonly cap: number;

  constructor(period: number) {
    this.cap = period + 1;
    this.buf = new Float64Array(this.cap);
  }

  set(index: number, v: number): void {
    this.buf[index % this.cap] = v;
  }

  at(index: number): number {
    return this.buf[index % this.cap];
  }

  /** Σ (v − m)² over bars last − p + 1 … last, in the order of {@link sqDevSum}. */
  sqDevSum(last: number, p: number, m: number): number {
    let even = 0;
    let odd = 0;
    const buf = this.buf;
    const cap = this.cap;
    let k = (last - p + 1) % cap;
    for (let j = 0; j < p; j++) {
      const a = buf[k] - m;
      if ((j & 1) === 0) even += a * a;
      else odd += a * a;
      if (++k === cap) k = 0;
    }
    return even + odd;
  }

  /** Σ |v − m| over bars last − p + 1 … last, in the order of {@link absDevSum}. */
  absDevSum(last: number, p: number, m: number): number {
    let even = 0;
    let odd = 0;
    const buf = this.buf;
    const cap = this.cap;
    let k = (last - p + 1) % cap;
    for (let j = 0; j < p; j++) {
      const a = Math.abs(buf[k] - m);
      if ((j & 1) === 0) even += a;
      else odd += a;
      if (++k === cap) k = 0;
    }
    return even + odd;
  }
}
