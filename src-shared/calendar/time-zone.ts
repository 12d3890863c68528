import { Weekday, dayNumber, lastWeekday, nthWeekday, weekdayOnOrAfter } from './civil-date.ts';

/**
 * UTC offsets of the exchanges' time zones, from their daylight-saving rules written out here
 * rather than from Intl: the result is the same in every runtime and needs no ICU data, and the
 * rules are short. A test checks them against Intl (the IANA tz database) day by day.
 *
 * Offsets are asked for a whole local date: sessions run in daytime on weekdays, while every
 * transition here happens in the small hours of a Sunday (Turkey's 2011 and 2014 Monday shifts
 * at 03:00 too), so one offset holds for a whole trading day.
 */
export const TIME_ZONES = ['America/New_York', 'Europe/London', 'Europe/Istanbul', 'UTC'] as const;
export type TimeZoneId = (typeof TIME_ZONES)[number];

/** First year each zone's rules below are exact for; earlier dates get the earliest rule. */
export const TIME_ZONE_RULES_FROM: Record<TimeZoneId, number> = {
  'America/New_York': 1976,
  'Europe/London': 1981,
  'Europe/Istanbul': 1996,
  UTC: 1970,
};

/** UTC offset in minutes (east positive) on the local date `day` (a day number). */
export function utcOffsetMinutes(zone: TimeZoneId, day: number, year: number): number {
  switch (zone) {
    case 'UTC':
      return 0;
    case 'America/New_York':
      return inRange(day, usDst(year)) ? -240 : -300;
    case 'Europe/London':
      return inRange(day, ukDst(year)) ? 60 : 0;
    case 'Europe/Istanbul':
      // Turkey stayed on summer time for good from 2016-09-07 (UTC+3 all year).
      if (day >= dayNumber(2016, 9, 7)) return 180;
      return inRange(day, turkeyDst(year)) ? 180 : 120;
  }
}

type Range = readonly [start: number, end: number];

function inRange(day: number, [start, end]: Range): boolean {
  return day >= start && day < end;
}

/** US: Energy Policy Act 2005 from 2007; first Sunday of April before (1987–2006). */
function usDst(year: number): Range {
  if (year >= 2007) return [nthWeekday(year, 3, Weekday.Sun, 2), nthWeekday(year, 11, Weekday.Sun, 1)];
  const start = year >= 1987 ? nthWeekday(year, 4, Weekday.Sun, 1) : lastWeekday(year, 4, Weekday.Sun);
  return [start, lastWeekday(year, 10, Weekday.Sun)];
}

/** UK: last Sunday of March; ends the last Sunday of October since 1996, before that the Sunday on or after 22 (1990–95) or 23 October. */
function ukDst(year: number): Range {
  const end = year >= 1996 ? lastWeekday(year, 10, Weekday.Sun) : weekdayOnOrAfter(dayNumber(year, 10, year >= 1990 ? 22 : 23), Weekday.Sun);
  return [lastWeekday(year, 3, Weekday.Sun), end];
}

/** Turkey: EU dates, with the one-off shifts decreed around national exams and the 2015 election. */
function turkeyDst(year: number): Range {
  let start = lastWeekday(year, 3, Weekday.Sun);
  let end = lastWeekday(year, 10, Weekday.Sun);
  if (year === 2011) start = dayNumber(2011, 3, 28);
  if (year === 2014) start = dayNumber(2014, 3, 31);
  if (year === 2015) end = dayNumber(2015, 11, 8);
  return [start, end];
}
