import type { DateFormat } from '../../src-shared/domain/import.ts';

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

// A tiny scanner over text[pos, end): the readers advance `pos` and return NaN on a mismatch.
let pos = 0;

function readInt(text: string, end: number, minDigits: number, maxDigits: number): number {
  let value = 0;
  let n = 0;
  while (pos < end && n < maxDigits) {
    const d = text.charCodeAt(pos) - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
    pos++;
    n++;
  }
  return n >= minDigits ? value : NaN;
}

function expect(text: string, end: number, char: number): boolean {
  if (pos < end && text.charCodeAt(pos) === char) {
    pos++;
    return true;
  }
  return false;
}

function skipSpaces(text: string, end: number): void {
  while (pos < end && text.charCodeAt(pos) === 32) pos++;
}

/** Reads a clock time at `pos`: `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff`, `HHMMSS`, `HHMM`, optional AM/PM. */
function readClock(text: string, end: number): number {
  const start = pos;
  let hour = readInt(text, end, 1, 2);
  let minute: number;
  let second = 0;
  let millis = 0;
  if (expect(text, end, 58 /* : */)) {
    minute = readInt(text, end, 2, 2);
    if (expect(text, end, 58)) second = readInt(text, end, 2, 2);
  } else {
    // Compact clocks: 093000, 93000 (leading zero lost), 0930.
    pos = start;
    const digits = readInt(text, end, 4, 6);
    const width = pos - start;
    if (Number.isNaN(digits)) return NaN;
    if (width === 4) {
      hour = Math.floor(digits / 100);
      minute = digits % 100;
    } else {
      hour = Math.floor(digits / 10_000);
      minute = Math.floor(digits / 100) % 100;
      second = digits % 100;
    }
  }
  if (expect(text, end, 46 /* . */) || expect(text, end, 44 /* , */)) {
    let scale = 100;
    const fracStart = pos;
    for (; pos < end; pos++) {
      const d = text.charCodeAt(pos) - 48;
      if (d < 0 || d > 9) break;
      millis += d * scale;
      scale /= 10;
    }
    if (pos === fracStart) return NaN;
    millis = Math.floor(millis);
  }
  const beforeMeridiem = pos;
  skipSpaces(text, end);
  const m = pos < end ? text.charCodeAt(pos) | 32 : 0;
  if ((m === 97 /* a */ || m === 112) /* p */ && pos + 1 < end && (text.charCodeAt(pos + 1) | 32) === 109) {
    if (hour < 1 || hour > 12) return NaN;
    hour = (hour % 12) + (m === 112 ? 12 : 0);
    pos += 2;
  } else pos = beforeMeridiem;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  return ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/** Reads `Z`, `±HH:MM`, `±HHMM` or `±HH` at `pos`; returns the offset in ms, 0 for Z, NaN for none. */
function readOffset(text: string, end: number): number {
  skipSpaces(text, end);
  if (pos >= end) return NaN;
  const c = text.charCodeAt(pos);
  if (c === 90 /* Z */ || c === 122) {
    pos++;
    return 0;
  }
  if (c !== 43 && c !== 45) return -1; // something else follows: not a valid cell
  pos++;
  const hours = readInt(text, end, 2, 2);
  expect(text, end, 58);
  const minutes = pos < end ? readInt(text, end, 2, 2) : 0;
  if (Number.isNaN(hours) || Number.isNaN(minutes) || hours > 14 || minutes > 59) return -1;
  return (c === 45 ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

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
  pos = start;
  skipSpaces(text, end);
  const ms = readClock(text, end);
  return pos === end ? ms : NaN;
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
  pos = start;
  skipSpaces(text, end);
  if (format === 'unix-s' || format === 'unix-ms' || format === 'unix-us') return parseEpoch(text, end, format, out);
  let year: number, month: number, day: number;
  switch (format) {
    case 'iso':
    case 'ymd-dot':
    case 'ymd-slash': {
      const sep = format === 'iso' ? 45 : format === 'ymd-dot' ? 46 : 47;
      year = readInt(text, end, 4, 4);
      month = expect(text, end, sep) ? readInt(text, end, 1, 2) : NaN;
      day = expect(text, end, sep) ? readInt(text, end, 1, 2) : NaN;
      break;
    }
    case 'dmy-slash':
    case 'mdy-slash': {
      const a = readInt(text, end, 1, 2);
      const b = expect(text, end, 47) ? readInt(text, end, 1, 2) : NaN;
      year = expect(text, end, 47) ? readInt(text, end, 4, 4) : NaN;
      day = format === 'dmy-slash' ? a : b;
      month = format === 'dmy-slash' ? b : a;
      break;
    }
    case 'ymd-compact':
      year = readInt(text, end, 4, 4);
      month = readInt(text, end, 2, 2);
      day = readInt(text, end, 2, 2);
      break;
  }
  if (!isValidDate(year, month, day)) return false;
  out.days = daysFromCivil(year, month, day);
  if (pos === end) {
    out.kind = DateKind.date;
    out.ms = 0;
    return true;
  }
  const sep = text.charCodeAt(pos);
  if (sep !== 32 && sep !== 84 /* T */ && sep !== 116 && sep !== 44) return false;
  pos++;
  skipSpaces(text, end);
  const clock = readClock(text, end);
  if (Number.isNaN(clock)) return false;
  if (pos === end) {
    out.kind = DateKind.wall;
    out.ms = clock;
    return true;
  }
  const offset = readOffset(text, end);
  if (offset === -1 || Number.isNaN(offset) || pos !== end) return false;
  out.kind = DateKind.instant;
  out.ms = out.days * DAY_MS + clock - offset;
  return true;
}

function parseEpoch(text: string, end: number, format: DateFormat, out: DateCell): boolean {
  const start = pos;
  const whole = readInt(text, end, 1, 17);
  let value = whole;
  if (pos < end && format === 'unix-s' && text.charCodeAt(pos) === 46) {
    value = Number(text.slice(start, end));
    pos = end;
  }
  if (Number.isNaN(value) || pos !== end) return false;
  out.kind = DateKind.instant;
  out.days = 0;
  out.ms = format === 'unix-s' ? Math.round(value * 1000) : format === 'unix-ms' ? value : Math.floor(value / 1000);
  return true;
}
