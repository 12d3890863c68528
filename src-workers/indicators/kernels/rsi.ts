import { Divisor } from '../exact-sum.ts';
import { WindowSum } from './window-sum.ts';
import { bad, badValue, checkPeriod, inputLength, output } from './common.ts';

/**
 * NaN as a module constant: V8 then keeps loop values unboxed doubles (with the global NaN they became
 * boxed numbers, allocating on every bar: about 2× slower).
 */
const NAN = 0 / 0;

/**
 * Relative strength index with Wilder smoothing, as TA-Lib RSI: the first value (index `period`) uses
 * the means of the first `period` gains and losses (correctly rounded from exact sums); then
 * avg = (avg·(period − 1) + move) / period in TA-Lib's order of operations; rsi = 100·gain/(gain + loss).
 * NaN where both averages are 0 (no move at all yet: 0/0) — TA-Lib writes 0 there.
 *
 * @throws AppFailure `VALIDATION_FAILED` for a bad period or a non-finite value (naming its index).
 */
export function rsi(close: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod('rsi', 'period', period);
  const n = inputLength('rsi', 'close', close);
  const res = output('rsi', 'value', out, n);
  const gains = new WindowSum();
  const losses = new WindowSum();
  const keep = period - 1;
  let before = NAN;
  let gain = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const x = close[i];
    if (bad(x)) throw badValue('rsi', 'close', i, x);
    const move = x - before;
    before = x;
    if (i > period) {
      gain *= keep;
      loss *= keep;
      if (move < 0) loss -= move;
      else gain += move;
      gain /= period;
      loss /= period;
      res[i] = rsiValue(gain, loss);
      continue;
    }
    res[i] = NAN;
    if (i === 0) continue;
    if (move > 0) gains.add(move);
    else if (move < 0) losses.add(-move);
    if (i < period) continue;
    const dv = new Divisor(period);
    // `* 1`: keeps gain and loss unboxed doubles in V8 (see ema.ts).
    gain = gains.div(dv) * 1;
    loss = losses.div(dv) * 1;
    res[i] = rsiValue(gain, loss);
  }
  return res;
}

export function rsiValue(gain: number, loss: number): number {
  const total = gain + loss;
  return total === 0 ? NAN : 100 * (gain / total);
}
