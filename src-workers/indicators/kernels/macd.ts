import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { Divisor } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
import { emaFactor } from './ema.ts';
import { bad, badValue, checkPeriod, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

export type MacdOutput = {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
};

/**
 * MACD as TA-Lib MACD: macd = EMA(fast) − EMA(slow), signal = EMA(signal) of macd, histogram =
 * macd − signal, k = 2/(p + 1) for each. TA-Lib's seeding: both EMAs start at index slow − 1, the slow
 * one seeded with the mean of the first `slow` values and the fast one with the mean of the `fast`
 * values ending there (not its own first `fast` values); the signal EMA is seeded with the mean of its
 * first `signal` macd values. All three outputs start at index slow + signal − 2 (NaN before), as
 * TA-Lib's do, although the macd line exists from slow − 1.
 *
 * @throws AppFailure `VALIDATION_FAILED` for bad periods (fast < slow) or a non-finite value.
 */
export function macd(close: Float64Array, fast: number, slow: number, signal: number, out?: MacdOutput): MacdOutput {
  checkMacdParams('macd', fast, slow, signal);
  const n = inputLength('macd', 'close', close);
  const res: MacdOutput = {
    macd: output('macd', 'macd', out?.macd, n),
    signal: output('macd', 'signal', out?.signal, n),
    histogram: output('macd', 'histogram', out?.histogram, n),
  };
  const { macd: line, signal: sig, histogram: hist } = res;
  const first = slow + signal - 2;
  const fastSeed = new WindowSum();
  const slowSeed = new WindowSum();
  const signalSeed = new WindowSum();
  const kFast = emaFactor(fast);
  const kSlow = emaFactor(slow);
  const kSignal = emaFactor(signal);
  let fastEma = 0;
  let slowEma = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = close[i];
    if (bad(x)) throw badValue('macd', 'close', i, x);
    if (i < slow) {
      slowSeed.add(x);
      if (i >= slow - fast) fastSeed.add(x);
      if (i === slow - 1) {
        // `* 1`: keeps the EMAs unboxed doubles in V8 (see ema.ts).
        fastEma = fastSeed.div(new Divisor(fast)) * 1;
        slowEma = slowSeed.div(new Divisor(slow)) * 1;
      }
    } else {
      fastEma = (x - fastEma) * kFast + fastEma;
      slowEma = (x - slowEma) * kSlow + slowEma;
    }
    if (i < first) {
      if (i >= slow - 1) signalSeed.add(fastEma - slowEma);
      line[i] = NAN;
      sig[i] = NAN;
      hist[i] = NAN;
      continue;
    }
    const m = fastEma - slowEma;
    if (i === first) {
      signalSeed.add(m);
      s = signalSeed.div(new Divisor(signal)) * 1;
    } else {
      s = (m - s) * kSignal + s;
    }
    line[i] = m;
    sig[i] = s;
    hist[i] = m - s;
  }
  return res;
}

export function checkMacdParams(kernel: string, fast: number, slow: number, signal: number): void {
  checkPeriod(kernel, 'fast', fast);
  checkPeriod(kernel, 'slow', slow);
  checkPeriod(kernel, 'signal', signal);
  if (fast >= slow) {
    throw new AppFailure('VALIDATION_FAILED', `${kernel}: fast (${fast}) must be less than slow (${slow})`, { kernel, param: 'fast' });
  }
}
