import { AppFailure } from '../../../src-shared/contract/errors.ts';
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
  if (anchor === 'none') {
    accumulate(high, low, close, volume, res, 0, n);
    return res;
  }
  // One anchored run per UTC day: times are read (and checked) only here, to find each day's end.
  let start = 0;
  while (start < n) {
    const day = dayOf(time, start);
    let end = start + 1;
    while (end < n && dayOf(time, end) === day) end++;
    accumulate(high, low, close, volume, res, start, end);
    start = end;
  }
  return res;
}

function dayOf(time: Float64Array, i: number): number {
  const t = time[i];
  if (bad(t)) throw badValue('vwap', 'time', i, t);
  return Math.floor(t / DAY_MS);
}

/** VWAP over bars [start, end) anchored at `start`: a small branch-free loop (the hot path). */
function accumulate(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, res: Float64Array, start: number, end: number): void {
  let priceVolume = 0;
  let totalVolume = 0;
  for (let i = start; i < end; i++) {
    const h = high[i];
    const l = low[i];
    const c = close[i];
    const v = volume[i];
    if (!good4(h, l, c, v)) checkBar(i, h, l, c, v);
    priceVolume += priceVolumeTerm(h, l, c, v);
    totalVolume += v;
    res[i] = vwapValue(priceVolume, totalVolume);
  }
}

function checkBar(i: number, h: number, l: number, c: number, v: number): void {
  if (bad(h)) throw badValue('vwap', 'high', i, h);
  if (bad(l)) throw badValue('vwap', 'low', i, l);
  if (bad(c)) throw badValue('vwap', 'close', i, c);
  if (bad(v)) throw badValue('vwap', 'volume', i, v);
}

/**
 * A bar's term of the price sum: (high + low + close)·volume, three times its typical price × volume —
 * the division by 3 is done once per value in {@link vwapValue} rather than once per bar and value.
 */
export function priceVolumeTerm(high: number, low: number, close: number, volume: number): number {
  return (high + low + close) * volume;
}

/** Σ (h + l + c)·v / (3 Σ v); NaN while nothing traded. */
export function vwapValue(priceVolume: number, volume: number): number {
  return volume !== 0 ? priceVolume / (3 * volume) : NAN;
}

export function checkAnchor(kernel: string, anchor: unknown): asserts anchor is VwapAnchor {
  if (anchor !== 'day' && anchor !== 'none') {
    throw new AppFailure('VALIDATION_FAILED', `${kernel}: anchor must be 'day' or 'none', got ${String(anchor)}`, { kernel, param: 'anchor' });
  }
}
