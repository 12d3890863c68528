import { WHAT_TO_SHOW, type UnitBar, type WhatToShow } from './bars.ts';
import { describeQuery, readContract, resolveOne } from './contract-match.ts';
import { contractLabel, expectFields, intField, record, type Caller, type TwsContext } from './context.ts';
import { dailyBars, periodBars } from './daily-bars.ts';
import { historyBarsText } from './format.ts';
import { noDataError, seriesAvailable } from './handlers-basic.ts';
import { BAR_SIZES, barSizeError, durationStart, hmdsError, minimumBarMs, parseDuration, parseEndDateTime, type TwsError } from './history-params.ts';
import type { Instrument } from './instruments.ts';
import { intradayBars } from './intraday-bars.ts';
import { barsHaveGapsField, historicalData } from './messages.ts';
import { MIN_VER } from './protocol.ts';
import { secondBars } from './second-bars.ts';
import { dayText, twsDateTime } from './time-zone.ts';

export const PACING_MESSAGE = 'Historical data request pacing violation';
const invalid = (cause: string): TwsError => ({ code: 321, message: `Error validating request.-'bS' : cause - ${cause}` });

/** What a historical request asked for, read from its version's layout. */
interface HistoryAsk {
  readonly reqId: number;
  readonly exchange: string;
  readonly end: string;
  readonly barSize: string;
  readonly duration: string;
  readonly useRth: boolean;
  readonly what: string;
  readonly formatDate: string;
  readonly keepUpToDate: boolean;
}

function readAsk(version: number, fields: string[]): HistoryAsk & { contractAt: number } {
  const legacy = version < MIN_VER.SYNT_REALTIME_BARS;
  const o = legacy ? 1 : 0;
  const contractAt = 2 + o;
  if (fields[contractAt + 2]?.toUpperCase() !== 'BAG') expectFields(fields, 23, 'REQ_HISTORICAL_DATA');
  return {
    reqId: intField(fields, 1 + o, 'reqId'), contractAt, exchange: fields[contractAt + 7], end: fields[15 + o], barSize: fields[16 + o], duration: fields[17 + o],
    useRth: fields[18 + o] === '1', what: fields[19 + o], formatDate: fields[20 + o], keepUpToDate: !legacy && fields[21] === '1',
  };
}

export function reqHistoricalData(ctx: TwsContext, caller: Caller, fields: string[]): void {
  const ask = readAsk(caller.version, fields);
  const q = readContract(fields, ask.contractAt);
  const params = { endDateTime: ask.end, durationStr: ask.duration, barSizeSetting: ask.barSize, whatToShow: ask.what, useRTH: ask.useRth, formatDate: ask.formatDate };
  const resolved = resolveOne(ctx.instruments, q);
  const label = 'instrument' in resolved ? contractLabel(resolved.instrument) : describeQuery(q);
  const refuse = (e: TwsError, outcome = `error ${e.code}`) => {
    caller.error(ask.reqId, e.code, e.message);
    record(ctx, caller, 'REQ_HISTORICAL_DATA', ask.reqId, label, params, outcome);
  };
  if ('code' in resolved) return refuse(resolved);
  if (ask.keepUpToDate) return refuse(invalid('keepUpToDate=true is not served by this fake TWS (docs/fake-tws.md)'), 'unsupported');
  const size = BAR_SIZES[ask.barSize];
  if (!size) return refuse(barSizeError());
  const duration = parseDuration(ask.duration);
  if (!duration) return refuse(invalid(`Historical data duration "${ask.duration}" is invalid. Format is "<integer>{SPACE}<S|D|W|M|Y>".`));
  if (!(WHAT_TO_SHOW as readonly string[]).includes(ask.what)) return refuse(invalid(`Historical data whatToShow "${ask.what}" is invalid.`));
  if (size.ms < minimumBarMs(duration)) return refuse(hmdsError('Time length exceed max.'));
  const now = ctx.now();
  const end = parseEndDateTime(ask.end, now);
  if ('code' in end) return refuse(end);
  if (end.warning) caller.error(ask.reqId, end.warning.code, end.warning.message);
  if (caller.openHistorical.size >= ctx.maxOpenHistorical) {
    ctx.stats.pacingViolation('simultaneous');
    return refuse(hmdsError(PACING_MESSAGE), 'pacing simultaneous');
  }
  const i = resolved.instrument;
  const what = ask.what as WhatToShow;
  const violation = ctx.pacing.check({
    at: now, weight: what === 'BID_ASK' ? 2 : 1, smallBars: size.ms <= 30_000,
    identity: [i.conId, ask.exchange, ask.end, ask.duration, ask.barSize, what, ask.useRth].join('|'), contractTick: [i.conId, ask.exchange, what].join('|'),
  });
  if (violation) {
    ctx.stats.pacingViolation(violation);
    return refuse(hmdsError(PACING_MESSAGE), `pacing ${violation}`);
  }
  const to = Math.min(end.end, now);
  const from = durationStart(duration, to);
  const bars = seriesAvailable(i, what) ? barsBetween(i, what, ask.useRth, Math.max(from, ctx.origin, i.listedAt ?? 0), to, size) : [];
  if (bars.length === 0) return refuse(noDataError(i, ask.exchange, what));
  const dateOf = size.unit !== 'intraday' ? (b: UnitBar) => dayText(b.day) : ask.formatDate === '2' ? (b: UnitBar) => String(b.time / 1000) : (b: UnitBar) => twsDateTime(b.time);
  const message = historicalData(caller.version, ask.reqId, twsDateTime(from), twsDateTime(to), bars.length, historyBarsText(i, bars, dateOf, barsHaveGapsField(caller.version)));
  // Open until its answer is on the wire (the delay fault holds answers back): until then it can be cancelled.
  const cancel = caller.reply(message, () => caller.openHistorical.delete(ask.reqId));
  if (cancel) caller.openHistorical.set(ask.reqId, cancel);
  record(ctx, caller, 'REQ_HISTORICAL_DATA', ask.reqId, label, { ...params, bars: bars.length }, 'ok');
}

function barsBetween(i: Instrument, what: WhatToShow, rth: boolean, from: number, to: number, size: (typeof BAR_SIZES)[string]): UnitBar[] {
  if (from >= to) return [];
  if (size.unit === 'day') return dailyBars(i, what, rth, from, to);
  if (size.unit === 'week' || size.unit === 'month') return periodBars(i, what, rth, from, to, size.unit);
  return size.ms < 5000 ? secondBars(i, what, rth, from, to) : intradayBars(i, what, rth, from, to, size.ms);
}

/** A cancel of a query still open gets TWS's "query cancelled"; of an unknown or finished one, 366. */
export function cancelHistoricalData(ctx: TwsContext, caller: Caller, fields: string[]): void {
  expectFields(fields, 3, 'CANCEL_HISTORICAL_DATA');
  const reqId = intField(fields, 2, 'reqId');
  const cancel = caller.openHistorical.get(reqId);
  if (cancel) {
    cancel();
    caller.openHistorical.delete(reqId);
    caller.error(reqId, 162, `Historical Market Data Service error message:API historical data query cancelled: ${reqId}`);
    return record(ctx, caller, 'CANCEL_HISTORICAL_DATA', reqId, null, {}, 'cancelled');
  }
  caller.error(reqId, 366, `No historical data query found for ticker id:${reqId}`);
  record(ctx, caller, 'CANCEL_HISTORICAL_DATA', reqId, null, {}, 'error 366');
}
