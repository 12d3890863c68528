import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { IndicatorParams } from '../../../src-shared/domain/indicator.ts';
import * as k from '../kernels/index.ts';
import { createKernelStream } from '../streams/index.ts';
import type { IndicatorColumns, IndicatorDefinition, StreamingIndicator } from '../types.ts';
import { CLOSE, defineIndicator, HL, HLC, HLCV, histogram, line, value, type EntrySpec } from './define.ts';
import { num } from './library.ts';
import { choice, float, int, lessThan, period } from './params.ts';

type KernelResult = Float64Array | Record<string, Float64Array>;

/**
 * A core entry: batch by our exact columnar kernel, stream by the kernel's incremental twin.
 * Their values are checked against each other (and against TA-Lib) bar for bar.
 */
function kernel(spec: Omit<EntrySpec, 'engine'>, batch: (b: BarColumns, p: IndicatorParams) => KernelResult): IndicatorDefinition {
  const outputs = spec.outputs.map((o) => o.id);
  return defineIndicator(
    { ...spec, engine: 'kernel' },
    {
      batch: (bars, p) => columnsOf(outputs, batch(bars, p)),
      stream: (p) => adaptStream(outputs, createKernelStream(spec.id, p) as StreamingIndicator),
    },
  );
}

function columnsOf(outputs: readonly string[], result: KernelResult): IndicatorColumns {
  if (result instanceof Float64Array) return { [outputs[0]!]: result };
  return Object.fromEntries(outputs.map((id) => [id, result[id]!]));
}

/** Presents a kernel stream with our output ids and order (a single series is `value`). */
function adaptStream(outputs: readonly string[], inner: StreamingIndicator): StreamingIndicator {
  const index = outputs.map((id, i) => {
    const at = inner.outputs.indexOf(id);
    return at >= 0 ? at : outputs.length === 1 && inner.outputs.length === 1 ? 0 : i;
  });
  const identity = index.every((at, i) => at === i) && inner.outputs.length === outputs.length;
  const values = identity ? inner.values : new Float64Array(outputs.length).fill(Number.NaN);
  const copy = (): void => {
    if (identity) return;
    for (let i = 0; i < index.length; i++) values[i] = inner.values[index[i]!] ?? Number.NaN;
  };
  return {
    outputs,
    get values() {
      return identity ? inner.values : values;
    },
    add(bar) {
      inner.add(bar);
      copy();
    },
    replace(bar) {
      inner.replace(bar);
      copy();
    },
  };
}

const P = (p: IndicatorParams, name: string) => num(p, name);

/** Which price a single-series kernel reads (its stream takes the same `source`). */
const source = choice('source', 'Source', 'close', ['close', 'open', 'high', 'low']);
const src = (b: BarColumns, p: IndicatorParams): Float64Array => b[p.source as 'close' | 'open' | 'high' | 'low'];

