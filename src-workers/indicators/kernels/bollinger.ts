import { checkMultiplier, checkPeriod, inputLength, output } from './common.ts';
import { stddevInto } from './stddev.ts';

export type BollingerOutput = {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
};

/**
 * Bollinger Bands as TA-Lib BBANDS with an SMA and equal multipliers: middle = SMA(period) (the exact
 * `sma` value), upper/lower = middle ± k·σ with σ the population standard deviation of the window (the
 * `stddev` value). NaN for the first period − 1 values.
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period or k, or a non-finite value.
 */
export function bollinger(close: Float64Array, period: number, k: number, out?: BollingerOutput): BollingerOutput {
  checkPeriod('bollinger', 'period', period);
  checkMultiplier('bollinger', 'k', k);
  const n = inputLength('bollinger', 'close', close);
  const res: BollingerOutput = {
    middle: output('bollinger', 'middle', out?.middle, n),
    upper: output('bollinger', 'upper', out?.upper, n),
    lower: output('bollinger', 'lower', out?.lower, n),
  };
  // σ goes to `upper` first, then both bands are formed from it in place.
  stddevInto('bollinger', 'close', close, period, res.middle, res.upper);
  const { middle, upper, lower } = res;
  for (let i = 0; i < n; i++) {
    const width = upper[i] * k;
    const m = middle[i];
    upper[i] = m + width;
    lower[i] = m - width;
  }
  return res;
}
