import { Divisor } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
import { bad, badValue, checkPeriod, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * Exponential moving average with k = 2 / (period + 1), seeded as TA-Lib EMA: the first value (index
 * period − 1) is the SMA of the first `period` values (correctly rounded: it equals `sma(...)` there),
 * then ema = (x − ema)·k + ema, TA-Lib's expression. NaN before.
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period or a non-finite value (naming its index).
 */
export function ema(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('ema', 'period', period);
  const n = inputLength('ema', 'src', src);
  const res = output('ema', 'value', out, n);
  emaInto('ema', 'src', src, period, res);
  return res;
}

/** The EMA loop (also Keltner's middle line); checks each value of `src` as it reads it. */
export function emaInto(kernel: string, name: string, src: Float64Array, period: number, res: Float64Array): void {
  const n = src.length;
  const seed = new WindowSum();
  const warm = Math.min(period, n);
  for (let i = 0; i < warm; i++) {
    const x = src[i];
    if (bad(x)) throw badValue(kernel, name, i, x);
    seed.add(x);
    res[i] = NAN;
  }
  if (warm < period) return;
  // `* 1` keeps the loop's running value an unboxed double in V8 (a call's result would make it a
  // boxed number, allocating on every bar: measured 2× slower).
  let prev = seed.div(new Divisor(period)) * 1;
  res[period - 1] = prev;
  const k = emaFactor(period);
  for (let i = period; i < n; i++) {
    const x = src[i];
    if (bad(x)) throw badValue(kernel, name, i, x);
    prev = (x - prev) * k + prev;
    res[i] = prev;
  }
}

/** TA-Lib's PER_TO_K: 2 / (period + 1). */
export function emaFactor(period: number): number {
  return 2 / (period + 1);
}