/** The core set: what charts, backtests and the optimizer use most, computed by our kernels. */
export const CORE: readonly IndicatorDefinition[] = [
  kernel(
    {
      id: 'sma',
      name: 'SMA',
      group: 'trend',
      inputs: CLOSE,
      params: [period(20, 1, 5000), source],
      outputs: [value('SMA')],
      placement: 'overlay',
      description: 'Simple moving average of the source price (close by default), with exact window sums.',
    },
    (b, p) => k.sma(src(b, p), P(p, 'period')),
  ),
  kernel(
    {
      id: 'ema',
      name: 'EMA',
      group: 'trend',
      inputs: CLOSE,
      params: [period(20, 1, 5000), source],
      outputs: [value('EMA')],
      placement: 'overlay',
      description: 'Exponential moving average of the source price, seeded with the SMA of the first period values (TA-Lib).',
    },
    (b, p) => k.ema(src(b, p), P(p, 'period')),
  ),
  kernel(
    {
      id: 'wma',
      name: 'WMA',
      group: 'trend',
      inputs: CLOSE,
      params: [period(20, 1, 5000), source],
      outputs: [value('WMA')],
      placement: 'overlay',
      description: 'Linearly weighted moving average of the source price.',
    },
    (b, p) => k.wma(src(b, p), P(p, 'period')),
  ),
  kernel(
    {
      id: 'rsi',
      name: 'RSI',
      group: 'momentum',
      inputs: CLOSE,
      params: [period(14, 2), source],
      outputs: [value('RSI')],
      placement: 'pane',
      levels: [30, 70],
      description: "Wilder's relative strength index (0–100).",
    },
    (b, p) => k.rsi(src(b, p), P(p, 'period')),
  ),
  kernel(
    {
      id: 'macd',
      name: 'MACD',
      group: 'momentum',
      inputs: CLOSE,
      params: [int('fast', 'Fast period', 12, 2), int('slow', 'Slow period', 26, 2), int('signal', 'Signal period', 9, 1), source],
      rules: [lessThan('fast', 'slow')],
      outputs: [line('macd', 'MACD'), line('signal', 'Signal'), histogram('histogram', 'Histogram')],
      placement: 'pane',
      levels: [0],
      description: 'Moving average convergence/divergence: fast EMA − slow EMA, its EMA signal line and their difference.',
    },
    (b, p) => k.macd(src(b, p), P(p, 'fast'), P(p, 'slow'), P(p, 'signal')),
  ),
  kernel(
    {
      id: 'bb',
      name: 'Bollinger Bands',
      group: 'bands',
      inputs: CLOSE,
      params: [period(20, 2), float('k', 'Standard deviations', 2, 0.1, 10, 0.1), source],
      outputs: [line('middle', 'Middle'), line('upper', 'Upper'), line('lower', 'Lower')],
      placement: 'overlay',
      description: 'Bollinger bands: SMA ± k population standard deviations of the source price.',
    },
    (b, p) => k.bollinger(src(b, p), P(p, 'period'), P(p, 'k')),
  ),
  kernel(
    {
      id: 'atr',
      name: 'ATR',
      group: 'volatility',
      inputs: HLC,
      params: [period(14)],
      outputs: [value('ATR')],
      placement: 'pane',
      description: "Wilder's average true range.",
    },
    (b, p) => k.atr(b.high, b.low, b.close, P(p, 'period')),
  ),
  kernel(
    {
      id: 'adx',
      name: 'ADX / DMI',
      group: 'trend',
      inputs: HLC,
      params: [period(14, 2)],
      outputs: [line('adx', 'ADX'), line('plusDI', '+DI'), line('minusDI', '−DI')],
      placement: 'pane',
      levels: [20, 25],
      description: "Wilder's average directional index with the directional indicators +DI and −DI (DMI).",
    },
    (b, p) => k.adx(b.high, b.low, b.close, P(p, 'period')),
  ),
  kernel(
    {
      id: 'stoch',
      name: 'Stochastic',
      group: 'momentum',
      inputs: HLC,
      params: [int('kPeriod', '%K period', 14), int('kSmooth', '%K smoothing', 3), int('dPeriod', '%D period', 3)],
      outputs: [line('k', '%K'), line('d', '%D')],
      placement: 'pane',
      levels: [20, 80],
      description: 'Stochastic oscillator (slow): %K smoothed by an SMA, %D the SMA of %K (0–100).',
    },
    (b, p) => k.stochastic(b.high, b.low, b.close, P(p, 'kPeriod'), P(p, 'kSmooth'), P(p, 'dPeriod')),
  ),
  kernel(
    {
      id: 'cci',
      name: 'CCI',
      group: 'momentum',
      inputs: HLC,
      params: [period(20, 2)],
      outputs: [value('CCI')],
      placement: 'pane',
      levels: [-100, 100],
      description: "Lambert's commodity channel index of the typical price.",
    },
    (b, p) => k.cci(b.high, b.low, b.close, P(p, 'period')),
  ),
  kernel(
    {
      id: 'roc',
      name: 'Rate of Change',
      group: 'momentum',
      inputs: CLOSE,
      params: [period(10), source],
      outputs: [value('ROC')],
      placement: 'pane',
      levels: [0],
      description: 'Rate of change: percent change of the source price over period bars.',
    },
    (b, p) => k.roc(src(b, p), P(p, 'period')),
  ),
  kernel(
    {
      id: 'stddev',
      name: 'Standard Deviation',
      group: 'volatility',
      inputs: CLOSE,
      params: [period(20, 2), source],
      outputs: [value('StdDev')],
      placement: 'pane',
      description: 'Population standard deviation of the source price over the period.',
    },
    (b, p) => k.stddev(src(b, p), P(p, 'period')),
  ),
  kernel(
    {
      id: 'obv',
      name: 'On-Balance Volume',
      group: 'volume',
      inputs: ['close', 'volume'],
      outputs: [value('OBV')],
      placement: 'pane',
      description: "Granville's on-balance volume: running total of volume signed by the close's direction.",
    },
    (b) => k.obv(b.close, b.volume),
  ),
  kernel(
    {
      id: 'vwap',
      name: 'VWAP',
      group: 'volume',
      inputs: HLCV,
      params: [choice('anchor', 'Anchor', 'day', ['day', 'none'])],
      outputs: [value('VWAP')],
      placement: 'overlay',
      description: 'Volume-weighted average of the typical price, restarting each UTC day (anchor day) or over the whole history (none).',
    },
    (b, p) => k.vwap(b.time, b.high, b.low, b.close, b.volume, p.anchor as 'day' | 'none'),
  ),
  kernel(
    {
      id: 'donchian',
      name: 'Donchian Channels',
      group: 'bands',
      inputs: HL,
      params: [period(20)],
      outputs: [line('upper', 'Upper'), line('middle', 'Middle'), line('lower', 'Lower')],
      placement: 'overlay',
      description: 'Donchian channels: highest high and lowest low of the period, and their midpoint.',
    },
    (b, p) => k.donchian(b.high, b.low, P(p, 'period')),
  ),
  kernel(
    {
      id: 'keltner',
      name: 'Keltner Channels',
      group: 'bands',
      inputs: HLC,
      params: [period(20), float('multiplier', 'ATR multiplier', 2, 0.1, 10, 0.1), int('atrPeriod', 'ATR period', 10)],
      outputs: [line('middle', 'Middle'), line('upper', 'Upper'), line('lower', 'Lower')],
      placement: 'overlay',
      description: 'Keltner channels: EMA of the close ± multiplier × ATR.',
    },
    (b, p) => k.keltner(b.high, b.low, b.close, P(p, 'period'), P(p, 'multiplier'), P(p, 'atrPeriod')),
  ),
];
