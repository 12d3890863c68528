import type { Instrument } from './instruments.ts';
import { IN, MIN_VER, type Field } from './protocol.ts';

/**
 * The messages TWS sends, field by field for the negotiated server version — the exact mirror of
 * what EDecoder (and `@stoqey/ib`'s decoder) reads, so that a strict client finds nothing missing and
 * nothing left over.
 */

/** An error or notice; id −1 for connection-wide ones (the client reports those as info). */
export function errorMessage(version: number, id: number, code: number, text: string): Field[] {
  const fields: Field[] = [IN.ERR_MSG, 2, id, code, text];
  if (version >= MIN_VER.ADVANCED_ORDER_REJECT) fields.push('');
  return fields;
}

export const managedAccounts = (accounts: string): Field[] => [IN.MANAGED_ACCTS, 1, accounts];
export const nextValidId = (id: number): Field[] => [IN.NEXT_VALID_ID, 1, id];
export const currentTime = (epochSeconds: number): Field[] => [IN.CURRENT_TIME, 1, epochSeconds];
export const contractDataEnd = (reqId: number): Field[] => [IN.CONTRACT_DATA_END, 1, reqId];
export const headTimestamp = (reqId: number, text: string): Field[] => [IN.HEAD_TIMESTAMP, reqId, text];

export interface ContractDataExtras {
  readonly exchange: string;
  readonly tradingHours: string;
  readonly liquidHours: string;
}

/** CONTRACT_DATA, the long layout, for one instrument as listed on `extras.exchange`. */
export function contractData(version: number, reqId: number, i: Instrument, extras: ContractDataExtras): Field[] {
  const f: Field[] = [IN.CONTRACT_DATA];
  if (version < MIN_VER.SIZE_RULES) f.push(8);
  f.push(reqId, i.symbol, i.secType, i.lastTradeDateOrContractMonth);
  if (version >= MIN_VER.LAST_TRADE_DATE) f.push(i.lastTradeDateOrContractMonth);
  f.push(i.strike, i.right, extras.exchange, i.currency, i.localSymbol, i.marketName, i.tradingClass, i.conId, i.minTick);
  if (version >= MIN_VER.MD_SIZE_MULTIPLIER && version < MIN_VER.SIZE_RULES) f.push(1);
  f.push(i.multiplier, i.orderTypes, i.validExchanges, 1, i.underConId, i.longName, i.primaryExch);
  f.push(i.lastTradeDateOrContractMonth.slice(0, 6), i.industry, i.category, i.subcategory, 'US/Eastern', extras.tradingHours, extras.liquidHours);
  f.push('', '');
  f.push(i.isin === '' ? 0 : 1);
  if (i.isin !== '') f.push('ISIN', i.isin);
  if (version >= MIN_VER.AGG_GROUP) f.push(1);
  if (version >= MIN_VER.UNDERLYING_INFO) f.push(i.underSymbol, i.underSecType);
  if (version >= MIN_VER.MARKET_RULES) f.push(i.marketRuleIds);
  if (version >= MIN_VER.REAL_EXPIRATION_DATE) f.push(i.lastTradeDateOrContractMonth);
  if (version >= MIN_VER.STOCK_TYPE) f.push(i.stockType);
  if (version >= MIN_VER.FRACTIONAL_SIZE_SUPPORT && version < MIN_VER.SIZE_RULES) f.push(i.sizeIncrement);
  if (version >= MIN_VER.SIZE_RULES) f.push(i.minSize, i.sizeIncrement, i.suggestedSizeIncrement);
  // FUND_DATA_FIELDS (179) adds fields for secType FUND only, which the fake does not list.
  if (version >= MIN_VER.INELIGIBILITY_REASONS) f.push(0);
  return f;
}

/** SYMBOL_SAMPLES: contract descriptions with the derivative types of each. */
export function symbolSamples(version: number, reqId: number, found: readonly Instrument[]): Field[] {
  const f: Field[] = [IN.SYMBOL_SAMPLES, reqId, found.length];
  for (const i of found) {
    f.push(i.conId, i.symbol, i.secType, i.primaryExch || i.exchange, i.currency, i.derivativeSecTypes.length, ...i.derivativeSecTypes);
    if (version >= MIN_VER.BOND_ISSUERID) f.push(i.longName, '');
  }
  return f;
}

/** One historical bar as strings: date, open, high, low, close, volume, WAP, bar count. */
export type BarFields = readonly [date: string, open: string, high: string, low: string, close: string, volume: string, wap: string, count: string];

/**
 * HISTORICAL_DATA: a version field and a per-bar hasGaps before SYNT_REALTIME_BARS (124), not after.
 * The bars arrive as one text already NUL-joined (`historyBarsText`): a day of minutes is thousands
 * of fields, and the frame joins fields with NUL anyway, so the bytes are the same.
 */
export function historicalData(version: number, reqId: number, start: string, end: string, count: number, barsText: string): Field[] {
  const head: Field[] = version < MIN_VER.SYNT_REALTIME_BARS ? [IN.HISTORICAL_DATA, 3, reqId, start, end, count] : [IN.HISTORICAL_DATA, reqId, start, end, count];
  if (count > 0) head.push(barsText);
  return head;
}

/** Whether bars carry the pre-124 hasGaps field (always "false"), between WAP and bar count. */
export const barsHaveGapsField = (version: number) => version < MIN_VER.SYNT_REALTIME_BARS;

/** REAL_TIME_BARS (version 3): time in epoch seconds, OHLC, volume, WAP, trade count. */
export function realtimeBar(reqId: number, bar: BarFields, epochSeconds: number): Field[] {
  return [IN.REAL_TIME_BARS, 3, reqId, epochSeconds, bar[1], bar[2], bar[3], bar[4], bar[5], bar[6], bar[7]];
}

/** TICK_BY_TICK tick types on the wire. */
export const TICK_TYPES = { Last: 1, AllLast: 2, BidAsk: 3, MidPoint: 4 } as const;
export type TickTypeName = keyof typeof TICK_TYPES;

export const tickLast = (reqId: number, type: 1 | 2, time: number, price: string, size: string, exchange: string): Field[] => [IN.TICK_BY_TICK, reqId, type, time, price, size, 0, exchange, ''];
export const tickBidAsk = (reqId: number, time: number, bid: string, ask: string, bidSize: string, askSize: string): Field[] => [IN.TICK_BY_TICK, reqId, 3, time, bid, ask, bidSize, askSize, 0];
export const tickMidPoint = (reqId: number, time: number, mid: string): Field[] => [IN.TICK_BY_TICK, reqId, 4, time, mid];
