/**
 * Every request message id of the TWS API (EClient's OUT_MSG_ID), with where its request / order id
 * sits (field index, message id = 0) so that even a request the fake does not serve gets an answer
 * addressed to it. `idAt` may depend on the negotiated version.
 */
export interface RequestName {
  readonly name: string;
  readonly idAt: (version: number) => number | null;
}

const at = (index: number | null) => () => index;

const TABLE: Record<number, readonly [string, (version: number) => number | null]> = {
  1: ['REQ_MKT_DATA', at(2)], 2: ['CANCEL_MKT_DATA', at(2)],
  3: ['PLACE_ORDER', (v) => (v >= 145 ? 1 : 2)], 4: ['CANCEL_ORDER', (v) => (v >= 192 ? 1 : 2)],
  5: ['REQ_OPEN_ORDERS', at(null)], 6: ['REQ_ACCOUNT_DATA', at(null)], 7: ['REQ_EXECUTIONS', at(2)], 8: ['REQ_IDS', at(null)],
  9: ['REQ_CONTRACT_DATA', at(2)], 10: ['REQ_MKT_DEPTH', at(2)], 11: ['CANCEL_MKT_DEPTH', at(2)], 12: ['REQ_NEWS_BULLETINS', at(null)],
  13: ['CANCEL_NEWS_BULLETINS', at(null)], 14: ['SET_SERVER_LOGLEVEL', at(null)], 15: ['REQ_AUTO_OPEN_ORDERS', at(null)],
  16: ['REQ_ALL_OPEN_ORDERS', at(null)], 17: ['REQ_MANAGED_ACCTS', at(null)], 18: ['REQ_FA', at(null)], 19: ['REPLACE_FA', at(null)],
  20: ['REQ_HISTORICAL_DATA', (v) => (v >= 124 ? 1 : 2)], 21: ['EXERCISE_OPTIONS', at(2)],
  22: ['REQ_SCANNER_SUBSCRIPTION', (v) => (v >= 143 ? 1 : 2)], 23: ['CANCEL_SCANNER_SUBSCRIPTION', at(2)],
  24: ['REQ_SCANNER_PARAMETERS', at(null)], 25: ['CANCEL_HISTORICAL_DATA', at(2)], 49: ['REQ_CURRENT_TIME', at(null)],
  50: ['REQ_REAL_TIME_BARS', at(2)], 51: ['CANCEL_REAL_TIME_BARS', at(2)], 52: ['REQ_FUNDAMENTAL_DATA', at(2)],
  53: ['CANCEL_FUNDAMENTAL_DATA', at(2)], 54: ['REQ_CALC_IMPLIED_VOLAT', at(2)], 55: ['REQ_CALC_OPTION_PRICE', at(2)],
  56: ['CANCEL_CALC_IMPLIED_VOLAT', at(2)], 57: ['CANCEL_CALC_OPTION_PRICE', at(2)], 58: ['REQ_GLOBAL_CANCEL', at(null)],
  59: ['REQ_MARKET_DATA_TYPE', at(null)], 61: ['REQ_POSITIONS', at(null)], 62: ['REQ_ACCOUNT_SUMMARY', at(2)],
  63: ['CANCEL_ACCOUNT_SUMMARY', at(2)], 64: ['CANCEL_POSITIONS', at(null)], 65: ['VERIFY_REQUEST', at(null)],
  66: ['VERIFY_MESSAGE', at(null)], 67: ['QUERY_DISPLAY_GROUPS', at(2)], 68: ['SUBSCRIBE_TO_GROUP_EVENTS', at(2)],
  69: ['UPDATE_DISPLAY_GROUP', at(2)], 70: ['UNSUBSCRIBE_FROM_GROUP_EVENTS', at(2)], 71: ['START_API', at(null)],
  72: ['VERIFY_AND_AUTH_REQUEST', at(null)], 73: ['VERIFY_AND_AUTH_MESSAGE', at(null)], 74: ['REQ_POSITIONS_MULTI', at(2)],
  75: ['CANCEL_POSITIONS_MULTI', at(2)], 76: ['REQ_ACCOUNT_UPDATES_MULTI', at(2)], 77: ['CANCEL_ACCOUNT_UPDATES_MULTI', at(2)],
  78: ['REQ_SEC_DEF_OPT_PARAMS', at(1)], 79: ['REQ_SOFT_DOLLAR_TIERS', at(1)], 80: ['REQ_FAMILY_CODES', at(null)],
  81: ['REQ_MATCHING_SYMBOLS', at(1)], 82: ['REQ_MKT_DEPTH_EXCHANGES', at(null)], 83: ['REQ_SMART_COMPONENTS', at(1)],
  84: ['REQ_NEWS_ARTICLE', at(1)], 85: ['REQ_NEWS_PROVIDERS', at(null)], 86: ['REQ_HISTORICAL_NEWS', at(1)],
  87: ['REQ_HEAD_TIMESTAMP', at(1)], 88: ['REQ_HISTOGRAM_DATA', at(1)], 89: ['CANCEL_HISTOGRAM_DATA', at(1)],
  90: ['CANCEL_HEAD_TIMESTAMP', at(1)], 91: ['REQ_MARKET_RULE', at(null)], 92: ['REQ_PNL', at(1)], 93: ['CANCEL_PNL', at(1)],
  94: ['REQ_PNL_SINGLE', at(1)], 95: ['CANCEL_PNL_SINGLE', at(1)], 96: ['REQ_HISTORICAL_TICKS', at(1)],
  97: ['REQ_TICK_BY_TICK_DATA', at(1)], 98: ['CANCEL_TICK_BY_TICK_DATA', at(1)], 99: ['REQ_COMPLETED_ORDERS', at(null)],
  100: ['REQ_WSH_META_DATA', at(1)], 101: ['CANCEL_WSH_META_DATA', at(1)], 102: ['REQ_WSH_EVENT_DATA', at(1)],
  103: ['CANCEL_WSH_EVENT_DATA', at(1)], 104: ['REQ_USER_INFO', at(1)],
};

export function requestName(msgId: number): RequestName | null {
  const entry = TABLE[msgId];
  return entry ? { name: entry[0], idAt: entry[1] } : null;
}

/** Requests about orders and executions: a market-data TWS in read-only API mode refuses them. */
export const ORDER_REQUESTS = new Set([3, 4, 21, 58]);
