/**
 * Exact summation and correctly rounded means.
 *
 * An {@link ExactSum} holds the exact value of the numbers added to it — nothing is rounded while
 * adding or removing — as a short list of nonoverlapping doubles in increasing magnitude (Shewchuk's
 * partials, as Python's `math.fsum`). Every read is a function of that exact value only:
 * {@link ExactSum.value} is the correctly rounded sum (fsum's final step included) and
 * {@link ExactSum.div} the correctly rounded quotient. So a window sum or mean is the same double
 * whichever path of additions and removals produced the window, and two means that are mathematically
 * equal compare equal (`===`) — dividing a correctly rounded sum would round twice and break that.
 *
 * `WindowSum` (kernels/window-sum.ts) is the hot-path form for kernels: the same exact value, kept in
 * two doubles while it fits (the common case for prices), in an {@link ExactSum} otherwise.
 *
 * Limits: inputs finite with |x| ≤ 1e150 (the kernels reject others); values whose exact result is
 * subnormal lose the correct-rounding guarantee.
 */

/** 2^27 + 1: Veltkamp/Dekker splitting constant, cuts a double into two 26-bit halves. */
const SPLITTER = 134217729;
/** Error bound of the fast quotient path, relative to the quotient: 2^-94. */
const BOUND = 5.048709793414476e-29;

/** A positive integer divisor ≤ 2^53 with what the correctly rounded division needs, computed once. */
export class Divisor {
  readonly d: number;
  readonly inv: number;
  readonly hi: number;
  readonly lo: number;
  /** d < 2^26: products with d of 26-bit halves are exact without splitting d. */
  readonly small: boolean;
  constructor(d: number) {
    this.d = d;
    this.small = d < 67108864;
    this.inv = 1 / d;
    const c = SPLITTER * d;
    this.hi = c - (c - d);
    this.lo = d - this.hi;
  }
}

export class ExactSum {
  /** Nonoverlapping partials, increasing magnitude; their exact sum is the value held. */
  p: Float64Array;
  /** Number of partials in use. */
  m = 0;

  constructor(capacity = 16) {
    this.p = new Float64Array(capacity);
  }

  clear(): void {
    this.m = 0;
  }

  copyFrom(other: ExactSum): void {
    const n = other.m;
    if (this.p.length < n) this.p = new Float64Array(other.p.length);
    const src = other.p;
    const dst = this.p;
    for (let i = 0; i < n; i++) dst[i] = src[i];
    this.m = n;
  }

