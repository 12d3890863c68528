import { Divisor } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
import { bad, badValue, checkLength, checkPeriod, inputLength, output } from './common.ts';
import { absDevSum } from './window.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * Commodity channel index as TA-Lib CCI: tp = (high + low + close)/3, cci = (tp − mean)/(0.015·md),
 * mean = exact SMA of tp, md = mean absolute deviation of the window's tp from it (O(period) per bar).
 * NaN for the first period − 1 bars, and where md = 0 (a flat window: 0/0; TA-Lib writes 0).
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period, unequal lengths or a non-finite value.
 */
export function cci(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('cci', 'period', period);
  const n = inputLength('cci', 'high', high);
  checkLength('cci', 'low', low, n);
  checkLength('cci', 'close', close, n);
  const res = output('cci', 'value', out, n);
  // Typical prices of the window, each written twice (slot and slot + period) so that the last
  // `period` values are always contiguous, oldest first, for absDevSum.
  const tp = new Float64Array(2 * period);
  const sum = new WindowSum();
  const dv = new Divisor(period);
  let slot = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const c = close[i];
    if (bad(h)) throw badValue('cci', 'high', i, h);
    if (bad(l)) throw badValue('cci', 'low', i, l);
    if (bad(c)) throw badValue('cci', 'close', i, c);
    const t = typicalPrice(h, l, c);
    if (i < period) sum.add(t);
    else sum.addDiff(t, tp[slot]);
    tp[slot] = t;
    tp[slot + period] = t;
    slot = slot + 1 === period ? 0 : slot + 1;
    if (i < period - 1) {
      res[i] = NAN;
      continue;
    }
    const mean = sum.div(dv);
    res[i] = cciValue(t, mean, absDevSum(tp, slot, period, mean), period);
  }
  return res;
}

/** TA-Lib TYPPRICE: (high + low + close) / 3. */
export function typicalPrice(high: number, low: number, close: number): number {
  return (high + low + close) / 3;
}

export function cciValue(tp: number, mean: number, absDev: number, period: number): number {
  return absDev === 0 ? NAN : (tp - mean) / (0.015 * (absDev / period));
}
