import { Divisor, quotient } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
import { bad, badValue, checkPeriod, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * Simple moving average: the mean of the last `period` values, correctly rounded from the exact window
 * sum (equal windows give equal means whatever came before; mathematically equal means compare
 * equal). NaN for the first period − 1 values, as TA-Lib SMA.
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period or a non-finite value (naming its index; `out`
 *   is then partly written).
 */
export function sma(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('sma', 'period', period);
  const n = inputLength('sma', 'src', src);
  const res = output('sma', 'value', out, n);
  const dv = new Divisor(period);
  // The hottest kernel: the exact sum lives in two locals (s1 + s0, as WindowSum keeps it) while each
  // step is simple — entering minus leaving value exact, result still two partials — which is nearly
  // always the case for prices. Otherwise the rest of the series goes through WindowSum; the values
  // are the same either way (they depend on the exact sum only).
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i < n; i++) {
    const x = src[i];
    if (bad(x)) throw badValue('sma', 'src', i, x);
    const leaving = i >= period ? src[i - period] : 0;
    const d = x - leaving;
    const z = d - x;
    if (x - (d - z) + (-leaving - z) !== 0) break;
    let u = d;
    let v = s0;
    if (Math.abs(d) < Math.abs(s0)) {
      u = s0;
      v = d;
    }
    const h = u + v;
    const l = v - (h - u);
    if (Math.abs(h) < Math.abs(s1)) {
      u = s1;
      v = h;
    } else {
      u = h;
      v = s1;
    }
    const h2 = u + v;
    const l2 = v - (h2 - u);
    if (l !== 0 && l2 !== 0) break;
    s0 = l !== 0 ? l : l2;
    s1 = h2;
    if (i < period - 1) {
      res[i] = NAN;
      continue;
    }
    const hi = s1 + s0;
    res[i] = quotient(hi, s0 - (hi - s1), true, dv, null);
  }
  if (i === n) return res;
  const sum = new WindowSum();
  sum.add(s1);
  sum.add(s0);
  for (; i < n; i++) {
    const x = src[i];
    if (bad(x)) throw badValue('sma', 'src', i, x);
    if (i < period) sum.add(x);
    else sum.addDiff(x, src[i - period]);
    res[i] = i >= period - 1 ? sum.div(dv) : NAN;
  }
  return res;
}