  /** Adds `x` exactly (Shewchuk's grow-expansion with magnitude ordering, as `msum`). */
  add(x: number): void {
    const p = this.p;
    const m = this.m;
    let i = 0;
    for (let j = 0; j < m; j++) {
      let y = p[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    // A zero top partial adds nothing; keep it only as the sole one (value 0).
    if (x === 0 && i > 0) {
      this.m = i;
      return;
    }
    if (i === p.length) this.grow();
    this.p[i] = x;
    this.m = i + 1;
  }

  /** Adds `a − b` exactly: one window step (entering value, leaving value). */
  addDiff(a: number, b: number): void {
    // twoSum(a, −b): d + r === a − b exactly; r is 0 for prices within a factor 2 (Sterbenz).
    const d = a - b;
    const z = d - a;
    const r = a - (d - z) + (-b - z);
    this.add(d);
    if (r !== 0) this.add(r);
  }

  /** Adds `x·y` exactly (Dekker's two-product; no overflow or underflow assumed). */
  addProduct(x: number, y: number): void {
    const prod = x * y;
    let c = SPLITTER * x;
    const xh = c - (c - x);
    const xl = x - xh;
    c = SPLITTER * y;
    const yh = c - (c - y);
    const yl = y - yh;
    const err = xh * yh - prod + xh * yl + xl * yh + xl * yl;
    this.add(prod);
    if (err !== 0) this.add(err);
  }

  /** Sign of the exact value: −1, 0 or 1. */
  sign(): number {
    const p = this.p;
    for (let j = this.m - 1; j >= 0; j--) {
      const v = p[j];
      if (v > 0) return 1;
      if (v < 0) return -1;
    }
    return 0;
  }

  /** The exact value, correctly rounded to the nearest double (ties to even), as `math.fsum`. */
  value(): number {
    this.round();
    return roundedHi;
  }

  /** The exact value divided by `dv.d`, correctly rounded (ties to even). */
  div(dv: Divisor): number {
    if (this.m === 0) return 0;
    this.round();
    return quotient(roundedHi, roundedT, roundedExact, dv, this);
  }

  /** fsum's final step: sets `roundedHi` (the correctly rounded value) and the remainder `roundedT`. */
  private round(): void {
    let n = this.m;
    if (n === 0) {
      roundedHi = 0;
      roundedT = 0;
      roundedExact = true;
      return;
    }
    const p = this.p;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    let t = lo;
    if (n > 0) {
      const below = p[n - 1];
      let rest = lo;
      if ((lo < 0 && below < 0) || (lo > 0 && below > 0)) {
        // Halfway case: round hi away by lo's direction if the partials below tip it.
        const y = lo * 2;
        const x = hi + y;
        if (y === x - hi) {
          hi = x;
          rest = -lo;
        }
      }
      // The remainder value − hi is the expansion rest, p[n−1], …, p[0] (nonoverlapping, decreasing:
      // rest is part of the partial just consumed). Round it correctly the same way; a lower partial
      // can be nearly half of the one above, so it may not simply be dropped.
      let rh = rest;
      let k = n;
      let rl = 0;
      while (k > 0) {
        const x = rh;
        const y = p[--k];
        rh = x + y;
        rl = y - (rh - x);
        if (rl !== 0) break;
      }
      if (k > 0 && ((rl < 0 && p[k - 1] < 0) || (rl > 0 && p[k - 1] > 0))) {
        const y = rl * 2;
        const x = rh + y;
        if (y === x - rh) rh = x;
      }
      t = rh;
    }
    roundedHi = hi;
    roundedT = t;
    roundedExact = n === 0;
  }

  private grow(): void {
    const bigger = new Float64Array(this.p.length * 2);
    bigger.set(this.p);
    this.p = bigger;
  }
}

// Results of ExactSum.round (module scratch instead of an object per call).
let roundedHi = 0;
let roundedT = 0;
let roundedExact = true;

/**
 * `(hi + t) / dv.d` correctly rounded (ties to even), where hi + t is an exact value: hi its
 * correctly rounded value and t the remainder (exact when `tExact`; otherwise `sum` holds the exact
 * value and must be given).
 */
export function quotient(hi: number, t: number, tExact: boolean, dv: Divisor, sum: ExactSum | null): number {
  const d = dv.d;
  const q = hi * dv.inv;
  // Remainder R = value − q·d: q·d = pr + pe exactly (Dekker), hi − pr exact (Sterbenz); then
  // value/d = q + R/d. q is within 2 ulp of the quotient and |R| within 6 ulp(hi), so corr's error is
  // below 2^-100·|q|: if q + corr cannot cross a rounding boundary within 2^-94·|q| of it, it is the
  // correctly rounded quotient.
  const pr = q * d;
  const c = SPLITTER * q;
  const qh = c - (c - q);
  const ql = q - qh;
  // d < 2^26 (every period): the 26-bit halves of q times d are exact without splitting d.
  const pe = dv.small ? qh * d - pr + ql * d : qh * dv.hi - pr + qh * dv.lo + ql * dv.hi + ql * dv.lo;
  const a = hi - pr;
  const corr = (a - pe + t) * dv.inv;
  const bound = Math.abs(q) * BOUND;
  const low = q + (corr - bound);
  if (low === q + (corr + bound)) return low;
  return quotientNearBoundary(hi, q, a, pe, t, tExact, dv, sum);
}

/**
 * The exact quotient is (nearly) halfway between two doubles — common for decimal prices, whose means
 * often fall exactly on a midpoint. If the remainder and its division are exact, `q + corr` is a single
 * IEEE rounding of the exact quotient (ties to even); otherwise decide by exact comparison.
 */
function quotientNearBoundary(hi: number, q: number, a: number, pe: number, t: number, tExact: boolean, dv: Divisor, sum: ExactSum | null): number {
  const d = dv.d;
  if (tExact) {
    const r1 = a - pe;
    let z = r1 - a;
    const e1 = a - (r1 - z) + (-pe - z);
    const r = r1 + t;
    z = r - r1;
    const e2 = r1 - (r - z) + (t - z);
    if (e1 === 0 && e2 === 0) {
      const corr = r / d;
      const cp = corr * d;
      const c = SPLITTER * corr;
      const ch = c - (c - corr);
      const cl = corr - ch;
      if (cp === r && ch * dv.hi - cp + ch * dv.lo + cl * dv.hi + cl * dv.lo === 0) return q + corr;
    }
  }
  // Walk the doubles around q and compare the exact value with d·midpoint.
  const probe = scratch;
  const approx = q + (a - pe + t) / d;
  let lowEnd = nextDown(nextDown(approx));
  const highEnd = nextUp(nextUp(approx));
  while (lowEnd < highEnd) {
    const next = nextUp(lowEnd);
    if (sum !== null) probe.copyFrom(sum);
    else {
      probe.clear();
      probe.add(hi);
      probe.add(t);
    }
    probe.addProduct(-d, lowEnd);
    probe.addProduct(-d, (next - lowEnd) / 2);
    const s = probe.sign();
    if (s < 0) return lowEnd;
    if (s === 0) return isEven(lowEnd) ? lowEnd : next;
    lowEnd = next;
  }
  return highEnd;
}

const scratch = new ExactSum(64);
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Index of the low 32-bit word of a double in `words` (little- or big-endian platform). */
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  bits[0] = x;
  if (x > 0) {
    words[LOW] = (words[LOW] + 1) >>> 0;
    if (words[LOW] === 0) words[1 - LOW] += 1;
  } else {
    if (words[LOW] === 0) words[1 - LOW] -= 1;
    words[LOW] = (words[LOW] - 1) >>> 0;
  }
  return bits[0];
}

function nextDown(x: number): number {
  return -nextUp(-x);
}

function isEven(x: number): boolean {
  bits[0] = x;
  return (words[LOW] & 1) === 0;
}
