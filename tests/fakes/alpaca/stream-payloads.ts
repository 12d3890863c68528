import { barValues, tradePrice, tradeSize, type Aggregate } from './aggregate.ts';
import { WireTime } from './stream-codec.ts';
import type { AlpacaSymbolSpec } from './symbols.ts';
import type { AlpacaTrade } from './trade-generator.ts';

/** `{"T":"t",…}`: a trade as the stream sends it (stocks: venue, conditions, tape; crypto: taker side). */
export function tradeMessage(spec: AlpacaSymbolSpec, t: AlpacaTrade): Record<string, unknown> {
  const time = new WireTime(t.epochSecond, t.nanos);
  if (spec.assetClass === 'crypto') {
    return { T: 't', S: spec.symbol, p: tradePrice(spec, t), s: tradeSize(spec, t), t: time, i: t.id, tks: t.takerSide };
  }
  return { T: 't', S: spec.symbol, i: t.id, x: t.exchange, p: tradePrice(spec, t), s: tradeSize(spec, t), c: t.conditions, t: time, z: t.tape };
}

/**
 * `{"T":"q",…}`: the quote standing when trade `t` printed — one tick either side of it, with sizes
 * hashed from the trade id. The fake derives quotes from trades rather than modelling a book.
 */
export function quoteMessage(spec: AlpacaSymbolSpec, t: AlpacaTrade): Record<string, unknown> {
  const tick = 10 ** spec.priceDecimals;
  const bp = Math.max(1, t.priceTicks - 1) / tick;
  const ap = (t.priceTicks + 1) / tick;
  const time = new WireTime(t.epochSecond, t.nanos);
  if (spec.assetClass === 'crypto') {
    const size = 10 ** spec.sizeDecimals;
    return { T: 'q', S: spec.symbol, bp, bs: (spec.typicalSteps * (1 + (t.id % 3))) / size, ap, as: (spec.typicalSteps * (1 + ((t.id >> 2) % 3))) / size, t: time };
  }
  return {
    T: 'q', S: spec.symbol, bx: 'V', bp, bs: 100 * (1 + (t.id % 4)), ax: t.exchange, ap, as: 100 * (1 + ((t.id >> 2) % 4)), c: ['R'], z: t.tape, t: time,
  };
}

/** `{"T":"b",…}`: a minute bar, sent right after its minute ends. */
export function barMessage(spec: AlpacaSymbolSpec, open: number, agg: Aggregate): Record<string, unknown> {
  const v = barValues(spec, agg);
  return { T: 'b', S: spec.symbol, o: v.o, h: v.h, l: v.l, c: v.c, v: v.v, t: new WireTime(open / 1000, 0), n: v.n, vw: v.vw };
}
