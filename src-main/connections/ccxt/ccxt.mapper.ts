import { z } from 'zod';
import { barsFromRecords, type BarColumns } from '../../../src-shared/domain/bars.ts';
import { SourceError, type BarValues, type MarketInfo, type TradeTick } from '../market-data-source.ts';
import { CcxtMarketSchema, CcxtOhlcvSchema, CcxtTradeSchema, firstIssue } from './ccxt.schema.ts';

function parse<T>(schema: z.ZodType<T>, value: unknown, venue: string, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new SourceError('bad-data', `${venue}: ${what}: the venue sent bad data at ${firstIssue(result.error)}`);
  return result.data;
}

export function toMarkets(venue: string, markets: unknown): MarketInfo[] {
  const list = parse(z.array(CcxtMarketSchema), markets, venue, 'markets');
  return list.map((m) => ({ symbol: m.symbol, base: m.base, quote: m.quote, active: m.active ?? true, type: m.type }));
}

/** ccxt candles as neutral bar values, checked and ascending by time. */
export function toBarValues(venue: string, what: string, rows: unknown): BarValues[] {
  const parsed = parse(z.array(CcxtOhlcvSchema), rows, venue, what);
  const bars = parsed.map(([time, open, high, low, close, volume]) => ({ time, open, high, low, close, volume }));
  for (let i = 1; i < bars.length; i++) {
    if (bars[i].time <= bars[i - 1].time) {
      throw new SourceError('bad-data', `${venue}: ${what}: candles out of order at [${i}] (${bars[i - 1].time} then ${bars[i].time})`);
    }
  }
  return bars;
}

/** A history page as columns, keeping only from ≤ time < to (a venue may answer a little wide). */
export function toBarColumns(venue: string, what: string, rows: unknown, from: number, to: number): BarColumns {
  return barsFromRecords(toBarValues(venue, what, rows).filter((b) => b.time >= from && b.time < to));
}

export function toTradeTicks(venue: string, what: string, trades: unknown): TradeTick[] {
  return parse(z.array(CcxtTradeSchema), trades, venue, what).map((t) => ({ time: t.timestamp, price: t.price, size: t.amount }));
}
