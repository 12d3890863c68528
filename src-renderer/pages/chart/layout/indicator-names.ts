import type { IndicatorDescriptor } from '../../../../src-shared/domain/indicator.ts';

/** Full names for catalogue entries named by their abbreviation, so they can be found by either. */
const FULL_NAMES: Record<string, string> = {
  sma: 'Simple Moving Average',
  ema: 'Exponential Moving Average',
  wma: 'Weighted Moving Average',
  wema: "Wilder's Moving Average",
  dema: 'Double Exponential Moving Average',
  tema: 'Triple Exponential Moving Average',
  rsi: 'Relative Strength Index',
  atr: 'Average True Range',
  adx: 'Average Directional Index',
  adxr: 'Average Directional Index Rating',
  cci: 'Commodity Channel Index',
  mfi: 'Money Flow Index',
  vwap: 'Volume Weighted Average Price',
  obv: 'On-Balance Volume',
  roc: 'Rate of Change',
  trix: 'TRIX (Triple Smoothed EMA Rate of Change)',
  kst: 'Know Sure Thing',
  psar: 'Parabolic SAR',
  stochrsi: 'Stochastic RSI',
};

/** The name shown and searched: the catalogue's own, or the full name when it is an abbreviation. */
export function displayName(descriptor: IndicatorDescriptor): string {
  const abbreviated = /^[A-Z0-9%/ ]+$/.test(descriptor.name) && descriptor.name.length <= 8;
  return abbreviated && descriptor.id !== 'macd' ? (FULL_NAMES[descriptor.id] ?? descriptor.name) : descriptor.name;
}
