import { timeframeMs, type Timeframe } from '../../../src-shared/domain/timeframe.ts';

/** IB's bar-size settings for the timeframes it serves natively, ascending. */
export const IB_BAR_SIZES: ReadonlyArray<readonly [Timeframe, string]> = ([
  ['1s', '1 secs'], ['5s', '5 secs'], ['10s', '10 secs'], ['15s', '15 secs'], ['30s', '30 secs'],
  ['1m', '1 min'], ['2m', '2 mins'], ['3m', '3 mins'], ['5m', '5 mins'], ['10m', '10 mins'], ['15m', '15 mins'],
  ['20m', '20 mins'], ['30m', '30 mins'], ['1h', '1 hour'], ['2h', '2 hours'], ['3h', '3 hours'], ['4h', '4 hours'],
  ['8h', '8 hours'], ['1d', '1 day'], ['1w', '1 week'], ['1M', '1 month'],
] as const).map(([tf, size]) => [tf as Timeframe, size] as const);

const SECOND = 1_000;
const DAY = 86_400_000;

/**
 * The longest span one request may cover per bar size. IB publishes these as guidelines (its own
 * samples ask 10 D of 1-minute bars); we keep to a week for minute bars, so 1-minute history costs
 * one request per week, and to IB's second-based limits for second bars.
 */
function maxSpanMs(periodMs: number): number {
  if (periodMs <= 1 * SECOND) return 1_800 * SECOND;
  if (periodMs <= 5 * SECOND) return 3_600 * SECOND;
  if (periodMs <= 15 * SECOND) return 14_400 * SECOND;
  if (periodMs < 60 * SECOND) return 28_800 * SECOND;
  if (periodMs < 30 * 60 * SECOND) return 7 * DAY;
  if (periodMs < DAY) return 31 * DAY;
  return 365 * DAY;
}

export interface IbHistoryCall {
  /** `yyyyMMdd-HH:mm:ss`, UTC: bars starting before this. */
  readonly end: string;
  /** `N S` up to a day, `N D` beyond (TWS refuses second durations over 86,400). */
  readonly duration: string;
  readonly barSize: string;
  /** Bars of 30 seconds or less: the 60-per-10-minutes pacing rule applies. */
  readonly smallBars: boolean;
  /** The window this call covers, ms: the source keeps only bars in it. */
  readonly from: number;
  readonly to: number;
}

/** The IB requests that together cover [from, to) for `timeframe`, newest first (as IB pages). */
export function historyCalls(timeframe: Timeframe, from: number, to: number): IbHistoryCall[] {
  const barSize = IB_BAR_SIZES.find(([tf]) => tf === timeframe)?.[1];
  if (!barSize) throw new RangeError(`IB has no ${timeframe} bars; it serves ${IB_BAR_SIZES.map(([tf]) => tf).join(', ')}`);
  const periodMs = timeframeMs(timeframe) ?? 31 * DAY;
  const span = maxSpanMs(periodMs);
  const calls: IbHistoryCall[] = [];
  for (let end = to; end > from; end -= span) {
    const start = Math.max(from, end - span);
    calls.push({ end: ibDateTime(end), duration: durationOf(end - start), barSize, smallBars: periodMs <= 30 * SECOND, from: start, to: end });
  }
  return calls;
}

function durationOf(ms: number): string {
  if (ms <= DAY) return `${Math.max(60, Math.ceil(ms / SECOND))} S`;
  return `${Math.ceil(ms / DAY)} D`;
}

/** `yyyyMMdd-HH:mm:ss` in UTC, the format TWS reads without a time zone name. */
export function ibDateTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * A bar time as TWS formats it with formatDate 2: epoch seconds for intraday bars, `yyyyMMdd` for
 * daily and longer bars (stored at 00:00 UTC of that date, like every daily series here).
 */
export function parseIbTime(text: string): number {
  const t = text.trim();
  if (/^\d{8}$/.test(t)) return Date.UTC(Number(t.slice(0, 4)), Number(t.slice(4, 6)) - 1, Number(t.slice(6, 8)));
  if (/^\d{9,11}$/.test(t)) return Number(t) * SECOND;
  return Number.NaN;
}
