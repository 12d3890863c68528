/**
 * Rolling maximum or minimum of a stream's last `period` values with one level of undo: a monotonic
 * deque of (index, value) in preallocated rings, plus a journal of what the last push removed (the
 * expired front entry and the entries it displaced from the back), so a replaced bar is taken back
 * exactly in time proportional to what it displaced — never by rescanning the window.
 */
export class StreamExtreme {
  private readonly idx: Int32Array;
  private readonly val: Float64Array;
  private readonly cap: number;
  private readonly period: number;
  private readonly max: boolean;
  private head = 0;
  private len = 0;
  // Journal of the last push.
  private readonly poppedIdx: Int32Array;
  private readonly poppedVal: Float64Array;
  private popped = 0;
  private expired = false;
  private expiredIdx = 0;
  private expiredVal = 0;

  constructor(period: number, kind: 'max' | 'min') {
    this.period = period;
    this.cap = period + 1;
    this.idx = new Int32Array(this.cap);
    this.val = new Float64Array(this.cap);
    this.poppedIdx = new Int32Array(this.cap);
    this.poppedVal = new Float64Array(this.cap);
    this.max = kind === 'max';
  }

  /** Adds value v of bar `index` (bars in order), dropping bar index − period. */
  push(index: number, v: number): void {
    const cap = this.cap;
    this.expired = false;
    if (this.len > 0 && this.idx[this.head] <= index - this.period) {
      this.expired = true;
      this.expiredIdx = this.idx[this.head];
      this.expiredVal = this.val[this.head];
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.len--;
    }
    let popped = 0;
    while (this.len > 0) {
      const back = (this.head + this.len - 1) % cap;
      const b = this.val[back];
      if (this.max ? b > v : b < v) break;
      this.poppedIdx[popped] = this.idx[back];
      this.poppedVal[popped] = b;
      popped++;
      this.len--;
    }
    this.popped = popped;
    const slot = (this.head + this.len) % cap;
    this.idx[slot] = index;
    this.val[slot] = v;
    this.len++;
  }

  /** Takes back the last push. */
  undo(): void {
    const cap = this.cap;
    this.len--;
    for (let j = this.popped - 1; j >= 0; j--) {
      const slot = (this.head + this.len) % cap;
      this.idx[slot] = this.poppedIdx[j];
      this.val[slot] = this.poppedVal[j];
      this.len++;
    }
    if (this.expired) {
      this.head = this.head === 0 ? cap - 1 : this.head - 1;
      this.idx[this.head] = this.expiredIdx;
      this.val[this.head] = this.expiredVal;
      this.len++;
    }
    this.popped = 0;
    this.expired = false;
  }

  /** The extreme of the current window. */
  value(): number {
    return this.val[this.head];
  }
}
