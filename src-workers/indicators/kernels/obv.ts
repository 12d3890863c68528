import { WindowSum } from './window-sum.ts';
import { bad, badValue, checkLength, exactSum, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * On-balance volume as TA-Lib OBV: the first value is the first bar's volume; then the volume is added
 * on an up close, subtracted on a down close, ignored on an unchanged one. The running total is exact
 * (correctly rounded), so fractional volumes do not drift.
 *
 * @throws AppFailure `VALIDATION_FAILED` for unequal lengths or a non-finite value.
 */
export function obv(close: Float64Array, volume: Float64Array, out?: Float64Array): Float64Array {
  const n = inputLength('obv', 'close', close);
  checkLength('obv', 'volume', volume, n);
  const res = output('obv', 'value', out, n);
  // The exact running total is s + err: s the plain running sum, err the exact sum of its rounding
  // errors (TwoSum). Each chain is one addition per bar, so the loop runs near the speed of a plain
  // sum; s + err is a single rounding of the exact total, so it is the correctly rounded value. If
  // adding an error to err is itself inexact (not seen on real volumes), the rest goes through
  // WindowSum.
  let s = 0;
  let err = 0;
  let before = NAN;
  let i = 0;
  for (; i < n; i++) {
    const c = close[i];
    const v = volume[i];
    if (bad(c)) throw badValue('obv', 'close', i, c);
    if (bad(v)) throw badValue('obv', 'volume', i, v);
    // Up, down or unchanged as +v, −v or 0 without a branch on the close (hard to predict).
    const x = i === 0 ? v : v * (+(c > before) - +(c < before));
    const t = s + x;
    let z = t - s;
    const e = s - (t - z) + (x - z);
    const f = err + e;
    if (!exactSum(err, e, f)) break;
    s = t;
    err = f;
    before = c;
    res[i] = s + err;
  }
  if (i === n) return res;
  const total = new WindowSum();
  total.add(s);
  total.add(err);
  for (; i < n; i++) {
    const c = close[i];
    const v = volume[i];
    if (bad(c)) throw badValue('obv', 'close', i, c);
    if (bad(v)) throw badValue('obv', 'volume', i, v);
    total.add(i === 0 ? v : v * (+(c > before) - +(c < before)));
    before = c;
    res[i] = total.value();
  }
  return res;
}
