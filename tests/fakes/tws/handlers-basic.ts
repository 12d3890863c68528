import { WHAT_TO_SHOW, type WhatToShow } from './bars.ts';
import { describeQuery, matchContracts, readContract, resolveOne } from './contract-match.ts';
import { contractLabel, expectFields, intField, record, type Caller, type TwsContext } from './context.ts';
import { hmdsError } from './history-params.ts';
import type { Instrument } from './instruments.ts';
import { contractData, contractDataEnd, currentTime, headTimestamp, managedAccounts, nextValidId, symbolSamples } from './messages.ts';
import { MIN_VER } from './protocol.ts';
import { firstTradingInstant, tradeDayOf, tradingHoursText } from './sessions.ts';
import { utcDashText } from './time-zone.ts';

const NO_DEFINITION = 'No security definition has been found for the request';
/** TWS lists at most this many matches for a symbol search. */
const MAX_SYMBOL_SAMPLES = 16;

export function reqIds(ctx: TwsContext, caller: Caller, fields: string[]): void {
  expectFields(fields, 3, 'REQ_IDS');
  caller.reply(nextValidId(caller.nextOrderId));
  record(ctx, caller, 'REQ_IDS', null, null, { numIds: fields[2] }, 'ok');
}

export function reqCurrentTime(ctx: TwsContext, caller: Caller, fields: string[]): void {
  expectFields(fields, 2, 'REQ_CURRENT_TIME');
  caller.reply(currentTime(Math.floor(ctx.now() / 1000)));
  record(ctx, caller, 'REQ_CURRENT_TIME', null, null, {}, 'ok');
}

export function reqManagedAccounts(ctx: TwsContext, caller: Caller, fields: string[]): void {
  expectFields(fields, 2, 'REQ_MANAGED_ACCTS');
  caller.reply(managedAccounts(ctx.accounts));
  record(ctx, caller, 'REQ_MANAGED_ACCTS', null, null, {}, 'ok');
}

/** Settings TWS takes without an answer: market data type, server log level. */
export function acceptSetting(name: string) {
  return (ctx: TwsContext, caller: Caller, fields: string[]): void => {
    expectFields(fields, 3, name);
    record(ctx, caller, name, null, null, { value: fields[2] }, 'ok');
  };
}

export function reqContractDetails(ctx: TwsContext, caller: Caller, fields: string[]): void {
  expectFields(fields, caller.version >= MIN_VER.BOND_ISSUERID ? 19 : 18, 'REQ_CONTRACT_DATA');
  const reqId = intField(fields, 2, 'reqId');
  const q = readContract(fields, 3);
  const [secIdType, secId] = [fields[16], fields[17]];
  let found = matchContracts(ctx.instruments, q);
  if (found.length === 0 && secIdType === 'ISIN' && secId !== '' && q.conId === 0 && q.symbol === '') {
    found = ctx.instruments.filter((i) => i.isin === secId);
  }
  const params = { includeExpired: fields[15], secIdType, secId };
  if (found.length === 0) {
    caller.error(reqId, 200, NO_DEFINITION);
    return record(ctx, caller, 'REQ_CONTRACT_DATA', reqId, describeQuery(q), params, 'error 200');
  }
  const today = tradeDayOf('stock', ctx.now());
  for (const i of found) {
    const exchange = q.exchange !== '' && q.exchange.toUpperCase() !== i.exchange ? q.exchange.toUpperCase() : i.exchange;
    caller.reply(contractData(caller.version, reqId, i, {
      exchange, tradingHours: tradingHoursText(i.session, false, today, 7), liquidHours: tradingHoursText(i.session, true, today, 7),
    }));
  }
  caller.reply(contractDataEnd(reqId));
  record(ctx, caller, 'REQ_CONTRACT_DATA', reqId, found.map(contractLabel).join(', '), params, 'ok');
}

/** Underlyings (not options) whose symbol starts with the pattern or whose name contains it. */
export function reqMatchingSymbols(ctx: TwsContext, caller: Caller, fields: string[]): void {
  expectFields(fields, 3, 'REQ_MATCHING_SYMBOLS');
  const reqId = intField(fields, 1, 'reqId');
  const pattern = fields[2].trim().toUpperCase();
  const found = pattern === '' ? [] : ctx.instruments.filter((i) => i.secType !== 'OPT' && (i.symbol.startsWith(pattern) || i.longName.toUpperCase().includes(pattern)));
  caller.reply(symbolSamples(caller.version, reqId, found.slice(0, MAX_SYMBOL_SAMPLES)));
  record(ctx, caller, 'REQ_MATCHING_SYMBOLS', reqId, null, { pattern: fields[2] }, 'ok');
}

/** IB's name for a series in HMDS messages: "Trades", "Midpoint", "Bid_Ask"… */
export function seriesTitle(what: string): string {
  return what.charAt(0) + what.slice(1).toLowerCase();
}

export function noDataError(i: Instrument, exchange: string, what: string) {
  return hmdsError(`HMDS query returned no data: ${i.localSymbol}@${exchange || i.exchange} ${seriesTitle(what)}`);
}

/** Series an instrument has: currencies have no trades at IB, so no TRADES or ADJUSTED_LAST. */
export function seriesAvailable(i: Instrument, what: WhatToShow): boolean {
  return !(i.secType === 'CASH' && (what === 'TRADES' || what === 'ADJUSTED_LAST'));
}

/** The earliest instant with data: the origin, the listing, and the first session after them. */
export function reqHeadTimestamp(ctx: TwsContext, caller: Caller, fields: string[]): void {
  expectFields(fields, 18, 'REQ_HEAD_TIMESTAMP');
  const reqId = intField(fields, 1, 'reqId');
  const q = readContract(fields, 2);
  const [useRth, what, formatDate] = [fields[15] === '1', fields[16], fields[17]];
  const params = { useRTH: useRth, whatToShow: what, formatDate };
  const resolved = resolveOne(ctx.instruments, q);
  if ('code' in resolved) {
    caller.error(reqId, resolved.code, resolved.message);
    return record(ctx, caller, 'REQ_HEAD_TIMESTAMP', reqId, describeQuery(q), params, `error ${resolved.code}`);
  }
  const i = resolved.instrument;
  const first = firstTradingInstant(i.session, useRth, Math.max(ctx.origin, i.listedAt ?? ctx.origin));
  if (!(WHAT_TO_SHOW as readonly string[]).includes(what) || !seriesAvailable(i, what as WhatToShow) || first === null || first > ctx.now()) {
    const e = noDataError(i, q.exchange, what);
    caller.error(reqId, e.code, e.message);
    return record(ctx, caller, 'REQ_HEAD_TIMESTAMP', reqId, contractLabel(i), params, `error ${e.code}`);
  }
  caller.reply(headTimestamp(reqId, formatDate === '2' ? String(first / 1000) : utcDashText(first)));
  record(ctx, caller, 'REQ_HEAD_TIMESTAMP', reqId, contractLabel(i), params, 'ok');
}
