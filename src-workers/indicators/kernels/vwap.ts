import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { WindowSum } from './window-sum.ts';
import { typicalPrice } from './cci.ts';
import { bad, badValue, checkLength, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

export type VwapAnchor = 'day' | 'none';

export const DAY_MS = 86_400_000;

/**
 * Volume-weighted average price of the typical price (high + low + close)/3: Σ tp·volume / Σ volume
 * since the anchor — the start of each UTC day (`day`: the first bar whose time falls on a new UTC date
 * starts afresh) or the first bar (`none`). Both sums are exact; the value is the quotient of their
 * correctly rounded values. NaN while the anchored volume is 0 (nothing traded: no price). No TA-Lib
 * counterpart.
 *
 * @throws AppFailure `VALIDATION_FAILED` for an unknown anchor, unequal lengths or a non-finite value.
 */
export function vwap(
  time: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  anchor: VwapAnchor,
  out?: Float64Array,
): Float64Array {
  checkAnchor('vwap', anchor);
  const n = inputLength('vwap', 'time', time);
  checkLength('vwap', 'high', high, n);
  checkLength('vwap', 'low', low, n);
  checkLength('vwap', 'close', close, n);
  checkLength('vwap', 'volume', volume, n);
  const res = output('vwap', 'value', out, n);
  const daily = anchor === 'day';
  const priceVolume = new WindowSum();
  const totalVolume = new WindowSum();
  let day = NAN;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    const v = volume[i];
    if (bad(t)) throw badValue('vwap', 'time', i, t);
    if (bad(h)) throw badValue('vwap', 'high', i, h);
    if (bad(l)) throw badValue('vwap', 'low', i, l);
    if (bad(c)) throw badValue('vwap', 'close', i, c);
    if (bad(v)) throw badValue('vwap', 'volume', i, v);
    if (daily) {
      const d = Math.floor(t / DAY_MS);
      if (d !== day) {
        day = d;
        priceVolume.clear();
        totalVolume.clear();
      }
    }
    priceVolume.add(typicalPrice(h, l, c) * v);
    totalVolume.add(v);
    res[i] = vwapValue(priceVolume.value(), totalVolume.value());
  }
  return res;
}

export function vwapValue(priceVolume: number, volume: number): number {
  return volume !== 0 ? priceVolume / volume : NAN;
}

export function checkAnchor(kernel: string, anchor: unknown): asserts anchor is VwapAnchor {
  if (anchor !== 'day' && anchor !== 'none') {
    throw new AppFailure('VALIDATION_FAILED', `${kernel}: anchor must be 'day' or 'none', got ${String(anchor)}`, { kernel, param: 'anchor' });
  }
}
