import { Divisor } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
import { bad, badValue, checkLength, checkPeriod, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * Average true range with Wilder smoothing, as TA-Lib ATR: true range from the second bar on
 * (max(high − low, |prevClose − high|, |prevClose − low|)); the first ATR (index `period`) is the mean
 * of the first `period` true ranges (correctly rounded), then atr = (atr·(period − 1) + tr) / period.
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period, unequal lengths or a non-finite value.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('atr', 'period', period);
  const n = inputLength('atr', 'high', high);
  checkLength('atr', 'low', low, n);
  checkLength('atr', 'close', close, n);
  const res = output('atr', 'value', out, n);
  atrInto('atr', high, low, close, period, res);
  return res;
}

/** The ATR loop (also Keltner's band width); checks each value as it reads it. */
export function atrInto(kernel: string, high: Float64Array, low: Float64Array, close: Float64Array, period: number, res: Float64Array): void {
  const n = high.length;
  const seed = new WindowSum();
  const keep = period - 1;
  let before = NAN;
  let prev = NAN;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const c = close[i];
    if (bad(h)) throw badValue(kernel, 'high', i, h);
    if (bad(l)) throw badValue(kernel, 'low', i, l);
    if (bad(c)) throw badValue(kernel, 'close', i, c);
    const tr = trueRange(h, l, before);
    before = c;
    if (i > period) {
      prev = (prev * keep + tr) / period;
    } else if (i > 0) {
      seed.add(tr);
      // `* 1`: keeps prev an unboxed double in V8 (see ema.ts).
      if (i === period) prev = seed.div(new Divisor(period)) * 1;
    }
    res[i] = prev;
  }
}

/** TA-Lib TRANGE: the greatest of high − low, |prevClose − high|, |prevClose − low|. */
export function trueRange(high: number, low: number, prevClose: number): number {
  let greatest = high - low;
  const up = Math.abs(prevClose - high);
  if (up > greatest) greatest = up;
  const down = Math.abs(prevClose - low);
  if (down > greatest) greatest = down;
  return greatest;
}
