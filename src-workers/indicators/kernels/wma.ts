import { Divisor } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
import { bad, badValue, checkPeriod, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * Weighted moving average, weights 1 … period (newest heaviest), as TA-Lib WMA: Σ w·x / Σ w. The
 * weighted window sum is kept exactly — each step adds period·x (an exact product) and subtracts the
 * previous plain window sum — and the value is its correctly rounded quotient by period(period+1)/2.
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period or a non-finite value (naming its index).
 */
export function wma(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('wma', 'period', period);
  const n = inputLength('wma', 'src', src);
  const res = output('wma', 'value', out, n);
  const plain = new WindowSum();
  const weighted = new WindowSum();
  const dv = new Divisor((period * (period + 1)) / 2);
  for (let i = 0; i < n; i++) {
    const x = src[i];
    if (bad(x)) throw badValue('wma', 'src', i, x);
    wmaStep(weighted, plain, period, x);
    if (i < period) plain.add(x);
    else plain.addDiff(x, src[i - period]);
    res[i] = i >= period - 1 ? weighted.div(dv) : NAN;
  }
  return res;
}

const SPLITTER = 134217729;

/**
 * weighted ← weighted − plain + period·x, exactly: every value already in the window loses one unit of
 * weight (the oldest drops to 0) and x enters with weight `period`.
 */
export function wmaStep(weighted: WindowSum, plain: WindowSum, period: number, x: number): void {
  // period·x = prod + err exactly: period < 2^26, so splitting x alone keeps each partial product exact.
  const prod = period * x;
  const c = SPLITTER * x;
  const xh = c - (c - x);
  const err = xh * period - prod + (x - xh) * period;
  if (plain.spilled) {
    const big = plain.big!;
    for (let j = 0; j < big.m; j++) weighted.add(-big.p[j]);
    weighted.add(prod);
    if (err !== 0) weighted.add(err);
    return;
  }
  // prod − s1 and err − s0, each exactly as a pair (twoSum): usually the pairs' low parts are 0 (values
  // of similar size), so this is two partial updates instead of four.
  weighted.addDiff(prod, plain.s1);
  const s0 = plain.s0;
  const e = err - s0;
  const z = e - err;
  const f = err - (e - z) + (-s0 - z);
  weighted.add(e);
  if (f !== 0) weighted.add(f);
}
