import { windowMeans } from './window-mean.ts';
import { bad, badValue, checkLength, checkPeriod, inputLength, output } from './common.ts';
import { RollingRange } from './rolling-range.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

export type StochasticOutput = {
  k: Float64Array;
  d: Float64Array;
};

/**
 * Slow stochastic as TA-Lib STOCH with SMA smoothing: fastK = (close − LL)/((HH − LL)/100) over the
 * last kPeriod highs and lows; k = SMA(kSmooth) of fastK, d = SMA(dPeriod) of k, both exact means. Both
 * outputs start at index kPeriod + kSmooth + dPeriod − 3, as TA-Lib's. Where HH = LL (a flat window)
 * fastK is 0/0: NaN, and so are the k and d windows containing it (TA-Lib writes 0 for fastK there).
 *
 * @throws AppFailure `VALIDATION_FAILED` for bad periods, unequal lengths or a non-finite value.
 */
export function stochastic(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  kPeriod: number,
  kSmooth: number,
  dPeriod: number,
  out?: StochasticOutput,
): StochasticOutput {
  checkPeriod('stochastic', 'kPeriod', kPeriod);
  checkPeriod('stochastic', 'kSmooth', kSmooth);
  checkPeriod('stochastic', 'dPeriod', dPeriod);
  const n = inputLength('stochastic', 'high', high);
  checkLength('stochastic', 'low', low, n);
  checkLength('stochastic', 'close', close, n);
  const res: StochasticOutput = { k: output('stochastic', 'k', out?.k, n), d: output('stochastic', 'd', out?.d, n) };
  const { k: kOut, d: dOut } = res;
  // Three passes, each a small loop V8 compiles well: fastK into dOut (as scratch), its exact
  // kSmooth-means into kOut, their exact dPeriod-means into dOut. The values depend on the exact
  // window sums only, so they equal the stream's bar for bar.
  const range = new RollingRange(kPeriod);
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const c = close[i];
    if (bad(h)) throw badValue('stochastic', 'high', i, h);
    if (bad(l)) throw badValue('stochastic', 'low', i, l);
    if (bad(c)) throw badValue('stochastic', 'close', i, c);
    range.next(high, low, i);
    dOut[i] = i >= kPeriod - 1 ? fastKValue(c, range.highest, range.lowest) : NAN;
  }
  windowMeans(dOut, kOut, kPeriod - 1, kSmooth);
  windowMeans(kOut, dOut, kPeriod + kSmooth - 2, dPeriod);
  // Both outputs start where d does, as TA-Lib's.
  const first = Math.min(kPeriod + kSmooth + dPeriod - 3, n);
  for (let i = 0; i < first; i++) {
    kOut[i] = NAN;
    dOut[i] = NAN;
  }
  return res;
}

/** TA-Lib's fast %K; NaN for a flat window (highest high = lowest low). */
export function fastKValue(close: number, highest: number, lowest: number): number {
  const diff = (highest - lowest) / 100;
  return diff !== 0 ? (close - lowest) / diff : NAN;
}

/** Change of a window's NaN count when `entering` enters and (if `leaves`) `leaving` leaves. */
export function nanDelta(entering: number, leaving: number, leaves: boolean): number {
  return (entering === entering ? 0 : 1) - (leaves && leaving !== leaving ? 1 : 0);
}
