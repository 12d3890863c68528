import { Weekday, civil, dayNumber, easterSunday, isWeekend, lastWeekday, nthWeekday, toDayNumber, weekday } from './civil-date.ts';
import type { CalendarId, DayStatus, MarketRules } from './types.ts';

/**
 * NYSE and NASDAQ regular sessions: 09:30–16:00 America/New_York, early close 13:00.
 * Both exchanges have kept the same holidays and closures since 1990, so one rule set serves both.
 * Sources: NYSE Rule 7.2 (holidays and the Saturday rule) and NYSE's published holiday calendars.
 */
const OPEN = 9 * 60 + 30;
const CLOSE = 16 * 60;
const EARLY_CLOSE = 13 * 60;

/** Whole-day closures outside the holiday rules: national days of mourning and emergencies. */
const SPECIAL_CLOSURES: Record<string, string> = {
  '1994-04-27': 'National Day of Mourning for President Nixon',
  '2001-09-11': 'September 11 attacks',
  '2001-09-12': 'September 11 attacks',
  '2001-09-13': 'September 11 attacks',
  '2001-09-14': 'September 11 attacks',
  '2004-06-11': 'National Day of Mourning for President Reagan',
  '2007-01-02': 'National Day of Mourning for President Ford',
  '2012-10-29': 'Hurricane Sandy',
  '2012-10-30': 'Hurricane Sandy',
  '2018-12-05': 'National Day of Mourning for President George H. W. Bush',
  '2025-01-09': 'National Day of Mourning for President Carter',
};

/** The special-closure list is complete from this year; earlier days are provisional. */
const KNOWN_FROM = 1990;

/** A holiday on Saturday is observed the Friday before, on Sunday the Monday after. */
function observed(n: number): number {
  const wd = weekday(n);
  return wd === Weekday.Sat ? n - 1 : wd === Weekday.Sun ? n + 1 : n;
}

function holidaysOf(year: number): Map<number, string> {
  const h = new Map<number, string>();
  // NYSE Rule 7.2: a Saturday New Year's Day is not made up on Friday 31 December.
  const newYear = dayNumber(year, 1, 1);
  if (weekday(newYear) !== Weekday.Sat) h.set(observed(newYear), "New Year's Day");
  if (year >= 1998) h.set(nthWeekday(year, 1, Weekday.Mon, 3), 'Martin Luther King Jr. Day');
  h.set(nthWeekday(year, 2, Weekday.Mon, 3), "Washington's Birthday");
  h.set(easterSunday(year) - 2, 'Good Friday');
  h.set(lastWeekday(year, 5, Weekday.Mon), 'Memorial Day');
  if (year >= 2022) h.set(observed(dayNumber(year, 6, 19)), 'Juneteenth');
  h.set(observed(dayNumber(year, 7, 4)), 'Independence Day');
  h.set(nthWeekday(year, 9, Weekday.Mon, 1), 'Labor Day');
  h.set(nthWeekday(year, 11, Weekday.Thu, 4), 'Thanksgiving Day');
  h.set(observed(dayNumber(year, 12, 25)), 'Christmas Day');
  return h;
}

/** 13:00 closes: 3 July (when the 4th is Tue–Fri), the day after Thanksgiving, Christmas Eve. */
function isEarlyClose(n: number, year: number, month: number, day: number): boolean {
  if (month === 7 && day === 3) return true;
  if (month === 12 && day === 24) return true;
  return n === nthWeekday(year, 11, Weekday.Thu, 4) + 1;
}

const cache = new Map<number, Map<number, string>>();
const specials = new Map(Object.entries(SPECIAL_CLOSURES).map(([k, v]) => [toDayNumber(k), v]));

function dayStatus(n: number): DayStatus {
  if (isWeekend(n)) return { kind: 'closed', reason: 'weekend' };
  const { year, month, day } = civil(n);
  let holidays = cache.get(year);
  if (!holidays) cache.set(year, (holidays = holidaysOf(year)));
  const reason = holidays.get(n) ?? specials.get(n);
  if (reason) return { kind: 'closed', reason };
  const early = isEarlyClose(n, year, month, day);
  return { kind: 'open', openMin: OPEN, closeMin: early ? EARLY_CLOSE : CLOSE, early };
}

function usEquityRules(id: CalendarId, name: string): MarketRules {
  return { id, name, timeZone: 'America/New_York', holidayCoverage: { from: KNOWN_FROM, to: null }, dayStatus };
}

export const NYSE_RULES = usEquityRules('XNYS', 'New York Stock Exchange');
export const NASDAQ_RULES = usEquityRules('XNAS', 'Nasdaq');
