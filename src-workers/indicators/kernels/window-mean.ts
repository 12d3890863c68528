import { Divisor, quotient } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar).
 */
const NAN = 0 / 0;

/**
 * Exact rolling means of an intermediate series that may hold NaN (a stochastic's %K where the
 * window was flat): out[i] = mean of src[i − period + 1 … i] for i ≥ start + period − 1, NaN where
 * that window holds a NaN, and NaN for start ≤ i < start + period − 1. src[start…] is read, out[start…]
 * written; `src` and `out` must be different arrays. Each mean is correctly rounded from the exact
 * window sum, so it equals what a stream's {@link WindowSum} gives for the same window.
 *
 * The sum lives in two locals, added to with branchless TwoSums (the values of an oscillator are
 * arbitrary doubles: entering minus leaving is rarely exact, which the SMA kernel's fast path relies
 * on). When a step would need a third partial the rest goes through {@link WindowSum}.
 */
export function windowMeans(src: Float64Array, out: Float64Array, start: number, period: number): void {
  const n = src.length;
  const dv = new Divisor(period);
  const ready = start + period - 1;
  let s0 = 0;
  let s1 = 0;
  let nans = 0;
  let i = start;
  for (; i < n; i++) {
    const x = src[i];
    const leaving = i - period >= start ? src[i - period] : 0;
    // x − leaving, a NaN summed as 0 (and counted once the step is taken).
    const a = x === x ? x : 0;
    const b = leaving === leaving ? -leaving : 0;
    // TwoSum(s1, a), TwoSum(s0, ea): the value is h + l + e2 exactly.
    let h = s1 + a;
    let z = h - s1;
    let e = s1 - (h - z) + (a - z);
    let l = s0 + e;
    z = l - s0;
    let e2 = s0 - (l - z) + (e - z);
    if (e2 !== 0) break;
    nans += (x === x ? 0 : 1) - (leaving === leaving ? 0 : 1);
    // Renormalize (h, l) into nonoverlapping (s1, s0), then the same for −leaving.
    s1 = h + l;
    z = s1 - h;
    s0 = h - (s1 - z) + (l - z);
    h = s1 + b;
    z = h - s1;
    e = s1 - (h - z) + (b - z);
    l = s0 + e;
    z = l - s0;
    e2 = s0 - (l - z) + (e - z);
    if (e2 !== 0) {
      // The entering value is in (s1, s0): the slow loop finishes this step.
      slowMeans(src, out, start, period, i, s1, s0, nans, true, dv);
      return;
    }
    s1 = h + l;
    z = s1 - h;
    s0 = h - (s1 - z) + (l - z);
    if (i < ready || nans > 0) {
      out[i] = NAN;
      continue;
    }
    const hi = s1 + s0;
    out[i] = quotient(hi, s0 - (hi - s1), true, dv, null);
  }
  if (i < n) slowMeans(src, out, start, period, i, s1, s0, nans, false, dv);
}

/**
 * The rest of {@link windowMeans} from bar `from` with the exact sum (s1, s0) and NaN count so far;
 * `entered` when bar `from`'s entering value is already in the sum (its NaN counted too).
 */
function slowMeans(
  src: Float64Array, out: Float64Array, start: number, period: number, from: number,
  s1: number, s0: number, nans: number, entered: boolean, dv: Divisor,
): void {
  const n = src.length;
  const sum = new WindowSum();
  sum.add(s1);
  sum.add(s0);
  for (let i = from; i < n; i++) {
    const x = src[i];
    const leaving = i - period >= start ? src[i - period] : 0;
    const a = x === x ? x : 0;
    const b = leaving === leaving ? leaving : 0;
    if (i === from && entered) sum.add(-b);
    else {
      nans += (x === x ? 0 : 1) - (leaving === leaving ? 0 : 1);
      sum.addDiff(a, b);
    }
    out[i] = i >= start + period - 1 && nans === 0 ? sum.div(dv) : NAN;
  }
}
