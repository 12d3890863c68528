import { Divisor, WindowSum } from '../exact-sum.ts';
import { bad, badValue, checkPeriod, inputLength, output } from './common.ts';

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
  const sum = new WindowSum();
  const dv = new Divisor(period);
  for (let i = 0; i < n; i++) {
    const x = src[i];
    if (bad(x)) throw badValue('sma', 'src', i, x);
    if (i < period) sum.add(x);
    else sum.addDiff(x, src[i - period]);
    res[i] = i >= period - 1 ? sum.div(dv) : NaN;
  }
  return res;
}
