// The sixteen core kernels as (stream id, params, batch over bars) — shared by the batch/stream tests.
import * as K from '../../../../src-workers/indicators/kernels/index.ts';
import type { DailyBars } from './fixtures.ts';

type Params = Record<string, number | string>;
export interface KernelCase {
  id: string;
  params: Params;
  /** Outputs by stream output name. */
  batch(b: DailyBars): Record<string, Float64Array>;
}

const num = (p: Params, name: string) => p[name] as number;

export function kernelCases(): KernelCase[] {
  const c = (id: string, params: Params, batch: (b: DailyBars, p: Params) => Record<string, Float64Array>): KernelCase => ({
    id,
    params,
    batch: (b) => batch(b, params),
  });
  return [
    c('sma', { period: 20 }, (b, p) => ({ value: K.sma(b.close, num(p, 'period')) })),
    c('sma', { period: 1 }, (b, p) => ({ value: K.sma(b.close, num(p, 'period')) })),
    c('ema', { period: 12 }, (b, p) => ({ value: K.ema(b.close, num(p, 'period')) })),
    c('wma', { period: 10 }, (b, p) => ({ value: K.wma(b.close, num(p, 'period')) })),
    c('rsi', { period: 14 }, (b, p) => ({ value: K.rsi(b.close, num(p, 'period')) })),
    c('macd', { fast: 12, slow: 26, signal: 9 }, (b) => K.macd(b.close, 12, 26, 9)),
    c('macd', { fast: 3, slow: 5, signal: 1 }, (b) => K.macd(b.close, 3, 5, 1)),
    c('bb', { period: 20, k: 2 }, (b) => K.bollinger(b.close, 20, 2)),
    c('atr', { period: 14 }, (b) => ({ value: K.atr(b.high, b.low, b.close, 14) })),
    c('adx', { period: 14 }, (b) => K.adx(b.high, b.low, b.close, 14)),
    c('stoch', { kPeriod: 14, kSmooth: 3, dPeriod: 3 }, (b) => K.stochastic(b.high, b.low, b.close, 14, 3, 3)),
    c('stoch', { kPeriod: 5, kSmooth: 1, dPeriod: 4 }, (b) => K.stochastic(b.high, b.low, b.close, 5, 1, 4)),
    c('cci', { period: 20 }, (b) => ({ value: K.cci(b.high, b.low, b.close, 20) })),
    c('roc', { period: 10 }, (b) => ({ value: K.roc(b.close, 10) })),
    c('stddev', { period: 20 }, (b) => ({ value: K.stddev(b.close, 20) })),
    c('obv', {}, (b) => ({ value: K.obv(b.close, b.volume) })),
    c('vwap', { anchor: 'none' }, (b) => ({ value: K.vwap(b.time, b.high, b.low, b.close, b.volume, 'none') })),
    c('vwap', { anchor: 'day' }, (b) => ({ value: K.vwap(b.time, b.high, b.low, b.close, b.volume, 'day') })),
    c('donchian', { period: 20 }, (b) => K.donchian(b.high, b.low, 20)),
    c('keltner', { period: 20, multiplier: 2, atrPeriod: 10 }, (b) => K.keltner(b.high, b.low, b.close, 20, 2, 10)),
  ];
}

export function barAt(b: DailyBars, i: number) {
  return { time: b.time[i]!, open: b.open[i]!, high: b.high[i]!, low: b.low[i]!, close: b.close[i]!, volume: b.volume[i]! };
}
