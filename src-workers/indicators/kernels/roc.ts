import { bad, badValue, checkPeriod, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * Rate of change in percent, as TA-Lib ROC: ((x / x[period bars ago]) − 1)·100, from index `period`.
 * NaN where the earlier value is 0 (TA-Lib writes 0).
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period or a non-finite value (naming its index).
 */
export function roc(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('roc', 'period', period);
  const n = inputLength('roc', 'src', src);
  const res = output('roc', 'value', out, n);
  for (let i = 0; i < n; i++) {
    const x = src[i];
    if (bad(x)) throw badValue('roc', 'src', i, x);
    res[i] = i >= period ? rocValue(x, src[i - period]) : NAN;
  }
  return res;
}

export function rocValue(x: number, before: number): number {
  return before !== 0 ? (x / before - 1) * 100 : NAN;
}
