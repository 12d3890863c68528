import { Weekday, civil, dayNumber, easterSunday, isWeekend, lastWeekday, nthWeekday, toDayNumber, weekday } from './civil-date.ts';
import type { DayStatus, MarketRules } from './types.ts';

/**
 * London Stock Exchange (SETS order book): continuous trading 08:00–16:30 Europe/London, and
 * 08:00–12:30 on Christmas Eve and New Year's Eve. The exchange closes on the England and Wales
 * bank holidays (Banking and Financial Dealings Act 1971 plus royal proclamations).
 */
const OPEN = 8 * 60;
const CLOSE = 16 * 60 + 30;
const EARLY_CLOSE = 12 * 60 + 30;

/** The first year whose one-off changes below are complete. */
const KNOWN_FROM = 1995;

/** Bank holidays added by proclamation (moved ones are handled in `holidaysOf`). */
const ONE_OFF: Record<string, string> = {
  '1999-12-31': 'Millennium Eve',
  '2002-06-03': 'Golden Jubilee',
  '2011-04-29': 'Royal Wedding',
  '2012-06-05': 'Diamond Jubilee',
  '2022-06-03': 'Platinum Jubilee',
  '2022-09-19': 'State Funeral of Queen Elizabeth II',
  '2023-05-08': 'Coronation of King Charles III',
};

/** Years whose early May or spring bank holiday was moved to another date. */
const MOVED_EARLY_MAY: Record<number, [number, number]> = { 1995: [5, 8], 2020: [5, 8] }; // VE Day 50th and 75th
const MOVED_SPRING: Record<number, [number, number]> = { 2002: [6, 4], 2012: [6, 4], 2022: [6, 2] }; // jubilees

function holidaysOf(year: number): Map<number, string> {
  const h = new Map<number, string>();
  // A weekend New Year's Day is replaced by the following Monday.
  const newYear = dayNumber(year, 1, 1);
  h.set(isWeekend(newYear) ? nthWeekday(year, 1, Weekday.Mon, 1) : newYear, "New Year's Day");
  const easter = easterSunday(year);
  h.set(easter - 2, 'Good Friday');
  h.set(easter + 1, 'Easter Monday');
  const earlyMay = MOVED_EARLY_MAY[year];
  h.set(earlyMay ? dayNumber(year, ...earlyMay) : nthWeekday(year, 5, Weekday.Mon, 1), 'Early May bank holiday');
  const spring = MOVED_SPRING[year];
  h.set(spring ? dayNumber(year, ...spring) : lastWeekday(year, 5, Weekday.Mon), 'Spring bank holiday');
  h.set(lastWeekday(year, 8, Weekday.Mon), 'Summer bank holiday');
  // Christmas and Boxing Day falling on a weekend move to the next free weekdays.
  const christmas = dayNumber(year, 12, 25);
  const wd = weekday(christmas);
  if (wd === Weekday.Sat) {
    h.set(christmas + 2, 'Christmas Day (substitute)');
    h.set(christmas + 3, 'Boxing Day (substitute)');
  } else if (wd === Weekday.Sun) {
    h.set(christmas + 1, 'Boxing Day');
    h.set(christmas + 2, 'Christmas Day (substitute)');
  } else {
    h.set(christmas, 'Christmas Day');
    h.set(wd === Weekday.Fri ? christmas + 3 : christmas + 1, wd === Weekday.Fri ? 'Boxing Day (substitute)' : 'Boxing Day');
  }
  return h;
}

const cache = new Map<number, Map<number, string>>();
const oneOff = new Map(Object.entries(ONE_OFF).map(([k, v]) => [toDayNumber(k), v]));

function dayStatus(n: number): DayStatus {
  if (isWeekend(n)) return { kind: 'closed', reason: 'weekend' };
  const { year, month, day } = civil(n);
  let holidays = cache.get(year);
  if (!holidays) cache.set(year, (holidays = holidaysOf(year)));
  const reason = holidays.get(n) ?? oneOff.get(n);
  if (reason) return { kind: 'closed', reason };
  const early = month === 12 && (day === 24 || day === 31);
  return { kind: 'open', openMin: OPEN, closeMin: early ? EARLY_CLOSE : CLOSE, early };
}

export const LSE_RULES: MarketRules = {
  id: 'XLON',
  name: 'London Stock Exchange',
  timeZone: 'Europe/London',
  holidayCoverage: { from: KNOWN_FROM, to: null },
  dayStatus,
};
