// Exact, fast batch kernels of the core indicators: Float64Array in, Float64Array(s) out, NaN where
// there is no value. See docs/indicators.md for each definition and how it relates to TA-Lib.
export { sma } from './sma.ts';
export { ema } from './ema.ts';
export { wma } from './wma.ts';
export { rsi } from './rsi.ts';
export { macd, type MacdOutput } from './macd.ts';
export { bollinger, type BollingerOutput } from './bollinger.ts';
export { atr, trueRange } from './atr.ts';
export { adx, type AdxOutput } from './adx.ts';
export { stochastic, type StochasticOutput } from './stochastic.ts';
export { cci, typicalPrice } from './cci.ts';
export { roc } from './roc.ts';
export { stddev } from './stddev.ts';
export { obv } from './obv.ts';
export { vwap, type VwapAnchor } from './vwap.ts';
export { donchian, type DonchianOutput } from './donchian.ts';
export { keltner, type KeltnerOutput } from './keltner.ts';
export { MAX_INPUT, MAX_PERIOD } from './common.ts';
