import { Divisor } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
import { bad, badValue, checkPeriod, inputLength, output } from './common.ts';
import { sqDevSum } from './window.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * Population standard deviation of the last `period` values, as TA-Lib STDDEV(nbdev = 1):
 * sqrt(Σ(x − mean)² / period). Two-pass per window around the correctly rounded mean, so a flat window
 * gives exactly 0 and a window's result does not depend on the bars before it; O(period) per bar.
 * TA-Lib uses running sums of x and x² instead (cancellation; it clamps variances below 1e-14 to 0).
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period or a non-finite value (naming its index).
 */
export function stddev(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('stddev', 'period', period);
  const n = inputLength('stddev', 'src', src);
  const res = output('stddev', 'value', out, n);
  stddevInto('stddev', 'src', src, period, null, res);
  return res;
}

/** The loop of `stddev`; also writes the window means into `mean` when given (Bollinger's middle). */
export function stddevInto(kernel: string, name: string, src: Float64Array, period: number, mean: Float64Array | null, res: Float64Array): void {
  const n = src.length;
  const sum = new WindowSum();
  const dv = new Divisor(period);
  for (let i = 0; i < n; i++) {
    const x = src[i];
    if (bad(x)) throw badValue(kernel, name, i, x);
    if (i < period) sum.add(x);
    else sum.addDiff(x, src[i - period]);
    if (i < period - 1) {
      res[i] = NAN;
      if (mean !== null) mean[i] = NAN;
      continue;
    }
    const m = sum.div(dv);
    if (mean !== null) mean[i] = m;
    res[i] = Math.sqrt(sqDevSum(src, i - period + 1, period, m) / period);
  }
}
