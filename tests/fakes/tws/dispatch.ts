import { record, UnreadableRequest, type Caller, type TwsContext } from './context.ts';
import { acceptSetting, reqContractDetails, reqCurrentTime, reqHeadTimestamp, reqIds, reqManagedAccounts, reqMatchingSymbols } from './handlers-basic.ts';
import { cancelHistoricalData, reqHistoricalData } from './handlers-history.ts';
import { cancelStream, reqRealTimeBars, reqTickByTickData } from './handlers-streams.ts';
import { MIN_VER } from './protocol.ts';
import { ORDER_REQUESTS, requestName } from './request-names.ts';

type Handler = (ctx: TwsContext, caller: Caller, fields: string[]) => void;

const ignoreCancel = (name: string): Handler => (ctx, caller, fields) => record(ctx, caller, name, Number(fields[1]) || null, null, {}, 'ignored');

/** The requests the fake serves, by message id, with the first server version that knows each. */
const HANDLERS: Record<number, readonly [Handler, number]> = {
  8: [reqIds, 0],
  9: [reqContractDetails, 0],
  14: [acceptSetting('SET_SERVER_LOGLEVEL'), 0],
  17: [reqManagedAccounts, 0],
  20: [reqHistoricalData, 0],
  25: [cancelHistoricalData, 0],
  49: [reqCurrentTime, 0],
  50: [reqRealTimeBars, 0],
  51: [cancelStream('realtimeBars', 'CANCEL_REAL_TIME_BARS', true), 0],
  59: [acceptSetting('REQ_MARKET_DATA_TYPE'), 0],
  81: [reqMatchingSymbols, MIN_VER.REQ_MATCHING_SYMBOLS],
  87: [reqHeadTimestamp, MIN_VER.REQ_HEAD_TIMESTAMP],
  90: [ignoreCancel('CANCEL_HEAD_TIMESTAMP'), MIN_VER.REQ_HEAD_TIMESTAMP],
  97: [reqTickByTickData, MIN_VER.TICK_BY_TICK],
  98: [cancelStream('tickByTick', 'CANCEL_TICK_BY_TICK_DATA', false), MIN_VER.TICK_BY_TICK],
};

/** Requests that need IB's data farms: while connectivity is lost they wait, as in TWS. */
export const NEEDS_FARMS = new Set([9, 20, 50, 81, 87, 97]);

/**
 * Routes one request. What the fake does not serve is still answered — never silently dropped — and
 * logged: order requests as TWS in read-only API mode refuses them, other requests with a 321 naming
 * them, unknown message ids with TWS's "unknown message id".
 */
export function dispatch(ctx: TwsContext, caller: Caller, fields: string[], log: (line: string) => void): void {
  const msgId = Number(fields[0]);
  const known = requestName(msgId);
  const entry = HANDLERS[msgId];
  const idAt = known?.idAt(caller.version) ?? null;
  const reqId = idAt === null ? -1 : Number(fields[idAt]) || -1;
  if (entry && caller.version >= entry[1]) {
    try {
      return entry[0](ctx, caller, fields);
    } catch (error) {
      if (!(error instanceof UnreadableRequest)) throw error;
      log(`fake TWS: unreadable ${known?.name ?? msgId} from client ${caller.clientId}: ${error.message}`);
      ctx.stats.unreadableMessage(`${known?.name ?? msgId}: ${error.message}`);
      caller.error(reqId, 320, `Error reading request.-'${known?.name ?? msgId}' : cause - ${error.message}`);
      return record(ctx, caller, known?.name ?? String(msgId), reqId, null, {}, 'error 320');
    }
  }
  if (!known) {
    log(`fake TWS: unknown message id ${JSON.stringify(fields[0])} from client ${caller.clientId}`);
    caller.error(-1, 505, 'Fatal Error: Unknown message id.');
    return record(ctx, caller, `UNKNOWN_${fields[0]}`, null, null, { fields: fields.length }, 'error 505');
  }
  log(`fake TWS: ${known.name} from client ${caller.clientId} is not served (answered with error 321)`);
  const cause = ORDER_REQUESTS.has(msgId) ? 'The API interface is currently in Read-Only mode.' : `${known.name} is not served by this fake TWS (docs/fake-tws.md).`;
  caller.error(reqId, 321, `Error validating request.-'${known.name}' : cause - ${cause}`);
  record(ctx, caller, known.name, reqId === -1 ? null : reqId, null, { fields: fields.length }, 'unsupported');
}
