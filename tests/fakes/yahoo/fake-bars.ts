import { join } from 'node:path';
import { DAY_MS } from '../../../src-shared/calendar/index.ts';
import { readDailyCsv } from './fake-daily-csv.ts';
import { aggregateMinutes, joinBars, symbolSeed, type Ohlcv } from './fake-minutes.ts';
import { localMidnight, type FakeSymbol } from './fake-symbols.ts';

/** One row of a chart answer: Yahoo's stamp (ms) and values. */
export interface FakeRow extends Ohlcv {
  readonly stamp: number;
  readonly adjclose: number;
}

/** Intraday intervals the fake serves, in minutes (`1h` and `60m` are the same bars at Yahoo). */
export const INTRADAY_MINUTES: Readonly<Record<string, number>> = { '1m': 1, '2m': 2, '5m': 5, '15m': 15, '30m': 30, '60m': 60, '90m': 90, '1h': 60 };
/** Every interval Yahoo accepts; the fake serves all but 5d and 3mo. */
export const YAHOO_VALID_INTERVALS = ['1m', '2m', '5m', '15m', '30m', '60m', '90m', '1h', '1d', '5d', '1wk', '1mo', '3mo'];

/** The three CSV symbols are US listings: Yahoo stamps their daily bars at the 09:30 open. */
const US_OPEN_MINUTES = 9 * 60 + 30;

export interface FakeBarsOptions {
  /** The real data folder, or null: daily bars of the CSV symbols are then generated too. */
  readonly dataDir: string | null;
  /** Send the period in progress as two rows, the way Yahoo sometimes does (see faults). */
  readonly splitLiveRow?: boolean;
}

/**
 * The bars Yahoo would answer for `interval` with from ≤ stamp < to, as of `now`: regular hours
 * only, nothing after now, the bar in progress holding the minutes so far. A pure function of its
 * arguments, so tests can compute what the source must deliver.
 */
export function fakeBars(symbol: FakeSymbol, interval: string, from: number, to: number, now: number, options: FakeBarsOptions): FakeRow[] {
  const minutes = INTRADAY_MINUTES[interval];
  if (minutes !== undefined) return intradayRows(symbol, minutes * 60_000, from, to, now, options.splitLiveRow === true);
  if (interval === '1d') return dailyRows(symbol, from, to, now, options).flatMap((r) => (options.splitLiveRow ? splitDay(symbol, r, now) : [r]));
  if (interval === '1wk' || interval === '1mo') return bucketRows(symbol, interval, from, to, now, options);
  throw new Error(`the fake does not serve interval ${interval}`);
}

function intradayRows(symbol: FakeSymbol, length: number, from: number, to: number, now: number, split: boolean): FakeRow[] {
  const seed = symbolSeed(symbol.symbol);
  const rows: FakeRow[] = [];
  let lastEnd = 0;
  for (const session of symbol.sessionsBetween(from - length, to)) {
    // Yahoo's grid starts at each session's open (09:30, 10:30 … for a US 1h bar).
    for (let t = session.open; t < session.close; t += length) {
      if (t < from || t >= to || t > now) continue;
      const end = Math.min(t + length, session.close);
      const bar = aggregateMinutes(seed, symbol.basePrice, t, end, now);
      if (!bar) continue;
      rows.push({ stamp: t, ...bar, adjclose: bar.close });
      lastEnd = end;
    }
  }
  const last = rows[rows.length - 1];
  const lastMinute = Math.floor(now / 60_000) * 60_000;
  if (!split || !last || now >= lastEnd || lastMinute <= last.stamp) return rows;
  // Yahoo's live quirk: the period so far, then the latest minute stamped at the current second.
  const before = aggregateMinutes(seed, symbol.basePrice, last.stamp, lastMinute, now)!;
  const live = aggregateMinutes(seed, symbol.basePrice, lastMinute, lastEnd, now)!;
  rows.splice(rows.length - 1, 1, { stamp: last.stamp, ...before, adjclose: before.close }, { stamp: Math.floor(now / 1000) * 1000, ...live, adjclose: live.close });
  return rows;
}

interface DailyRow extends FakeRow {
  /** The exchange-local date. */
  readonly day: string;
  /** The session's close for generated rows (a CSV row is long over). */
  readonly sessionClose: number;
}

function dailyRows(symbol: FakeSymbol, from: number, to: number, now: number, options: FakeBarsOptions): DailyRow[] {
  const rows: DailyRow[] = [];
  const csv = symbol.csvFile && options.dataDir ? readDailyCsv(join(options.dataDir, symbol.csvFile)) : [];
  for (const r of csv) {
    const stamp = localMidnight(symbol, Date.parse(`${r.date}T00:00:00Z`)) + US_OPEN_MINUTES * 60_000;
    if (stamp < from || stamp >= to || stamp > now) continue;
    rows.push({ stamp, day: r.date, sessionClose: -Infinity, open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume, adjclose: r.adjClose });
  }
  const generatedFrom = csv.length > 0 ? Date.parse(`${csv[csv.length - 1]!.date}T00:00:00Z`) + DAY_MS : symbol.firstTradeDate;
  const seed = symbolSeed(symbol.symbol);
  for (const s of symbol.sessionsBetween(Math.max(from, generatedFrom) - DAY_MS, to)) {
    if (Date.parse(`${s.day}T00:00:00Z`) < generatedFrom || s.open < from || s.open >= to || s.open > now) continue;
    const bar = aggregateMinutes(seed, symbol.basePrice, s.open, s.close, now);
    if (bar) rows.push({ stamp: s.open, day: s.day, sessionClose: s.close, ...bar, adjclose: bar.close });
  }
  return rows;
}

/** Yahoo's daily live quirk: the day so far, repeated with the latest values at the current second. */
function splitDay(symbol: FakeSymbol, row: DailyRow, now: number): FakeRow[] {
  if (now >= row.sessionClose) return [row];
  const earlier = aggregateMinutes(symbolSeed(symbol.symbol), symbol.basePrice, row.stamp, row.sessionClose, now - 60_000);
  if (!earlier) return [row];
  return [{ stamp: row.stamp, ...earlier, adjclose: earlier.close }, { ...row, stamp: Math.floor(now / 1000) * 1000 }];
}

/** Weekly (from Monday) and monthly bars, stamped at local midnight of their first day. */
function bucketRows(symbol: FakeSymbol, interval: '1wk' | '1mo', from: number, to: number, now: number, options: FakeBarsOptions): FakeRow[] {
  const days = dailyRows(symbol, from - 35 * DAY_MS, to + 35 * DAY_MS, now, options);
  const buckets = new Map<number, DailyRow[]>();
  for (const row of days) {
    const dayMs = Date.parse(`${row.day}T00:00:00Z`);
    const d = new Date(dayMs);
    const start = interval === '1wk' ? dayMs - ((d.getUTCDay() + 6) % 7) * DAY_MS : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const list = buckets.get(start) ?? [];
    list.push(row);
    buckets.set(start, list);
  }
  const rows: FakeRow[] = [];
  for (const [start, list] of buckets) {
    const stamp = localMidnight(symbol, start);
    if (stamp < from || stamp >= to) continue;
    const last = list[list.length - 1]!;
    if (options.splitLiveRow && list.length > 1 && now < last.sessionClose) {
      // Yahoo's live quirk for long periods: the rest of the period, then today on its own row.
      const rest = joinBars(list.slice(0, -1))!;
      rows.push({ stamp, ...rest, adjclose: list[list.length - 2]!.adjclose }, last);
    } else {
      rows.push({ stamp, ...joinBars(list)!, adjclose: last.adjclose });
    }
  }
  return rows;
}
