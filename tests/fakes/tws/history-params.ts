import { TWS_ZONE, wallToUtc } from './time-zone.ts';

/** A TWS error answer: code and IB's own wording. */
export interface TwsError {
  readonly code: number;
  readonly message: string;
}

const HMDS = 'Historical Market Data Service error message:';
export const hmdsError = (text: string): TwsError => ({ code: 162, message: HMDS + text });

/** The bar sizes TWS accepts (its own list, as its 321 error names them), in ms; 0 marks day, week, month. */
export const BAR_SIZES: Readonly<Record<string, { readonly ms: number; readonly unit: 'intraday' | 'day' | 'week' | 'month' }>> = Object.fromEntries([
  ...([['1 secs', 1], ['5 secs', 5], ['10 secs', 10], ['15 secs', 15], ['30 secs', 30], ['1 min', 60], ['2 mins', 120], ['3 mins', 180], ['5 mins', 300],
    ['10 mins', 600], ['15 mins', 900], ['20 mins', 1200], ['30 mins', 1800], ['1 hour', 3600], ['2 hours', 7200], ['3 hours', 10_800], ['4 hours', 14_400],
    ['8 hours', 28_800]] as const).map(([name, s]) => [name, { ms: s * 1000, unit: 'intraday' as const }]),
  ['1 day', { ms: 86_400_000, unit: 'day' as const }],
  ['1 week', { ms: 7 * 86_400_000, unit: 'week' as const }],
  ['1W', { ms: 7 * 86_400_000, unit: 'week' as const }],
  ['1 month', { ms: 30 * 86_400_000, unit: 'month' as const }],
  ['1M', { ms: 30 * 86_400_000, unit: 'month' as const }],
]);

const LEGAL_BAR_SIZES = '1 secs, 5 secs, 10 secs, 15 secs, 30 secs, 1 min, 2 mins, 3 mins, 5 mins, 10 mins, 15 mins, 20 mins, 30 mins, 1 hour, 2 hours, 3 hours, 4 hours, 8 hours, 1 day, 1W, 1M';

export function barSizeError(): TwsError {
  return { code: 321, message: `Error validating request.-'bS' : cause - Historical data bar size setting is invalid. Legal ones are: ${LEGAL_BAR_SIZES}` };
}

export interface Duration {
  readonly count: number;
  readonly unit: 'S' | 'D' | 'W' | 'M' | 'Y';
}

export function parseDuration(text: string): Duration | null {
  const m = /^(\d{1,6}) ([SDWMY])$/.exec(text);
  if (!m || Number(m[1]) < 1) return null;
  return { count: Number(m[1]), unit: m[2] as Duration['unit'] };
}

/** The start of a duration ending at `end`: seconds, days and weeks exactly; months and years by the UTC calendar. */
export function durationStart(d: Duration, end: number): number {
  const day = 86_400_000;
  switch (d.unit) {
    case 'S':
      return end - d.count * 1000;
    case 'D':
      return end - d.count * day;
    case 'W':
      return end - d.count * 7 * day;
    case 'M':
    case 'Y': {
      const date = new Date(end);
      const months = d.unit === 'M' ? d.count : 12 * d.count;
      date.setUTCMonth(date.getUTCMonth() - months);
      return date.getTime();
    }
  }
}

/**
 * IB's step-size table (TWS API "Historical Data Limitations"): the smallest bar each duration
 * allows. A duration up to the row's length may use bars from that size up.
 */
const STEP_TABLE: ReadonlyArray<readonly [maxDurationSeconds: number, minBarMs: number]> = [
  [1800, 1000],
  [3600, 5000],
  [14_400, 10_000],
  [28_800, 30_000],
  // IB's table says 1 D for 1-minute bars but calls itself "only guidelines", and IB's own samples
  // request 10 D of 1 min; real TWS serves a week of minutes (decision 0024).
  [7 * 86_400, 60_000],
  [31 * 86_400, 1_800_000],
  [Number.POSITIVE_INFINITY, 86_400_000],
];

const APPROX_SECONDS: Record<Duration['unit'], number> = { S: 1, D: 86_400, W: 7 * 86_400, M: 30 * 86_400, Y: 365 * 86_400 };

/** The smallest bar size (ms) IB allows for a duration. */
export function minimumBarMs(d: Duration): number {
  const seconds = d.count * APPROX_SECONDS[d.unit];
  return STEP_TABLE.find(([max]) => seconds <= max)![1];
}

/**
 * `endDateTime` as the API sends it: '' (now), `yyyyMMdd-HH:mm:ss` (UTC), `yyyyMMdd HH:mm:ss zone`,
 * or without a zone (TWS's zone, with warning 2174 as TWS sends since it deprecated implied zones).
 */
export function parseEndDateTime(text: string, now: number): { end: number; warning?: TwsError } | TwsError {
  if (text === '') return { end: now };
  const invalid = {
    code: 321,
    message: `Error validating request.-'bS' : cause - Historical data query end date/time string [${text}] is invalid.  Format is 'YYYYMMDD{SPACE}hh:mm:ss[{SPACE}TMZ]'.`,
  };
  const m = /^(\d{4})(\d{2})(\d{2})([- ])(\d{2}):(\d{2}):(\d{2})(?: (\S+))?$/.exec(text);
  if (!m) return invalid;
  const [, y, mo, d, separator, h, mi, s, zone] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(wall);
  if (check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return invalid;
  if (separator === '-') return zone === undefined ? { end: wall } : invalid;
  if (zone === undefined) {
    return {
      end: wallToUtc(wall, TWS_ZONE),
      warning: {
        code: 2174,
        message: 'Warning: You submitted request with date-time attributes without explicit time zone. Please switch to use yyyymmdd-hh:mm:ss in UTC or use instrument time zone, like US/Eastern. Implied time zone functionality will be removed in the next API release',
      },
    };
  }
  try {
    return { end: wallToUtc(wall, zone) };
  } catch {
    return invalid;
  }
}
