import type { DateFormat } from '../../src-shared/domain/import.ts';
import { DateKind, parseClockCell, parseDateCell, type DateCell } from './dates.ts';

/** The date format a column's sample values fit. */
export interface DateGuess {
  format: DateFormat;
  /** Day-first and month-first both fit every value; day-first was assumed. */
  ambiguous: boolean;
  /** Whether the cells carry a clock time (or are epoch instants) rather than bare dates. */
  hasClock: boolean;
}

const EPOCH: [RegExp, DateFormat][] = [
  [/^\d{15,16}$/, 'unix-us'],
  [/^\d{12,13}$/, 'unix-ms'],
  [/^\d{9,10}(\.\d+)?$/, 'unix-s'],
];

const CALENDAR: DateFormat[] = ['iso', 'ymd-compact', 'ymd-dot', 'ymd-slash'];

function fitsAll(cells: string[], format: DateFormat, out: DateCell): boolean {
  let clocks = 0;
  for (const cell of cells) {
    if (!parseDateCell(cell, 0, cell.length, format, out)) return false;
    if (out.kind !== DateKind.date) clocks++;
  }
  hadClock = clocks > 0;
  return true;
}
let hadClock = false;

/**
 * Which date format fits every one of `cells` (the sample of a date column), or null.
 * Slash dates decide day-first vs month-first from the values: a first field above 12 can only
 * be a day, a second field above 12 only a day of a month-first date; when neither occurs the
 * guess is day-first and flagged ambiguous.
 */
export function guessDateFormat(cells: string[]): DateGuess | null {
  const values = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (values.length === 0) return null;
  const out: DateCell = { kind: DateKind.date, days: 0, ms: 0 };
  for (const [pattern, format] of EPOCH) {
    if (values.every((v) => pattern.test(v)) && fitsAll(values, format, out)) {
      return { format, ambiguous: false, hasClock: true };
    }
  }
  for (const format of CALENDAR) {
    if (fitsAll(values, format, out)) return { format, ambiguous: false, hasClock: hadClock };
  }
  const dayFirst = fitsAll(values, 'dmy-slash', out);
  const dayFirstClock = hadClock;
  const monthFirst = fitsAll(values, 'mdy-slash', out);
  if (dayFirst) return { format: 'dmy-slash', ambiguous: monthFirst, hasClock: dayFirstClock };
  if (monthFirst) return { format: 'mdy-slash', ambiguous: false, hasClock: hadClock };
  return null;
}

/** Whether a cell looks like a date or date-time in any known format (not an epoch number). */
export function isDateCell(cell: string): boolean {
  const out: DateCell = { kind: DateKind.date, days: 0, ms: 0 };
  const v = cell.trim();
  if (/^\d{8}$/.test(v)) return parseDateCell(v, 0, v.length, 'ymd-compact', out);
  return ['iso', 'ymd-dot', 'ymd-slash', 'dmy-slash', 'mdy-slash'].some((f) => parseDateCell(v, 0, v.length, f as DateFormat, out));
}

/** Whether a cell is a clock time of day: `09:30`, `09:30:00`, `093000`. */
export function isClockCell(cell: string): boolean {
  return /^\d{1,2}:\d{2}|^\d{4,6}$/.test(cell.trim()) && !Number.isNaN(parseClockCell(cell, 0, cell.length));
}

/** Whether a cell is an epoch number of some resolution. */
export function isEpochCell(cell: string): boolean {
  return EPOCH.some(([pattern]) => pattern.test(cell.trim()));
}
