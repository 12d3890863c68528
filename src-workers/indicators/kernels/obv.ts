import { WindowSum } from './window-sum.ts';
import { bad, badValue, checkLength, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * On-balance volume as TA-Lib OBV: the first value is the first bar's volume; then the volume is added
 * on an up close, subtracted on a down close, ignored on an unchanged one. The running total is exact
 * (correctly rounded), so fractional volumes do not drift.
 *
 * @throws AppFailure `VALIDATION_FAILED` for unequal lengths or a non-finite value.
 */
export function obv(close: Float64Array, volume: Float64Array, out?: Float64Array): Float64Array {
  const n = inputLength('obv', 'close', close);
  checkLength('obv', 'volume', volume, n);
  const res = output('obv', 'value', out, n);
  if (integerVolumes(close, volume, n)) return plainObv(close, volume, n, res);
  const total = new WindowSum();
  let before = NAN;
  for (let i = 0; i < n; i++) {
    const c = close[i];
    const v = volume[i];
    if (bad(c)) throw badValue('obv', 'close', i, c);
    if (bad(v)) throw badValue('obv', 'volume', i, v);
    // Up, down or unchanged as +v, −v or 0 without a branch on the close (hard to predict).
    total.add(i === 0 ? v : v * (+(c > before) - +(c < before)));
    before = c;
    res[i] = total.value();
  }
  return res;
}

/**
 * Whether every input is valid and every volume a whole number with Σ|volume| < 2^52: then every
 * running total is an integer a double holds exactly, and plain addition is the exact sum.
 * @throws AppFailure `VALIDATION_FAILED` for a non-finite value.
 */
function integerVolumes(close: Float64Array, volume: Float64Array, n: number): boolean {
  let whole = true;
  let magnitude = 0;
  for (let i = 0; i < n; i++) {
    const c = close[i];
    const v = volume[i];
    if (bad(c)) throw badValue('obv', 'close', i, c);
    if (bad(v)) throw badValue('obv', 'volume', i, v);
    whole = whole && Math.floor(v) === v;
    magnitude += Math.abs(v);
  }
  return whole && magnitude < 2 ** 52; // margin for the rounding of `magnitude` itself
}

function plainObv(close: Float64Array, volume: Float64Array, n: number, res: Float64Array): Float64Array {
  let total = 0;
  let before = NAN;
  for (let i = 0; i < n; i++) {
    const c = close[i]! * 1;
    const v = volume[i]! * 1;
    total += i === 0 ? v : v * (+(c > before) - +(c < before));
    before = c;
    res[i] = total;
  }
  return res;
}
