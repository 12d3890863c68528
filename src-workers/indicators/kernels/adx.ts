import { Divisor } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
import { trueRange } from './atr.ts';
import { bad, badValue, checkLength, checkPeriod, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

export type AdxOutput = {
  adx: Float64Array;
  plusDI: Float64Array;
  minusDI: Float64Array;
};

/**
 * Wilder's directional movement system, as TA-Lib ADX / PLUS_DI / MINUS_DI.
 * +DM = high − prevHigh when positive and greater than prevLow − low (−DM symmetrically); the first
 * period − 1 moves and true ranges are summed (exactly), then each sum is smoothed as
 * s − s/period + new. ±DI = 100·DM/TR from index `period`; DX = 100·|+DI − −DI|/(+DI + −DI); ADX is the
 * mean of the first `period` DX values (index 2·period − 1), then (adx·(period − 1) + dx)/period.
 * As TA-Lib, a bar whose DX is undefined (no range, or no directional movement at all yet) leaves ADX
 * unchanged (and adds 0 to the first mean). The DIs are NaN where the smoothed range is 0 (TA-Lib: 0).
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period, unequal lengths or a non-finite value.
 */
export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out?: AdxOutput): AdxOutput {
  checkPeriod('adx', 'period', period);
  const n = inputLength('adx', 'high', high);
  checkLength('adx', 'low', low, n);
  checkLength('adx', 'close', close, n);
  const res: AdxOutput = {
    adx: output('adx', 'adx', out?.adx, n),
    plusDI: output('adx', 'plusDI', out?.plusDI, n),
    minusDI: output('adx', 'minusDI', out?.minusDI, n),
  };
  const { adx: adxOut, plusDI: plusOut, minusDI: minusOut } = res;
  const sumPlus = new WindowSum();
  const sumMinus = new WindowSum();
  const sumRange = new WindowSum();
  const sumDX = new WindowSum();
  const keep = period - 1;
  const firstAdx = 2 * period - 1;
  let prevHigh = NAN;
  let prevLow = NAN;
  let prevClose = NAN;
  let plus = 0;
  let minus = 0;
  let range = 0;
  let value = NAN;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const c = close[i];
    if (bad(h)) throw badValue('adx', 'high', i, h);
    if (bad(l)) throw badValue('adx', 'low', i, l);
    if (bad(c)) throw badValue('adx', 'close', i, c);
    const up = h - prevHigh;
    const down = prevLow - l;
    const tr = trueRange(h, l, prevClose);
    prevHigh = h;
    prevLow = l;
    prevClose = c;
    if (i < period) {
      plusOut[i] = NAN;
      minusOut[i] = NAN;
      adxOut[i] = NAN;
      if (i === 0) continue;
      if (down > 0 && up < down) sumMinus.add(down);
      else if (up > 0 && up > down) sumPlus.add(up);
      sumRange.add(tr);
      continue;
    }
    if (i === period) {
      // `* 1`: keeps the smoothed sums unboxed doubles in V8 (see ema.ts).
      plus = sumPlus.value() * 1;
      minus = sumMinus.value() * 1;
      range = sumRange.value() * 1;
    }
    minus -= minus / period;
    plus -= plus / period;
    if (down > 0 && up < down) minus += down;
    else if (up > 0 && up > down) plus += up;
    range = range - range / period + tr;
    let dx = NAN;
    if (range !== 0) {
      const minusDI = 100 * (minus / range);
      const plusDI = 100 * (plus / range);
      plusOut[i] = plusDI;
      minusOut[i] = minusDI;
      const total = minusDI + plusDI;
      if (total !== 0) dx = 100 * (Math.abs(minusDI - plusDI) / total);
    } else {
      plusOut[i] = NAN;
      minusOut[i] = NAN;
    }
    if (i < firstAdx) {
      if (dx === dx) sumDX.add(dx);
      adxOut[i] = NAN;
      continue;
    }
    if (i === firstAdx) {
      if (dx === dx) sumDX.add(dx);
      value = sumDX.div(new Divisor(period)) * 1;
    } else if (dx === dx) {
      value = (value * keep + dx) / period;
    }
    adxOut[i] = value;
  }
  return res;
}
