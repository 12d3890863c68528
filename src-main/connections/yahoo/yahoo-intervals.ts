import { DAY_MS } from '../../../src-shared/calendar/index.ts';
import { nominalMs, type Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { SourceError } from '../market-data-source.ts';

/** How Yahoo serves one Candlewick timeframe, and the limits it sets on asking. */
export interface YahooInterval {
  readonly timeframe: Timeframe;
  /** Yahoo's spelling in `interval=`. */
  readonly interval: string;
  /** Bars of a day or longer are stamped by session date, not by the instant Yahoo gives. */
  readonly daily: boolean;
  /** Yahoo serves these bars only this far back from now (intraday); null: all history. */
  readonly maxAgeDays: number | null;
  /** The longest span one request may cover; null: no limit. */
  readonly maxSpanDays: number | null;
}

const tf = (t: string): Timeframe => t as Timeframe;

/**
 * Yahoo's documented-by-refusal limits: 1m bars for the last 30 days and at most 7 days per
 * request; 2m–90m for the last 60 days; 1h (60m) for the last 730 days; daily and longer: all.
 */
export const YAHOO_INTERVALS: readonly YahooInterval[] = [
  { timeframe: tf('1m'), interval: '1m', daily: false, maxAgeDays: 30, maxSpanDays: 7 },
  { timeframe: tf('5m'), interval: '5m', daily: false, maxAgeDays: 60, maxSpanDays: null },
  { timeframe: tf('15m'), interval: '15m', daily: false, maxAgeDays: 60, maxSpanDays: null },
  { timeframe: tf('30m'), interval: '30m', daily: false, maxAgeDays: 60, maxSpanDays: null },
  { timeframe: tf('1h'), interval: '60m', daily: false, maxAgeDays: 730, maxSpanDays: null },
  { timeframe: tf('1d'), interval: '1d', daily: true, maxAgeDays: null, maxSpanDays: null },
  { timeframe: tf('1w'), interval: '1wk', daily: true, maxAgeDays: null, maxSpanDays: null },
  { timeframe: tf('1M'), interval: '1mo', daily: true, maxAgeDays: null, maxSpanDays: null },
];

export const YAHOO_TIMEFRAMES: readonly Timeframe[] = YAHOO_INTERVALS.map((i) => i.timeframe);

/**
 * The most bars one `history` call returns. A request never spans more than this many bar lengths,
 * so no single answer is larger; 10,000 daily bars (27 years) come in one request, and a week of
 * 1m crypto bars (10,080) in two.
 */
export const YAHOO_PAGE_LIMIT = 10_000;

/**
 * Yahoo counts its window back from the moment it answers, a little after we checked: a request
 * starting exactly at the edge would be refused, so the oldest minute is left out of it.
 */
export const AGE_SLACK_MS = 60_000;

export function yahooInterval(timeframe: Timeframe | string): YahooInterval {
  const found = YAHOO_INTERVALS.find((i) => i.timeframe === timeframe);
  if (!found) {
    throw new SourceError('request', `Yahoo has no ${timeframe} bars; it serves ${YAHOO_TIMEFRAMES.join(', ')}`);
  }
  return found;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Refuses, before asking, a range Yahoo would refuse; names the limit and the earliest time allowed. */
export function checkYahooRange(spec: YahooInterval, from: number, to: number, now: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
    throw new SourceError('request', `A history range needs from < to, got from ${from} and to ${to}`);
  }
  if (spec.maxAgeDays === null) return;
  const earliest = now - spec.maxAgeDays * DAY_MS;
  if (from < earliest) {
    const perRequest = spec.maxSpanDays === null ? '' : ` (and at most ${spec.maxSpanDays} days per request)`;
    throw new SourceError(
      'request',
      `Yahoo serves ${spec.timeframe} bars for the last ${spec.maxAgeDays} days only${perRequest}: from ${iso(from)} is before ${iso(earliest)}`,
    );
  }
}

/**
 * The spans [from, to) of the requests that cover a range, oldest first: each within Yahoo's
 * per-request limit and at most `pageLimit` bar lengths long. Nothing is asked beyond a day past
 * now (no bars exist there yet), nor before the oldest instant Yahoo still serves.
 */
export function requestSpans(spec: YahooInterval, from: number, to: number, now: number, pageLimit: number): Array<[number, number]> {
  const byPage = pageLimit * nominalMs(spec.timeframe);
  const span = spec.maxSpanDays === null ? byPage : Math.min(byPage, spec.maxSpanDays * DAY_MS);
  const start = spec.maxAgeDays === null ? from : Math.max(from, now - spec.maxAgeDays * DAY_MS + AGE_SLACK_MS);
  const end = Math.min(to, now + DAY_MS);
  const spans: Array<[number, number]> = [];
  for (let t = start; t < end; t += span) spans.push([t, Math.min(t + span, end)]);
  return spans;
}
