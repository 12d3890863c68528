import { describeQuery, readContract, resolveOne } from './contract-match.ts';
import { contractLabel, expectFields, intField, record, type Caller, type TwsContext } from './context.ts';
import { seriesAvailable } from './handlers-basic.ts';
import type { TwsError } from './history-params.ts';
import { TICK_TYPES, type TickTypeName } from './messages.ts';
import { MIN_VER } from './protocol.ts';
import type { StreamKind } from './streams.ts';

const REALTIME_SERIES = ['TRADES', 'MIDPOINT', 'BID', 'ASK'] as const;
const invalid = (cause: string): TwsError => ({ code: 321, message: `Error validating request.-'bS' : cause - ${cause}` });

/** reqRealTimeBars: 5-second bars from the next slot that ends; counts against the market-data lines. */
export function reqRealTimeBars(ctx: TwsContext, caller: Caller, fields: string[]): void {
  expectFields(fields, 19, 'REQ_REAL_TIME_BARS');
  const reqId = intField(fields, 2, 'reqId');
  const q = readContract(fields, 3);
  const [barSize, what, useRth] = [fields[15], fields[16], fields[17] === '1'];
  subscribe(ctx, caller, 'REQ_REAL_TIME_BARS', 'realtimeBars', reqId, describeQuery(q), { barSize, whatToShow: what, useRTH: useRth }, () => {
    const resolved = resolveOne(ctx.instruments, q);
    if ('code' in resolved) return resolved;
    const i = resolved.instrument;
    if (!(REALTIME_SERIES as readonly string[]).includes(what)) return invalid(`Real-time bars whatToShow "${what}" is invalid; use TRADES, MIDPOINT, BID or ASK.`);
    if (!seriesAvailable(i, what as 'TRADES')) return invalid(`${i.localSymbol} has no ${what} data; use MIDPOINT, BID or ASK.`);
    return ctx.streams.subscribe(caller, reqId, 'realtimeBars', i, what as 'TRADES', 'Last') ?? i;
  });
}

/** reqTickByTickData: Last, AllLast, BidAsk or MidPoint, from now on. */
export function reqTickByTickData(ctx: TwsContext, caller: Caller, fields: string[]): void {
  expectFields(fields, caller.version >= MIN_VER.TICK_BY_TICK_IGNORE_SIZE ? 17 : 15, 'REQ_TICK_BY_TICK_DATA');
  const reqId = intField(fields, 1, 'reqId');
  const q = readContract(fields, 2);
  const tickType = fields[14];
  const params = { tickType, numberOfTicks: fields[15] ?? '', ignoreSize: fields[16] ?? '' };
  subscribe(ctx, caller, 'REQ_TICK_BY_TICK_DATA', 'tickByTick', reqId, describeQuery(q), params, () => {
    const resolved = resolveOne(ctx.instruments, q);
    if ('code' in resolved) return resolved;
    if (!(tickType in TICK_TYPES)) return invalid(`Tick-by-tick type "${tickType}" is invalid; use Last, AllLast, BidAsk or MidPoint (case sensitive).`);
    return ctx.streams.subscribe(caller, reqId, 'tickByTick', resolved.instrument, 'TRADES', tickType as TickTypeName) ?? resolved.instrument;
  });
}

function subscribe(
  ctx: TwsContext, caller: Caller, message: string, kind: StreamKind, reqId: number, asked: string,
  params: Record<string, string | boolean>, attempt: () => TwsError | { conId: number; localSymbol: string },
): void {
  const result = attempt();
  if ('code' in result) {
    caller.error(reqId, result.code, result.message);
    return record(ctx, caller, message, reqId, asked, params, `error ${result.code}`);
  }
  record(ctx, caller, message, reqId, contractLabel(result), { ...params, stream: kind }, 'ok');
}

/** Cancels of streams: TWS answers nothing, even for an id it does not know. */
export function cancelStream(kind: StreamKind, message: string, withVersion: boolean) {
  return (ctx: TwsContext, caller: Caller, fields: string[]): void => {
    expectFields(fields, withVersion ? 3 : 2, message);
    const reqId = intField(fields, withVersion ? 2 : 1, 'reqId');
    const found = ctx.streams.cancel(caller, kind, reqId);
    record(ctx, caller, message, reqId, null, {}, found ? 'ok' : 'ignored');
  };
}
