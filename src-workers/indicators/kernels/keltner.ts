import { atrInto } from './atr.ts';
import { emaInto } from './ema.ts';
import { checkLength, checkMultiplier, checkPeriod, inputLength, output } from './common.ts';

export type KeltnerOutput = {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
};

/**
 * Keltner channel: middle = EMA(period) of close (the `ema` kernel: TA-Lib seeding), bands = middle ±
 * multiplier·ATR(atrPeriod) (the `atr` kernel: TA-Lib ATR). The middle starts at index period − 1, the
 * bands where both exist (index max(period − 1, atrPeriod)); NaN before. No TA-Lib counterpart.
 *
 * @throws AppFailure `VALIDATION_FAILED` for bad parameters, unequal lengths or a non-finite value.
 */
export function keltner(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  multiplier: number,
  atrPeriod: number,
  out?: KeltnerOutput,
): KeltnerOutput {
  checkPeriod('keltner', 'period', period);
  checkMultiplier('keltner', 'multiplier', multiplier);
  checkPeriod('keltner', 'atrPeriod', atrPeriod);
  const n = inputLength('keltner', 'high', high);
  checkLength('keltner', 'low', low, n);
  checkLength('keltner', 'close', close, n);
  const res: KeltnerOutput = {
    middle: output('keltner', 'middle', out?.middle, n),
    upper: output('keltner', 'upper', out?.upper, n),
    lower: output('keltner', 'lower', out?.lower, n),
  };
  // ATR first (it checks all three inputs), into `upper`; then the EMA; then the bands in place.
  atrInto('keltner', high, low, close, atrPeriod, res.upper);
  emaInto('keltner', 'close', close, period, res.middle);
  const { middle, upper, lower } = res;
  for (let i = 0; i < n; i++) {
    const width = multiplier * upper[i];
    const m = middle[i];
    upper[i] = m + width;
    lower[i] = m - width;
  }
  return res;
}
