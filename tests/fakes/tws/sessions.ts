import { DAY_MS, HOUR_MS, type DayNumber, dayOfWall, dayText, utcToWall, wallAt, wallToUtc, weekdayOf } from './time-zone.ts';

/**
 * When each kind of instrument trades, in New York time (TWS's zone here). NYSE holidays are not
 * modelled: every weekday is a trading day (docs/fake-tws.md lists this among the differences).
 *
 * - stock: weekdays 09:30–16:00 (useRTH=1) or 04:00–20:00 (useRTH=0)
 * - option: weekdays 09:30–16:00 either way
 * - future: trade date D runs 18:00 on D−1 to 17:00 on D, Monday to Friday (a one-hour break daily);
 *   its regular hours are 09:30–16:00
 * - forex: continuous from Sunday 17:00 to Friday 17:00; trade date D runs 17:00 D−1 to 17:00 D
 * - crypto: always; trade date = New York calendar date
 */
export type SessionKind = 'stock' | 'option' | 'future' | 'forex' | 'crypto';

const KIND_INDEX: Record<SessionKind, number> = { stock: 0, option: 1, future: 2, forex: 3, crypto: 4 };
/** Kinds whose trade date starts at 17:00 New York time of the previous calendar day. */
const EVENING_START = new Set<SessionKind>(['future', 'forex']);

/** The trade date an instant belongs to (the daily-bar bucket it falls in). */
export function tradeDayOf(kind: SessionKind, utcMs: number): DayNumber {
  const wall = utcToWall(utcMs);
  return EVENING_START.has(kind) ? dayOfWall(wall + 7 * HOUR_MS) : dayOfWall(wall);
}

/** Where trade date `day` begins: New York midnight, or 17:00 the evening before. */
export function tradeDayStart(kind: SessionKind, day: DayNumber): number {
  return EVENING_START.has(kind) ? wallToUtc(wallAt(day - 1, 17)) : wallToUtc(wallAt(day, 0));
}

const cache = new Map<number, readonly number[]>();

/** The trading intervals of one trade date as flat [start, end, start, end…] in UTC ms. */
export function sessionsOfDay(kind: SessionKind, rth: boolean, day: DayNumber): readonly number[] {
  const key = day * 16 + KIND_INDEX[kind] * 2 + (rth ? 1 : 0);
  let found = cache.get(key);
  if (found === undefined) {
    found = computeSessions(kind, rth, day);
    if (cache.size > 200_000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

function computeSessions(kind: SessionKind, rth: boolean, day: DayNumber): number[] {
  const weekday = weekdayOf(day);
  const isWeekday = weekday >= 1 && weekday <= 5;
  const span = (d1: DayNumber, h1: number, m1: number, d2: DayNumber, h2: number, m2: number) => [wallToUtc(wallAt(d1, h1, m1)), wallToUtc(wallAt(d2, h2, m2))];
  switch (kind) {
    case 'crypto':
      return span(day, 0, 0, day + 1, 0, 0);
    case 'stock':
      if (!isWeekday) return [];
      return rth ? span(day, 9, 30, day, 16, 0) : span(day, 4, 0, day, 20, 0);
    case 'option':
      return isWeekday ? span(day, 9, 30, day, 16, 0) : [];
    case 'future':
      if (!isWeekday) return [];
      return rth ? span(day, 9, 30, day, 16, 0) : span(day - 1, 18, 0, day, 17, 0);
    case 'forex':
      return isWeekday ? span(day - 1, 17, 0, day, 17, 0) : [];
  }
}

/** Trading intervals clipped to [from, to), ascending, as flat [start, end, …] in UTC ms. */
export function sessionIntervals(kind: SessionKind, rth: boolean, from: number, to: number): number[] {
  const out: number[] = [];
  if (to <= from) return out;
  const last = tradeDayOf(kind, to - 1);
  for (let day = tradeDayOf(kind, from); day <= last; day++) {
    const spans = sessionsOfDay(kind, rth, day);
    for (let i = 0; i < spans.length; i += 2) {
      const start = Math.max(spans[i], from);
      const end = Math.min(spans[i + 1], to);
      if (start < end) out.push(start, end);
    }
  }
  return out;
}

/** The first trading instant at or after `from` (searching up to 10 days on), or null. */
export function firstTradingInstant(kind: SessionKind, rth: boolean, from: number): number | null {
  const spans = sessionIntervals(kind, rth, from, from + 10 * DAY_MS);
  return spans.length > 0 ? spans[0] : null;
}

/**
 * Contract details' tradingHours / liquidHours text for `days` trade dates from `fromDay`:
 * `20260123:0930-20260123:1600;20260124:CLOSED;…`, in New York time.
 */
export function tradingHoursText(kind: SessionKind, rth: boolean, fromDay: DayNumber, days: number): string {
  const parts: string[] = [];
  const stamp = (utc: number) => {
    const wall = utcToWall(utc);
    const day = dayOfWall(wall);
    const minutes = Math.round((wall - day * DAY_MS) / 60_000);
    return `${dayText(day)}:${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
  };
  for (let day = fromDay; day < fromDay + days; day++) {
    const spans = sessionsOfDay(kind, rth, day);
    if (spans.length === 0) parts.push(`${dayText(day)}:CLOSED`);
    for (let i = 0; i < spans.length; i += 2) parts.push(`${stamp(spans[i])}-${stamp(spans[i + 1])}`);
  }
  return parts.join(';');
}

