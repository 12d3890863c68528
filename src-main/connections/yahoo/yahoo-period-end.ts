import { DAY_MS, type MarketCalendar } from '../../../src-shared/calendar/index.ts';
import { timeframeMs } from '../../../src-shared/domain/timeframe.ts';
import type { YahooInterval } from './yahoo-intervals.ts';

/**
 * When the period of a bar opening at `time` is over, so that the bar is final. A bar ends at its
 * length or at the session's close, whichever comes first (a US 1h bar of 15:30 ends at 16:00, a
 * daily bar at the day's close, a weekly one at the close of its last session). Without a calendar
 * only the length counts.
 */
export function periodEnd(spec: YahooInterval, calendar: MarketCalendar | null, time: number): number {
  if (!spec.daily) {
    const end = time + timeframeMs(spec.timeframe)!;
    const close = calendar?.nextClose(time) ?? null;
    return close !== null && close < end ? close : end;
  }
  const bucketEnd = dailyBucketEnd(spec, time);
  if (!calendar || calendar.continuous) return bucketEnd;
  // Daily-and-longer bars are stamped at UTC midnight of session dates: walk those dates backwards.
  for (let day = bucketEnd - DAY_MS; day >= time; day -= DAY_MS) {
    const session = calendar.sessionOn(day);
    if (session) return session.close;
  }
  return bucketEnd;
}

function dailyBucketEnd(spec: YahooInterval, time: number): number {
  if (spec.interval === '1mo') {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return time + (spec.interval === '1wk' ? 7 : 1) * DAY_MS;
}
