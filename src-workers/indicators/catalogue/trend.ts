import {
  ADXR,
  Alligator,
  Aroon,
  BreakoutBarLow,
  ChandeKrollStop,
  ChandelierExit,
  DX,
  GannHiLo,
  GatorOscillator,
  HigherLowTrail,
  IchimokuCloud,
  LinearRegression,
  Period,
  RandomWalkIndex,
  SuperTrend,
  SwingHigh,
  SwingLow,
  VHF,
  VolatilityStop,
  VortexIndicator,
  ZigZag,
} from 'trading-signals';
import type { IndicatorDefinition } from '../types.ts';
import { CLOSE, defineIndicator, HL, HLC, histogram, line, signal, value, type Stepper } from './define.ts';
import { candle, close, fields, lib, num, one, tradingSignals } from './library.ts';
import { atMost, float, int, period } from './params.ts';
import { parabolicSar } from './psar.ts';

/** Trend indicators, stops and swing levels of trading-signals (the core ADX is a kernel). */
export const TREND: readonly IndicatorDefinition[] = [
  tradingSignals(
    {
      id: 'linreg',
      name: 'Linear Regression',
      group: 'trend',
      inputs: CLOSE,
      params: [period(14, 2, 1000)],
      outputs: [value('Linear regression')],
      placement: 'overlay',
      description: 'End point of the least-squares line through the last period closes (TA-Lib LINEARREG).',
    },
    // The library's prediction is the line one bar ahead (TA-Lib TSF); the end point is one slope back.
    (p) => lib(new LinearRegression(num(p, 'period')), close, (r, out) => void (out[0] = r.prediction - r.slope)),
  ),
  tradingSignals(
    {
      id: 'tsf',
      name: 'Time Series Forecast',
      group: 'trend',
      inputs: CLOSE,
      params: [period(14, 2, 1000)],
      outputs: [value('Forecast')],
      placement: 'overlay',
      description: 'The least-squares line through the last period closes, extended one bar ahead (TA-Lib TSF).',
    },
    (p) => lib(new LinearRegression(num(p, 'period')), close, fields('prediction')),
  ),
  tradingSignals(
    {
      id: 'linreg-slope',
      name: 'Linear Regression Slope',
      group: 'trend',
      inputs: CLOSE,
      params: [period(14, 2, 1000)],
      outputs: [histogram('value', 'Slope')],
      placement: 'pane',
      description: 'Slope per bar of the least-squares line through the last period closes (TA-Lib LINEARREG_SLOPE).',
    },
    (p) => lib(new LinearRegression(num(p, 'period')), close, fields('slope')),
  ),
  tradingSignals(
    {
      id: 'ichimoku',
      name: 'Ichimoku Cloud',
      group: 'trend',
      inputs: HL,
      params: [
        int('conversionPeriod', 'Conversion (Tenkan) period', 9),
        int('basePeriod', 'Base (Kijun) period', 26),
        int('spanBPeriod', 'Span B period', 52),
        int('displacement', 'Cloud displacement', 26, 0, 500),
      ],
      outputs: [line('conversion', 'Conversion (Tenkan)'), line('base', 'Base (Kijun)'), line('spanA', 'Span A'), line('spanB', 'Span B')],
      placement: 'overlay',
      description:
        'Ichimoku Kinko Hyo: conversion and base lines, and the cloud (spans A and B) as it stands at each bar, i.e. computed displacement bars earlier. The lagging span is left out: drawn on past bars it would use later closes.',
    },
    (p) => ichimoku(num(p, 'conversionPeriod'), num(p, 'basePeriod'), num(p, 'spanBPeriod'), num(p, 'displacement')),
  ),
  defineIndicator(
    {
      id: 'psar',
      name: 'Parabolic SAR',
      group: 'trend',
      inputs: HL,
      params: [float('step', 'Acceleration step', 0.02, 0.001, 1, 0.001), float('max', 'Acceleration max', 0.2, 0.001, 1, 0.01)],
      rules: [atMost('step', 'max')],
      outputs: [value('SAR')],
      placement: 'overlay',
      engine: 'candlewick',
      description: "Wilder's parabolic stop and reverse, as TA-Lib SAR: a trailing stop that accelerates with the trend and flips on a cross.",
    },
    { stepper: (p) => parabolicSar(num(p, 'step'), num(p, 'max')) },
  ),
  tradingSignals(
    {
      id: 'supertrend',
      name: 'SuperTrend',
      group: 'trend',
      inputs: HLC,
      params: [period(10), float('multiplier', 'ATR multiplier', 3, 0.1, 20, 0.1)],
      outputs: [line('supertrend', 'SuperTrend'), signal('trend', 'Trend (+1 up, −1 down)')],
      placement: 'overlay',
      description: 'SuperTrend: an ATR band that flips sides when the close crosses it; trend is +1 up, −1 down.',
    },
    (p) => lib(new SuperTrend({ interval: num(p, 'period'), multiplier: num(p, 'multiplier') }), candle, fields('supertrend', 'trend')),
  ),
  tradingSignals(
    {
      id: 'volatility-stop',
      name: 'Volatility Stop',
      group: 'trend',
      inputs: HLC,
      params: [period(5), float('multiplier', 'ATR multiplier', 3.5, 0.1, 20, 0.1)],
      outputs: [line('stop', 'Stop'), signal('trend', 'Trend (+1 up, −1 down)')],
      placement: 'overlay',
      description: 'Volatility stop: a trailing stop an ATR multiple from the extreme close; trend is +1 up, −1 down.',
    },
    (p) => lib(new VolatilityStop({ interval: num(p, 'period'), multiplier: num(p, 'multiplier') }), candle, fields('stop', 'signal')),
  ),
  tradingSignals(
    {
      id: 'chandelier-exit',
      name: 'Chandelier Exit',
      group: 'trend',
      inputs: HLC,
      params: [period(22), float('multiplier', 'ATR multiplier', 3, 0.1, 20, 0.1)],
      outputs: [line('long', 'Long exit'), line('short', 'Short exit')],
      placement: 'overlay',
      description: 'Chandelier exit: highest high minus, and lowest low plus, an ATR multiple.',
    },
    (p) => lib(new ChandelierExit({ interval: num(p, 'period'), multiplier: num(p, 'multiplier') }), candle, fields('long', 'short')),
  ),
  tradingSignals(
    {
      id: 'chande-kroll-stop',
      name: 'Chande Kroll Stop',
      group: 'trend',
      inputs: HLC,
      params: [period(10, 1, 1000, 'ATR period'), float('multiplier', 'ATR multiplier', 1, 0.1, 20, 0.1), int('stopPeriod', 'Stop period', 9)],
      outputs: [line('longStop', 'Long stop'), line('shortStop', 'Short stop')],
      placement: 'overlay',
      description: 'Chande Kroll stop: volatility stops for long and short positions.',
    },
    (p) =>
      lib(
        new ChandeKrollStop({ interval: num(p, 'period'), multiplier: num(p, 'multiplier'), stopInterval: num(p, 'stopPeriod') }),
        candle,
        fields('longStop', 'shortStop'),
      ),
  ),
  tradingSignals(
    {
      id: 'gann-hilo',
      name: 'Gann HiLo Activator',
      group: 'trend',
      inputs: HLC,
      params: [int('highPeriod', 'High period', 13), int('lowPeriod', 'Low period', 21)],
      outputs: [line('line', 'HiLo'), signal('trend', 'Trend (+1 up, −1 down)')],
      placement: 'overlay',
      description: 'Gann HiLo activator: the SMA of lows in an uptrend, of highs in a downtrend.',
    },
    (p) => lib(new GannHiLo({ highInterval: num(p, 'highPeriod'), lowInterval: num(p, 'lowPeriod') }), candle, fields('line', 'trend')),
  ),
  tradingSignals(
    {
      id: 'alligator',
      name: 'Williams Alligator',
      group: 'trend',
      inputs: HL,
      params: alligatorParams(),
      outputs: [line('jaw', 'Jaw'), line('teeth', 'Teeth'), line('lips', 'Lips')],
      placement: 'overlay',
      description: "Bill Williams' alligator: three smoothed moving averages of the median price, each shifted forward.",
    },
    (p) => lib(new Alligator(alligatorConfig(p)), candle, fields('jaw', 'teeth', 'lips')),
  ),
  tradingSignals(
    {
      id: 'gator',
      name: 'Gator Oscillator',
      group: 'trend',
      inputs: HL,
      params: alligatorParams(),
      outputs: [histogram('upper', 'Upper (|jaw − teeth|)'), histogram('lower', 'Lower (−|teeth − lips|)')],
      placement: 'pane',
      description: 'Gator oscillator: the distances between the alligator lines as two histograms.',
    },
    (p) => lib(new GatorOscillator(alligatorConfig(p)), candle, fields('upper', 'lower')),
  ),
  tradingSignals(
    {
      id: 'aroon',
      name: 'Aroon',
      group: 'trend',
      inputs: HL,
      params: [period(25)],
      outputs: [line('up', 'Aroon up'), line('down', 'Aroon down')],
      placement: 'pane',
      levels: [30, 70],
      description: 'Aroon: how recently (0–100) the highest high and the lowest low of the period occurred.',
    },
    (p) => lib(new Aroon(num(p, 'period')), candle, fields('aroonUp', 'aroonDown')),
  ),
  tradingSignals(
    {
      id: 'adxr',
      name: 'ADXR',
      group: 'trend',
      inputs: HLC,
      params: [period(14)],
      outputs: [value('ADXR')],
      placement: 'pane',
      levels: [20, 25],
      description: 'Average directional movement rating: the mean of today\'s ADX and the ADX period bars ago.',
    },
    (p) => lib(new ADXR(num(p, 'period')), candle, one),
  ),
  tradingSignals(
    {
      id: 'dx',
      name: 'Directional Movement Index (DX)',
      group: 'trend',
      inputs: HLC,
      params: [period(14)],
      outputs: [line('dx', 'DX'), line('plusDI', '+DI'), line('minusDI', '−DI')],
      placement: 'pane',
      description: "Wilder's directional movement index DX with +DI and −DI (the ADX is its smoothed form).",
    },
    (p) => dx(num(p, 'period')),
  ),
  tradingSignals(
    {
      id: 'vortex',
      name: 'Vortex Indicator',
      group: 'trend',
      inputs: HLC,
      params: [period(14, 2)],
      outputs: [line('plus', 'VI+'), line('minus', 'VI−')],
      placement: 'pane',
      levels: [1],
      description: 'Vortex indicator: positive and negative trend movement relative to the true range.',
    },
    (p) => lib(new VortexIndicator(num(p, 'period')), candle, fields('plus', 'minus')),
  ),
  tradingSignals(
    {
      id: 'rwi',
      name: 'Random Walk Index',
      group: 'trend',
      inputs: HLC,
      params: [period(14, 2)],
      outputs: [line('high', 'RWI high'), line('low', 'RWI low')],
      placement: 'pane',
      levels: [1],
      description: 'Random walk index: how far price moved compared with a random walk, for highs and lows.',
    },
    (p) => lib(new RandomWalkIndex(num(p, 'period')), candle, fields('high', 'low')),
  ),
  tradingSignals(
    {
      id: 'vhf',
      name: 'Vertical Horizontal Filter',
      group: 'trend',
      inputs: CLOSE,
      params: [period(28)],
      outputs: [value('VHF')],
      placement: 'pane',
      description: 'Vertical horizontal filter: trending (high) or ranging (low) market.',
    },
    (p) => lib(new VHF(num(p, 'period')), close, one),
  ),
  tradingSignals(
    {
      id: 'swing-high',
      name: 'Swing High',
      group: 'trend',
      inputs: HL,
      params: [int('lookback', 'Bars each side', 5, 1, 200)],
      outputs: [value('Last swing high')],
      placement: 'overlay',
      description: 'The last confirmed swing high: a high above the lookback bars on each side, known lookback bars later.',
    },
    (p) => lib(new SwingHigh({ lookback: num(p, 'lookback') }), candle, one),
  ),
  tradingSignals(
    {
      id: 'swing-low',
      name: 'Swing Low',
      group: 'trend',
      inputs: HL,
      params: [int('lookback', 'Bars each side', 5, 1, 200)],
      outputs: [value('Last swing low')],
      placement: 'overlay',
      description: 'The last confirmed swing low: a low below the lookback bars on each side, known lookback bars later.',
    },
    (p) => lib(new SwingLow({ lookback: num(p, 'lookback') }), candle, one),
  ),
  tradingSignals(
    {
      id: 'higher-low-trail',
      name: 'Higher Low Trail',
      group: 'trend',
      inputs: HL,
      params: [int('lookback', 'Confirming bars', 3, 1, 200)],
      outputs: [value('Trail')],
      placement: 'overlay',
      description: 'A trailing stop at the last higher low confirmed by the following lookback bars; it only rises.',
    },
    (p) => lib(new HigherLowTrail({ lookback: num(p, 'lookback') }), candle, one),
  ),
  tradingSignals(
    {
      id: 'breakout-bar-low',
      name: 'Breakout Bar Low',
      group: 'trend',
      inputs: HL,
      params: [int('lookback', 'Lookback', 20, 1, 1000)],
      outputs: [value('Breakout bar low')],
      placement: 'overlay',
      description: 'The low of the last bar whose high broke above the highs of the lookback bars before it.',
    },
    (p) => lib(new BreakoutBarLow({ lookback: num(p, 'lookback') }), candle, one),
  ),
  tradingSignals(
    {
      id: 'zigzag',
      name: 'ZigZag',
      group: 'trend',
      inputs: HL,
      params: [float('deviation', 'Reversal (%)', 5, 0.1, 100, 0.1)],
      outputs: [value('Last pivot')],
      placement: 'overlay',
      description: 'ZigZag: the price of the last confirmed pivot, once price has reversed by deviation percent.',
    },
    (p) => lib(new ZigZag({ deviation: num(p, 'deviation') }), candle, one),
  ),
  tradingSignals(
    {
      id: 'highest-lowest',
      name: 'Highest / Lowest Close',
      group: 'bands',
      inputs: CLOSE,
      params: [period(20)],
      outputs: [line('highest', 'Highest'), line('lowest', 'Lowest')],
      placement: 'overlay',
      description: 'The highest and the lowest close of the last period bars.',
    },
    (p) => lib(new Period(num(p, 'period')), close, fields('highest', 'lowest')),
  ),
];

