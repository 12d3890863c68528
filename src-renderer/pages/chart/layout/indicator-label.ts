import type { ChartIndicator } from '../../../../src-shared/domain/chart.ts';
import type { IndicatorDescriptor } from '../../../../src-shared/domain/indicator.ts';

/** The short name traders use: `sma` → SMA, "Bollinger Bands" → BB. */
export function shortName(descriptor: IndicatorDescriptor | undefined, id: string): string {
  if (!descriptor) return id.toUpperCase();
  if (!id.includes('-') && id.length <= 8) return id.toUpperCase();
  const words = descriptor.name.split(/[\s\-/]+/).filter((w) => /^[A-Za-z%]/.test(w));
  return words.length > 1 ? words.map((w) => (/^[A-Z0-9%]+$/.test(w) ? w : w[0]!.toUpperCase())).join('') : descriptor.name;
}

/** `SMA(20)`, `BB(20, 2)`, `MACD(12, 26, 9)`: numeric parameters in the catalogue's order. */
export function indicatorLabel(descriptor: IndicatorDescriptor | undefined, indicator: Pick<ChartIndicator, 'config'>): string {
  const { id, params, timeframe } = indicator.config;
  const order = descriptor ? descriptor.params.map((p) => p.name) : Object.keys(params);
  const values = order.map((name) => params[name] ?? descriptor?.params.find((p) => p.name === name)?.default).filter((v) => typeof v === 'number');
  const suffix = timeframe ? ` ${timeframe}` : '';
  return values.length ? `${shortName(descriptor, id)}(${values.join(', ')})${suffix}` : `${shortName(descriptor, id)}${suffix}`;
}
