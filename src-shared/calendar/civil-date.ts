/**
 * Civil (calendar) dates as day numbers: whole days since 1970-01-01, so that date arithmetic is
 * integer addition and needs no time zone. A day number times DAY_MS is that date's UTC midnight,
 * which is also how daily bars are stamped in the bar store.
 */
export const DAY_MS = 86_400_000;

/** A calendar date written `YYYY-MM-DD`. */
export type DayKey = string;

export const Weekday = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 } as const;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function dayKey(n: number): DayKey {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Year, month (1–12) and day of a day number. */
export function civil(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The day a caller means: a `YYYY-MM-DD` string, or epoch ms read as the UTC date that holds it
 * (daily bars are stamped at UTC midnight of their session date).
 */
export function toDayNumber(day: number | DayKey): number {
  if (typeof day === 'number') return Math.floor(day / DAY_MS);
  const m = DAY_KEY.exec(day);
  if (!m) throw new Error(`not a YYYY-MM-DD date: "${day}"`);
  const n = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  if (dayKey(n) !== day) throw new Error(`no such date: "${day}"`);
  return n;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(n: number): boolean {
  const wd = weekday(n);
  return wd === Weekday.Sat || wd === Weekday.Sun;
}

/** The `nth` (1-based) given weekday of a month, e.g. the third Monday of January. */
export function nthWeekday(year: number, month: number, wd: number, nth: number): number {
  const first = dayNumber(year, month, 1);
  return first + ((wd - weekday(first) + 7) % 7) + 7 * (nth - 1);
}

/** The last given weekday of a month, e.g. the last Monday of May. */
export function lastWeekday(year: number, month: number, wd: number): number {
  const last = dayNumber(year, month + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

/** The first given weekday on or after a date (tz-database style `Sun>=23`). */
export function weekdayOnOrAfter(n: number, wd: number): number {
  return n + ((wd - weekday(n) + 7) % 7);
}

/**
 * Western (Gregorian) Easter Sunday by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher), published in Nature 1876.
 */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}
