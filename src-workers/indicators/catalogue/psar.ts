import type { BarInput } from '../types.ts';
import type { Stepper } from './define.ts';

interface SarState {
  bars: number;
  isLong: boolean;
  sar: number;
  ep: number;
  af: number;
  prevHigh: number;
  prevLow: number;
  newHigh: number;
  newLow: number;
}

/**
 * Wilder's parabolic SAR exactly as TA-Lib's SAR computes it: the first direction from the
 * directional movement of the first two bars, the stop never inside the last two bars' range,
 * and on a reversal the stop jumps to the extreme point. (trading-signals' PSAR differs: another
 * start, and a reversal to a long position is pushed to low − 0.01 whatever the price scale.)
 * The state before each bar is kept, so replacing the forming bar recomputes it from there.
 */
export function parabolicSar(step: number, max: number): Stepper {
  let state: SarState = { bars: 0, isLong: true, sar: Number.NaN, ep: Number.NaN, af: step, prevHigh: 0, prevLow: 0, newHigh: 0, newLow: 0 };
  let before: SarState = state;
  let first: BarInput | null = null;
  return {
    update(bar, replace, out) {
      if (replace && state.bars > 0) state = { ...before };
      before = { ...state };
      out[0] = advance(state, bar);
    },
  };

  function advance(s: SarState, bar: BarInput): number {
    s.bars++;
    if (s.bars === 1) {
      first = bar;
      return Number.NaN;
    }
    if (s.bars === 2) {
      // Direction from the first bars' directional movement: short only if −DM wins.
      const minusDM = first!.low - bar.low;
      const plusDM = bar.high - first!.high;
      s.isLong = !(minusDM > 0 && plusDM < minusDM);
      s.ep = s.isLong ? bar.high : bar.low;
      s.sar = s.isLong ? first!.low : first!.high;
      s.af = step;
      // TA-Lib starts its loop with the second bar as both "previous" and "new".
      s.newHigh = bar.high;
      s.newLow = bar.low;
    }
    s.prevHigh = s.newHigh;
    s.prevLow = s.newLow;
    s.newHigh = bar.high;
    s.newLow = bar.low;
    let output: number;
    if (s.isLong) {
      if (s.newLow <= s.sar) {
        s.isLong = false;
        s.sar = Math.max(s.ep, s.prevHigh, s.newHigh);
        output = s.sar;
        s.af = step;
        s.ep = s.newLow;
        s.sar = Math.max(s.sar + s.af * (s.ep - s.sar), s.prevHigh, s.newHigh);
      } else {
        output = s.sar;
        if (s.newHigh > s.ep) {
          s.ep = s.newHigh;
          s.af = Math.min(s.af + step, max);
        }
        s.sar = Math.min(s.sar + s.af * (s.ep - s.sar), s.prevLow, s.newLow);
      }
    } else if (s.newHigh >= s.sar) {
      s.isLong = true;
      s.sar = Math.min(s.ep, s.prevLow, s.newLow);
      output = s.sar;
      s.af = step;
      s.ep = s.newHigh;
      s.sar = Math.min(s.sar + s.af * (s.ep - s.sar), s.prevLow, s.newLow);
    } else {
      output = s.sar;
      if (s.newLow < s.ep) {
        s.ep = s.newLow;
        s.af = Math.min(s.af + step, max);
      }
      s.sar = Math.max(s.sar + s.af * (s.ep - s.sar), s.prevHigh, s.newHigh);
    }
    return output;
  }
}
