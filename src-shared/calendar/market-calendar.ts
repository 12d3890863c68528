import { DAY_MS, civil, dayKey, toDayNumber, type DayKey } from './civil-date.ts';
import { utcOffsetMinutes } from './time-zone.ts';
import type { MarketCalendar, MarketRules, Session } from './types.ts';

/** Longest stretch searched for the next session: beyond any real closure (BIST's 9-day feasts). */
const SEARCH_DAYS = 370;

/** Builds the generic calendar operations (instants, searches, ranges) over one market's day rules. */
export function createCalendar(rules: MarketRules): MarketCalendar {
  const { from, to } = rules.holidayCoverage;
  const continuous = rules.continuous ?? false;

  const known = (n: number): boolean => {
    const { year } = civil(n);
    return year >= from && (to === null || year <= to);
  };

  const sessionOnDay = (n: number): Session | null => {
    const status = rules.dayStatus(n);
    if (status.kind === 'closed') return null;
    const midnightUtc = n * DAY_MS - utcOffsetMinutes(rules.timeZone, n, civil(n).year) * 60_000;
    return {
      day: dayKey(n),
      open: midnightUtc + status.openMin * 60_000,
      close: midnightUtc + status.closeMin * 60_000,
      early: status.early,
      provisional: !known(n),
    };
  };

  // The local date of an instant is its UTC date or a neighbour, whatever the zone's offset.
  const sessionAt = (ms: number): Session | null => {
    const n = Math.floor(ms / DAY_MS);
    for (let d = n - 1; d <= n + 1; d++) {
      const s = sessionOnDay(d);
      if (s && s.open <= ms && ms < s.close) return s;
    }
    return null;
  };

  const nextSessionAfter = (ms: number): Session | null => {
    const n = Math.floor(ms / DAY_MS);
    for (let d = n - 1; d <= n + SEARCH_DAYS; d++) {
      const s = sessionOnDay(d);
      if (s && s.open > ms) return s;
    }
    return null;
  };

  return {
    id: rules.id,
    name: rules.name,
    timeZone: rules.timeZone,
    holidayCoverage: rules.holidayCoverage,
    continuous,
    sessionOn: (day: number | DayKey) => sessionOnDay(toDayNumber(day)),
    closedReason: (day: number | DayKey) => {
      const status = rules.dayStatus(toDayNumber(day));
      return status.kind === 'closed' ? status.reason : null;
    },
    holidaysKnown: (day: number | DayKey) => known(toDayNumber(day)),
    isOpen: (ms: number) => continuous || sessionAt(ms) !== null,
    nextOpen: (ms: number) => {
      if (continuous || sessionAt(ms)) return ms;
      return nextSessionAfter(ms)?.open ?? null;
    },
    nextClose: (ms: number) => {
      if (continuous) return null;
      return (sessionAt(ms) ?? nextSessionAfter(ms))?.close ?? null;
    },
    sessionsBetween: (fromMs: number, toMs: number) => {
      const out: Session[] = [];
      const last = Math.floor(toMs / DAY_MS) + 1;
      for (let d = Math.floor(fromMs / DAY_MS) - 1; d <= last; d++) {
        const s = sessionOnDay(d);
        if (s && s.close > fromMs && s.open < toMs) out.push(s);
      }
      return out;
    },
  };
}
