import { CRYPTO_RULES } from './crypto.ts';
import { BIST_RULES } from './istanbul.ts';
import { LSE_RULES } from './london.ts';
import { createCalendar } from './market-calendar.ts';
import type { CalendarId, MarketCalendar } from './types.ts';
import { NASDAQ_RULES, NYSE_RULES } from './us-equities.ts';

export { DAY_MS, dayKey, toDayNumber, type DayKey } from './civil-date.ts';
export { expectedBars, type BarAlignment, type ExpectedBars } from './expected-bars.ts';
export { createCalendar } from './market-calendar.ts';
export { utcOffsetMinutes, TIME_ZONES, TIME_ZONE_RULES_FROM, type TimeZoneId } from './time-zone.ts';
export * from './types.ts';

/** The built-in market calendars, by id. See docs/calendars.md for hours, rules and coverage. */
export const CALENDARS: Readonly<Record<CalendarId, MarketCalendar>> = {
  XNYS: createCalendar(NYSE_RULES),
  XNAS: createCalendar(NASDAQ_RULES),
  XLON: createCalendar(LSE_RULES),
  XIST: createCalendar(BIST_RULES),
  CRYPTO: createCalendar(CRYPTO_RULES),
};

export function getCalendar(id: CalendarId): MarketCalendar {
  return CALENDARS[id];
}
