import { bad, badValue, checkLength, checkPeriod, inputLength, output } from './common.ts';
import { RollingRange } from './rolling-range.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

export type DonchianOutput = {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
};

/**
 * Donchian channel: upper = highest high and lower = lowest low of the last `period` bars (O(1) per
 * bar), middle = (upper + lower)/2. NaN for the first period − 1 bars. No TA-Lib counterpart (TA-Lib
 * MAX of high and MIN of low give the bands).
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period, unequal lengths or a non-finite value.
 */
export function donchian(high: Float64Array, low: Float64Array, period: number, out?: DonchianOutput): DonchianOutput {
  checkPeriod('donchian', 'period', period);
  const n = inputLength('donchian', 'high', high);
  checkLength('donchian', 'low', low, n);
  const res: DonchianOutput = {
    upper: output('donchian', 'upper', out?.upper, n),
    middle: output('donchian', 'middle', out?.middle, n),
    lower: output('donchian', 'lower', out?.lower, n),
  };
  const { upper: upperOut, middle: middleOut, lower: lowerOut } = res;
  const range = new RollingRange(period);
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    if (bad(h)) throw badValue('donchian', 'high', i, h);
    if (bad(l)) throw badValue('donchian', 'low', i, l);
    range.next(high, low, i);
    if (i < period - 1) {
      upperOut[i] = NAN;
      middleOut[i] = NAN;
      lowerOut[i] = NAN;
      continue;
    }
    const upper = range.highest;
    const lower = range.lowest;
    upperOut[i] = upper;
    lowerOut[i] = lower;
    middleOut[i] = (upper + lower) / 2;
  }
  return res;
}
