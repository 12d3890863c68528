import * as ti from 'technicalindicators';
import type { IndicatorDefinition } from '../types.ts';
import { defineIndicator, OHLC, signal, type Stepper } from './define.ts';

type PatternInput = { open: number[]; high: number[]; low: number[]; close: number[] };
type PatternFn = (data: PatternInput) => unknown;

/** [id, name, technicalindicators function, candles it looks at, description] */
const PATTERNS: ReadonlyArray<readonly [string, string, PatternFn, number, string]> = [
  ['abandoned-baby', 'Abandoned Baby', ti.abandonedbaby, 3, 'bullish reversal: a doji gapped below a down candle, then an up candle gapped above it'],
  ['doji', 'Doji', ti.doji, 1, 'open and close (nearly) equal'],
  ['dragonfly-doji', 'Dragonfly Doji', ti.dragonflydoji, 1, 'a doji with open, close and high together and a long lower shadow'],
  ['gravestone-doji', 'Gravestone Doji', ti.gravestonedoji, 1, 'a doji with open, close and low together and a long upper shadow'],
  ['bullish-engulfing', 'Bullish Engulfing', ti.bullishengulfingpattern, 2, 'an up candle whose body engulfs the previous down body'],
  ['bearish-engulfing', 'Bearish Engulfing', ti.bearishengulfingpattern, 2, 'a down candle whose body engulfs the previous up body'],
  ['bullish-harami', 'Bullish Harami', ti.bullishharami, 2, 'a small up body inside the previous long down body'],
  ['bearish-harami', 'Bearish Harami', ti.bearishharami, 2, 'a small down body inside the previous long up body'],
  ['bullish-harami-cross', 'Bullish Harami Cross', ti.bullishharamicross, 2, 'a doji inside the previous long down body'],
  ['bearish-harami-cross', 'Bearish Harami Cross', ti.bearishharamicross, 2, 'a doji inside the previous long up body'],
  ['dark-cloud-cover', 'Dark Cloud Cover', ti.darkcloudcover, 2, 'a down candle opening above the previous high and closing below its midpoint'],
  ['piercing-line', 'Piercing Line', ti.piercingline, 2, 'an up candle opening below the previous low and closing above its midpoint'],
  ['downside-tasuki-gap', 'Downside Tasuki Gap', ti.downsidetasukigap, 3, 'two down candles with a gap, then an up candle partly closing the gap'],
  ['morning-star', 'Morning Star', ti.morningstar, 3, 'bullish reversal: long down candle, small gapped body, long up candle'],
  ['morning-doji-star', 'Morning Doji Star', ti.morningdojistar, 3, 'a morning star whose middle candle is a doji'],
  ['evening-star', 'Evening Star', ti.eveningstar, 3, 'bearish reversal: long up candle, small gapped body, long down candle'],
  ['evening-doji-star', 'Evening Doji Star', ti.eveningdojistar, 3, 'an evening star whose middle candle is a doji'],
  ['three-white-soldiers', 'Three White Soldiers', ti.threewhitesoldiers, 3, 'three long up candles, each closing higher'],
  ['three-black-crows', 'Three Black Crows', ti.threeblackcrows, 3, 'three long down candles, each closing lower'],
  ['bullish-marubozu', 'Bullish Marubozu', ti.bullishmarubozu, 1, 'an up candle with no shadows'],
  ['bearish-marubozu', 'Bearish Marubozu', ti.bearishmarubozu, 1, 'a down candle with no shadows'],
  ['bullish-spinning-top', 'Bullish Spinning Top', ti.bullishspinningtop, 1, 'a small up body with long shadows on both sides'],
  ['bearish-spinning-top', 'Bearish Spinning Top', ti.bearishspinningtop, 1, 'a small down body with long shadows on both sides'],
  ['bullish-hammer-stick', 'Bullish Hammer Candle', ti.bullishhammerstick, 1, 'an up candle with a small body at the top and a long lower shadow'],
  ['bearish-hammer-stick', 'Bearish Hammer Candle', ti.bearishhammerstick, 1, 'a down candle with a small body at the top and a long lower shadow'],
  ['bullish-inverted-hammer-stick', 'Bullish Inverted Hammer Candle', ti.bullishinvertedhammerstick, 1, 'an up candle with a small body at the bottom and a long upper shadow'],
  ['bearish-inverted-hammer-stick', 'Bearish Inverted Hammer Candle', ti.bearishinvertedhammerstick, 1, 'a down candle with a small body at the bottom and a long upper shadow'],
  ['hammer', 'Hammer', ti.hammerpattern, 5, 'a hammer after a decline, confirmed by a higher up close on the next bar (marked on the confirming bar)'],
  ['hammer-unconfirmed', 'Hammer (unconfirmed)', ti.hammerpatternunconfirmed, 5, 'a hammer after a decline, marked on the hammer itself'],
  ['hanging-man', 'Hanging Man', ti.hangingman, 5, 'a hammer shape after a rise, confirmed by a lower down close on the next bar'],
  ['hanging-man-unconfirmed', 'Hanging Man (unconfirmed)', ti.hangingmanunconfirmed, 5, 'a hammer shape after a rise, marked on the candle itself'],
  ['shooting-star', 'Shooting Star', ti.shootingstar, 5, 'an inverted hammer after a rise, confirmed by a lower down close on the next bar'],
  ['shooting-star-unconfirmed', 'Shooting Star (unconfirmed)', ti.shootingstarunconfirmed, 5, 'an inverted hammer after a rise, marked on the candle itself'],
  ['tweezer-top', 'Tweezer Top', ti.tweezertop, 5, 'after a rise, two candles with (nearly) equal highs'],
  ['tweezer-bottom', 'Tweezer Bottom', ti.tweezerbottom, 5, 'after a decline, two candles with (nearly) equal lows'],
  ['bullish', 'Any Bullish Pattern', ti.bullish, 5, 'any of the bullish patterns of technicalindicators'],
  ['bearish', 'Any Bearish Pattern', ti.bearish, 5, 'any of the bearish patterns of technicalindicators'],
];

/**
 * A pattern looks only at its last `size` candles: the stepper keeps them, a replaced bar is
 * overwritten in place, and the pattern is evaluated afresh on every update.
 */
function patternStepper(fn: PatternFn, size: number): Stepper {
  const window: { open: number; high: number; low: number; close: number }[] = [];
  return {
    update(bar, replace, out) {
      const candle = { open: bar.open, high: bar.high, low: bar.low, close: bar.close };
      if (replace && window.length > 0) window[window.length - 1] = candle;
      else {
        window.push(candle);
        if (window.length > size) window.shift();
      }
      if (window.length < size) {
        out[0] = Number.NaN;
        return;
      }
      const data: PatternInput = {
        open: window.map((c) => c.open),
        high: window.map((c) => c.high),
        low: window.map((c) => c.low),
        close: window.map((c) => c.close),
      };
      out[0] = fn(data) ? 1 : 0;
    },
  };
}

/** Candlestick patterns of technicalindicators: 1 on the bar that completes the pattern, else 0. */
export const PATTERN_INDICATORS: readonly IndicatorDefinition[] = PATTERNS.map(([id, name, fn, size, what]) =>
  defineIndicator(
    {
      id: `cdl-${id}`,
      name,
      group: 'pattern',
      inputs: OHLC,
      outputs: [signal('value', name)],
      placement: 'pane',
      engine: 'technicalindicators',
      description: `Candlestick pattern (${size} bar${size > 1 ? 's' : ''}): ${what}. 1 on the bar that completes it, else 0.`,
    },
    { stepper: () => patternStepper(fn, size) },
  ),
);
