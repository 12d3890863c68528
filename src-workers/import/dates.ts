import type { DateFormat } from '../../src-shared/domain/import.ts';
import { TextScanner } from './scanner.ts';

export const DAY_MS = 86_400_000;

/** What a date cell turned out to hold. */
export const DateKind = {
  /** A calendar date without a clock time. */
  date: 1,
  /** A wall-clock date-time with no offset: local time in the file's zone. */
  wall: 2,
  /** An instant: epoch numbers and ISO times with `Z` or an offset. */
  instant: 3,
} as const;
export type DateKind = (typeof DateKind)[keyof typeof DateKind];

/** Reused output of {@link parseDateCell}, so the hot loop allocates nothing per row. */
export interface DateCell {
  kind: DateKind;
  /** Days since 1970-01-01 of the calendar date (date and wall kinds). */
  days: number;
  /** Milliseconds into the day (wall kind) or since the epoch (instant kind). */
  ms: number;
}

/** How a format is named in rejection reasons: `date "x" is not a valid <this>`. */
export const DATE_FORMAT_TEXT: Record<DateFormat, string> = {
  iso: 'yyyy-mm-dd date',
  'ymd-compact': 'yyyymmdd date',
  'ymd-dot': 'yyyy.mm.dd date',
  'ymd-slash': 'yyyy/mm/dd date',
  'dmy-slash': 'dd/mm/yyyy date',
  'mdy-slash': 'mm/dd/yyyy date',
  'unix-s': 'unix time in seconds',
  'unix-ms': 'unix time in milliseconds',
  'unix-us': 'unix time in microseconds',
};

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= MONTH_DAYS[month - 1] + (leap ? 1 : 0);
}

/** Two digits at `i` as a number, NaN unless both are digits. */
function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/** `HH:MM:SS` at `i` (separators already checked), or NaN. */
function fixedClock(text: string, i: number): number {
  const h = two(text, i);
  const m = two(text, i + 3);
  const s = two(text, i + 6);
  return h <= 23 && m <= 59 && s <= 59 ? ((h * 60 + m) * 60 + s) * 1000 : NaN;
}

/**
 * The common fixed-width shapes `yyyy-mm-dd` and `yyyy-mm-dd hh:mm:ss` (or `T`), read without
 * the scanner; false sends anything else down the general path.
 */
function fixedWidthDate(text: string, start: number, end: number, format: DateFormat, out: DateCell): boolean {
  const length = end - start;
  if (length !== 10 && length !== 19) return false;
  const sep = format === 'iso' ? 45 : format === 'ymd-dot' ? 46 : 47;
  if (text.charCodeAt(start + 4) !== sep || text.charCodeAt(start + 7) !== sep) return false;
  const year = two(text, start) * 100 + two(text, start + 2);
  const month = two(text, start + 5);
  const day = two(text, start + 8);
  if (!isValidDate(year, month, day)) return false;
  let clock = -1;
  if (length === 19) {
    const t = text.charCodeAt(start + 10);
    if ((t !== 32 && t !== 84) || text.charCodeAt(start + 13) !== 58 || text.charCodeAt(start + 16) !== 58) return false;
    clock = fixedClock(text, start + 11);
    if (Number.isNaN(clock)) return false;
  }
  out.days = daysFromCivil(year, month, day);
  out.kind = clock < 0 ? DateKind.date : DateKind.wall;
  out.ms = clock < 0 ? 0 : clock;
  return true;
}

const scan = new TextScanner();

function trimEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 13) break;
    end--;
  }
  return end;
}

/**
 * Parses a clock time that fills text[start, end): a separate time column. Returns ms into the
 * day or NaN.
 */
export function parseClockCell(text: string, start: number, end: number): number {
  end = trimEnd(text, start, end);
  if (end - start === 8 && text.charCodeAt(start + 2) === 58 && text.charCodeAt(start + 5) === 58) {
    const ms = fixedClock(text, start);
    if (!Number.isNaN(ms)) return ms;
  }
  scan.reset(text, start, end).spaces();
  const ms = scan.clock();
  return scan.atEnd ? ms : NaN;
}

const calendar = { year: 0, month: 0, day: 0 };

/** Reads year, month and day at the scanner, in the order `format` writes them (NaN parts on a mismatch). */
function readCalendar(format: DateFormat): void {
  switch (format) {
    case 'dmy-slash':
    case 'mdy-slash': {
      const a = scan.int(1, 2);
      const b = scan.take(47) ? scan.int(1, 2) : NaN;
      calendar.year = scan.take(47) ? scan.int(4, 4) : NaN;
      calendar.day = format === 'dmy-slash' ? a : b;
      calendar.month = format === 'dmy-slash' ? b : a;
      return;
    }
    case 'ymd-compact':
      calendar.year = scan.int(4, 4);
      calendar.month = scan.int(2, 2);
      calendar.day = scan.int(2, 2);
      return;
    default: {
      const sep = format === 'iso' ? 45 : format === 'ymd-dot' ? 46 : 47;
      calendar.year = scan.int(4, 4);
      calendar.month = scan.take(sep) ? scan.int(1, 2) : NaN;
      calendar.day = scan.take(sep) ? scan.int(1, 2) : NaN;
    }
  }
}

/**
 * Parses a date cell in `format` into `out`; returns false when the cell is not a valid date
 * of that format. A clock time may follow the date after a space or `T`, and an offset after it.
 */
export function parseDateCell(text: string, start: number, end: number, format: DateFormat, out: DateCell): boolean {
  end = trimEnd(text, start, end);
  if ((format === 'iso' || format === 'ymd-dot' || format === 'ymd-slash') && fixedWidthDate(text, start, end, format, out)) {
    return true;
  }
  scan.reset(text, start, end).spaces();
  if (format === 'unix-s' || format === 'unix-ms' || format === 'unix-us') return parseEpoch(format, out);
  readCalendar(format);
  const { year, month, day } = calendar;
  if (!isValidDate(year, month, day)) return false;
  out.days = daysFromCivil(year, month, day);
  if (scan.atEnd) {
    out.kind = DateKind.date;
    out.ms = 0;
    return true;
  }
  const sep = text.charCodeAt(scan.pos);
  if (sep !== 32 && sep !== 84 /* T */ && sep !== 116 /* t */) return false;
  scan.pos++;
  scan.spaces();
  const clock = scan.clock();
  if (Number.isNaN(clock)) return false;
  if (scan.atEnd) {
    out.kind = DateKind.wall;
    out.ms = clock;
    return true;
  }
  const offset = scan.offset();
  if (Number.isNaN(offset) || !scan.atEnd) return false;
  out.kind = DateKind.instant;
  out.ms = out.days * DAY_MS + clock - offset;
  return true;
}

function parseEpoch(format: DateFormat, out: DateCell): boolean {
  const start = scan.pos;
  let value = scan.int(1, 17);
  if (!scan.atEnd && format === 'unix-s' && scan.text.charCodeAt(scan.pos) === 46) {
    value = Number(scan.text.slice(start, scan.end));
    scan.pos = scan.end;
  }
  if (Number.isNaN(value) || !scan.atEnd) return false;
  out.kind = DateKind.instant;
  out.days = 0;
  out.ms = format === 'unix-s' ? Math.round(value * 1000) : format === 'unix-ms' ? value : Math.floor(value / 1000);
  return true;
}
