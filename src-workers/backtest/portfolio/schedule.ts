import type { RebalanceSchedule } from '../../../src-shared/domain/portfolio.ts';

const DAY_MS = 86_400_000;

/**
 * The number of the UTC period holding `time` (ms): consecutive periods have consecutive numbers.
 * Weeks start on Monday (ISO); quarters are Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec. Computed from the
 * day count without a Date object, so a pass over a million bars allocates nothing.
 */
export function periodNumber(time: number, schedule: RebalanceSchedule): number {
  const days = Math.floor(time / DAY_MS);
  switch (schedule) {
    case 'daily':
      return days;
    case 'weekly':
      // 1970-01-01 was a Thursday: day + 3 counts from the Monday before it.
      return Math.floor((days + 3) / 7);
    case 'monthly':
      return monthNumber(days);
    case 'quarterly':
      return Math.floor(monthNumber(days) / 3);
    case 'yearly':
      return Math.floor(monthNumber(days) / 12);
  }
}

/**
 * year × 12 + (month − 1) of the UTC civil date `days` after 1970-01-01, by H. Hinnant's
 * civil_from_days (proleptic Gregorian calendar, exact for every day a Float64 time can hold).
 */
export function monthNumber(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  // The algorithm's year starts in March; January and February belong to the next civil year.
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/**
 * 1 at every bar that opens a new period (bar 0 included), 0 elsewhere: the bars at whose close a
 * scheduled rebalance is decided. A bar's flag depends only on its own time and the previous bar's,
 * so removing later bars never changes an earlier flag.
 */
export function rebalanceBars(time: Float64Array, schedule: RebalanceSchedule): Uint8Array {
  const flags = new Uint8Array(time.length);
  let previous = NaN;
  for (let t = 0; t < time.length; t++) {
    const p = periodNumber(time[t]!, schedule);
    flags[t] = p !== previous ? 1 : 0;
    previous = p;
  }
  return flags;
}