function alligatorParams() {
  return [
    int('jawPeriod', 'Jaw period', 13),
    int('jawShift', 'Jaw shift', 8, 0, 100),
    int('teethPeriod', 'Teeth period', 8),
    int('teethShift', 'Teeth shift', 5, 0, 100),
    int('lipsPeriod', 'Lips period', 5),
    int('lipsShift', 'Lips shift', 3, 0, 100),
  ];
}

function alligatorConfig(p: Record<string, number | string>) {
  return {
    jawInterval: num(p, 'jawPeriod'),
    jawShift: num(p, 'jawShift'),
    teethInterval: num(p, 'teethPeriod'),
    teethShift: num(p, 'teethShift'),
    lipsInterval: num(p, 'lipsPeriod'),
    lipsShift: num(p, 'lipsShift'),
  };
}

/** DX with its +DI/−DI, which the library exposes as properties after each update. */
function dx(interval: number): Stepper {
  const ind = new DX(interval);
  return {
    update(bar, replace, out) {
      ind.update(candle(bar), replace);
      const r = ind.isStable ? ind.getResult() : null;
      // The library keeps the DIs as fractions; TA-Lib and every chart show them as 0–100 like DX.
      out[0] = r ?? Number.NaN;
      out[1] = r === null ? Number.NaN : 100 * (ind.pdi ?? Number.NaN);
      out[2] = r === null ? Number.NaN : 100 * (ind.mdi ?? Number.NaN);
    },
  };
}

/**
 * Ichimoku with the cloud displaced: at bar t the spans are those computed at t − displacement,
 * which is what a chart shows under bar t. Raw spans are kept in a window so a replaced bar
 * replaces its own.
 */
function ichimoku(conversionInterval: number, baseInterval: number, spanBInterval: number, displacement: number): Stepper {
  const ind = new IchimokuCloud({ conversionInterval, baseInterval, spanBInterval });
  const spanA: number[] = [];
  const spanB: number[] = [];
  return {
    update(bar, replace, out) {
      ind.update(candle(bar), replace);
      const r = ind.isStable ? ind.getResult() : null;
      if (replace && spanA.length > 0) {
        spanA.pop();
        spanB.pop();
      }
      spanA.push(r?.spanA ?? Number.NaN);
      spanB.push(r?.spanB ?? Number.NaN);
      if (spanA.length > displacement + 1) {
        spanA.shift();
        spanB.shift();
      }
      out[0] = r?.conversion ?? Number.NaN;
      out[1] = r?.base ?? Number.NaN;
      out[2] = spanA.length === displacement + 1 ? spanA[0]! : Number.NaN;
      out[3] = spanB.length === displacement + 1 ? spanB[0]! : Number.NaN;
    },
  };
}
