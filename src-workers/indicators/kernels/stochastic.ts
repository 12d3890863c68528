import { Divisor } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
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
  const first = kPeriod + kSmooth + dPeriod - 3;
  const range = new RollingRange(kPeriod);
  // The last kSmooth fastK values and the last dPeriod k values: the windows' leaving values.
  const fastRing = new Float64Array(kSmooth);
  const kRing = new Float64Array(dPeriod);
  const kSum = new WindowSum();
  const dSum = new WindowSum();
  const kDiv = new Divisor(kSmooth);
  const dDiv = new Divisor(dPeriod);
  let kNaN = 0;
  let dNaN = 0;
  let slot = 0;
  let dSlot = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i];
    const l = low[i];
    const c = close[i];
    if (bad(h)) throw badValue('stochastic', 'high', i, h);
    if (bad(l)) throw badValue('stochastic', 'low', i, l);
    if (bad(c)) throw badValue('stochastic', 'close', i, c);
    range.next(high, low, i);
    if (i < first) {
      kOut[i] = NAN;
      dOut[i] = NAN;
    }
    // j counts fastK values from 0, m counts k values from 0.
    const j = i - kPeriod + 1;
    if (j < 0) continue;
    const fastK = fastKValue(c, range.highest, range.lowest);
    const leaving = j >= kSmooth ? fastRing[slot] : 0;
    fastRing[slot] = fastK;
    slot = slot + 1 === kSmooth ? 0 : slot + 1;
    kNaN += nanDelta(fastK, leaving, j >= kSmooth);
    kSum.addDiff(fastK === fastK ? fastK : 0, leaving === leaving ? leaving : 0);
    const m = j - kSmooth + 1;
    if (m < 0) continue;
    const k = kNaN > 0 ? NAN : kSum.div(kDiv);
    const kLeaving = m >= dPeriod ? kRing[dSlot] : 0;
    kRing[dSlot] = k;
    dSlot = dSlot + 1 === dPeriod ? 0 : dSlot + 1;
    dNaN += nanDelta(k, kLeaving, m >= dPeriod);
    dSum.addDiff(k === k ? k : 0, kLeaving === kLeaving ? kLeaving : 0);
    if (m < dPeriod - 1) continue;
    kOut[i] = k;
    dOut[i] = dNaN > 0 ? NAN : dSum.div(dDiv);
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
