import { isInterval } from './intervals.ts';
import type { Aggregate } from './klines.ts';
import type { FakeMarket, FakeTrade } from './market-data.ts';
import { formatScaled, type SymbolSpec } from './symbols.ts';

/** A parsed stream name: `btcusdt@trade`, `btcusdt@aggTrade`, `btcusdt@kline_1m`. */
export type StreamName =
  | { readonly name: string; readonly kind: 'trade' | 'aggTrade'; readonly spec: SymbolSpec }
  | { readonly name: string; readonly kind: 'kline'; readonly spec: SymbolSpec; readonly interval: string };

/** The stream `name` refers to, or why it is not one the fake serves. */
export function parseStreamName(market: FakeMarket, name: string): StreamName | string {
  const match = /^([a-z0-9]+)@(trade|aggTrade|kline_([0-9]+[mhdwM]))$/.exec(name);
  if (!match) return `invalid stream name '${name}'`;
  const spec = market.spec(match[1].toUpperCase());
  if (!spec) return `unknown symbol in stream '${name}'`;
  if (match[3] !== undefined) {
    if (!isInterval(match[3])) return `unknown kline interval in stream '${name}'`;
    return { name, kind: 'kline', spec, interval: match[3] };
  }
  return { name, kind: match[2] as 'trade' | 'aggTrade', spec };
}

const price = (spec: SymbolSpec, ticks: number) => formatScaled(ticks, spec.tickDecimals);
const qty = (spec: SymbolSpec, steps: number) => formatScaled(steps, spec.stepDecimals);

/** Binance's `<symbol>@trade` event. */
export function tradeEvent(spec: SymbolSpec, t: FakeTrade, eventTime: number): Record<string, unknown> {
  return { e: 'trade', E: eventTime, s: spec.symbol, t: t.id, p: price(spec, t.priceTicks), q: qty(spec, t.qtySteps), T: t.time, m: t.buyerIsMaker, M: true };
}

/** Binance's `<symbol>@aggTrade` event (each fake trade is its own aggregate). */
export function aggTradeEvent(spec: SymbolSpec, t: FakeTrade, eventTime: number): Record<string, unknown> {
  return { e: 'aggTrade', E: eventTime, s: spec.symbol, a: t.id, p: price(spec, t.priceTicks), q: qty(spec, t.qtySteps), f: t.id, l: t.id, T: t.time, m: t.buyerIsMaker, M: true };
}

/** Binance's `<symbol>@kline_<interval>` event; `final` is the `x` flag (the bucket has closed). */
export function klineEvent(
  spec: SymbolSpec, interval: string, open: number, closeTime: number, agg: Aggregate, final: boolean, eventTime: number,
): Record<string, unknown> {
  return {
    e: 'kline',
    E: eventTime,
    s: spec.symbol,
    k: {
      t: open, T: closeTime, s: spec.symbol, i: interval, f: agg.firstId, L: agg.lastId,
      o: price(spec, agg.openTicks), c: price(spec, agg.closeTicks), h: price(spec, agg.highTicks), l: price(spec, agg.lowTicks),
      v: qty(spec, agg.volumeSteps), n: agg.count, x: final, q: agg.quoteVolume.toFixed(8),
      V: qty(spec, agg.takerBuySteps), Q: agg.takerBuyQuote.toFixed(8), B: '0',
    },
  };
}
