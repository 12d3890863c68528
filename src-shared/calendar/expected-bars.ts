import { bucketStart, parseTimeframe, timeframeMs, type Timeframe } from '../domain/timeframe.ts';
import { DAY_MS, type DayKey } from './civil-date.ts';
import type { MarketCalendar } from './types.ts';

/**
 * Where intraday bars start. `clock`: on multiples of the bar length since the epoch, as
 * `bucketStart` (and so the app's own bar builder and most exchanges' APIs) does — a 1h bar of an
 * NYSE day starts at 13:00 UTC and holds 09:30–10:00 ET. `session`: at the open and every bar
 * length after it (09:30, 10:30, … ET), as Yahoo and IB stamp stock bars.
 */
export type BarAlignment = 'clock' | 'session';

export interface ExpectedBars {
  /** Open times (UTC ms, ascending) of the bars the market should have in [fromMs, toMs). */
  readonly times: number[];
  /** Session days among them whose holidays the calendar does not know: gaps there may be holidays. */
  readonly provisionalDays: DayKey[];
}

/**
 * The bar open times a market should have for a timeframe — the reference for gap detection,
 * so that nights, weekends and holidays are not reported as gaps. Intraday bars are those that
 * overlap a session (a bar cut short by the close still exists); bars of a day or longer are one
 * per bucket holding at least one session day, stamped like `bucketStart` of the session date's
 * UTC midnight.
 */
export function expectedBars(
  calendar: MarketCalendar,
  timeframe: Timeframe | string,
  fromMs: number,
  toMs: number,
  align: BarAlignment = 'clock',
): ExpectedBars {
  const parts = parseTimeframe(timeframe);
  if (!parts) throw new Error(`not a timeframe: "${timeframe}"`);
  const times: number[] = [];
  const provisional = new Set<DayKey>();
  const push = (t: number, day: DayKey, isProvisional: boolean): void => {
    // Buckets can straddle two sessions (crypto days, long intraday bars): keep each time once.
    if (t < fromMs || t >= toMs || (times.length > 0 && t <= times[times.length - 1]!)) return;
    times.push(t);
    if (isProvisional) provisional.add(day);
  };

  const len = timeframeMs(timeframe);
  if (len !== null && len < DAY_MS) {
    for (const s of calendar.sessionsBetween(fromMs - len, toMs)) {
      const first = align === 'clock' ? Math.floor(s.open / len) * len : s.open;
      for (let t = first; t < s.close; t += len) push(t, s.day, s.provisional);
    }
  } else {
    // A weekly or monthly bucket may start before its first session day: look a month past toMs.
    const lookahead = parts.unit === 'd' && parts.count === 1 ? 0 : 31 * DAY_MS;
    for (const s of calendar.sessionsBetween(fromMs - DAY_MS, toMs + DAY_MS + lookahead)) {
      const dayStart = Date.parse(`${s.day}T00:00:00Z`);
      push(bucketStart(dayStart, timeframe), s.day, s.provisional);
    }
  }
  return { times, provisionalDays: [...provisional] };
}
