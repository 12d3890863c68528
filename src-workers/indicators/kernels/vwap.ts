import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { typicalPrice } from './cci.ts';
import { bad, badValue, checkLength, good4, inputLength, output } from './common.ts';

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
 * starts afresh) or the first bar (`none`). NaN while the anchored volume is 0 (nothing traded: no
 * price). No TA-Lib counterpart.
 *
 * The two sums are plain running sums, unlike the rolling windows' exact sums: a running total from an
 * anchor is added up in one order only, so batch and stream give the same doubles without exactness
 * (docs/decisions/0020-running-totals.md); its rounding error (≈1e-13 relative over a million bars)
 * is far below any price's precision.
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
  let priceVolume = 0;
  let totalVolume = 0;
  let day = NAN;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const c = close[i];
    const v = volume[i];
    if (!good4(h, l, c, v)) checkBar(i, h, l, c, v);
    // Times are read (and checked) only where they matter: to find each day's start.
    if (daily) {
      const t = time[i];
      if (bad(t)) throw badValue('vwap', 'time', i, t);
      const d = Math.floor(t / DAY_MS);
      if (d !== day) {
        day = d;
        priceVolume = 0;
        totalVolume = 0;
      }
    }
    priceVolume += typicalPrice(h, l, c) * v;
    totalVolume += v;
    res[i] = vwapValue(priceVolume, totalVolume);
  }
  return res;
}

function checkBar(i: number, h: number, l: number, c: number, v: number): void {
  if (bad(h)) throw badValue('vwap', 'high', i, h);
  if (bad(l)) throw badValue('vwap', 'low', i, l);
  if (bad(c)) throw badValue('vwap', 'close', i, c);
  if (bad(v)) throw badValue('vwap', 'volume', i, v);
}

export function vwapValue(priceVolume: number, volume: number): number {
  return volume !== 0 ? priceVolume / volume : NAN;
}

export function checkAnchor(kernel: string, anchor: unknown): asserts anchor is VwapAnchor {
  if (anchor !== 'day' && anchor !== 'none') {
    throw new AppFailure('VALIDATION_FAILED', `${kernel}: anchor must be 'day' or 'none', got ${String(anchor)}`, { kernel, param: 'anchor' });
  }
}
