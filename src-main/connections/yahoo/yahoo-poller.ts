import { DAY_MS, type MarketCalendar } from '../../../src-shared/calendar/index.ts';
import { nominalMs } from '../../../src-shared/domain/timeframe.ts';
import { sleep, type Clock } from '../clock.ts';
import type { LiveEvent } from '../market-data-source.ts';
import { PolledBars } from './polled-bars.ts';
import type { MappedChart } from './yahoo-chart.mapper.ts';
import { calendarForMeta, type CalendarChoice } from './yahoo-exchanges.ts';
import { AGE_SLACK_MS, type YahooInterval } from './yahoo-intervals.ts';
import { periodEnd } from './yahoo-period-end.ts';

export interface PollerDeps {
  readonly symbol: string;
  readonly spec: YahooInterval;
  readonly pollMs: number;
  readonly clock: Clock;
  /** One chart request for bars with from ≤ time < to. */
  fetchBars(from: number, to: number, signal: AbortSignal): Promise<MappedChart>;
  /** The symbol's market if an earlier request already told it (so a closed market costs no request). */
  readonly knownCalendar: CalendarChoice | undefined;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/**
 * Yahoo has no push feed, so live bars are polled: every `pollMs` while the symbol's market is
 * open, each poll yielding the bars that are new or changed since the last one. While the market is
 * closed nothing is asked — the loop sleeps until the calendar's next open; the one poll after a
 * close is the one that closes the session's last bars. A symbol on a market without a calendar is
 * polled around the clock. Ends quietly when `signal` aborts; a failed request ends it with that
 * request's SourceError.
 */
export async function* pollYahooBars(deps: PollerDeps, signal: AbortSignal): AsyncGenerator<LiveEvent> {
  const { spec, clock } = deps;
  const polled = new PolledBars(spec.timeframe);
  let choice = deps.knownCalendar;
  let warned = false;
  const pause = async (ms: number): Promise<boolean> => {
    try {
      await sleep(clock, Math.max(0, ms), signal);
      return true;
    } catch (error) {
      if (signal.aborted) return false;
      throw error;
    }
  };

  while (!signal.aborted) {
    const now = clock.now();
    const calendar = choice?.calendar ?? null;
    if (calendar && !calendar.isOpen(now) && !polled.hasForming()) {
      // No session within a year (a calendar's horizon) is not expected; look again after a poll's wait.
      const opensAt = calendar.nextOpen(now);
      if (!(await pause(opensAt === null ? deps.pollMs : opensAt - now))) return;
      continue;
    }

    const [from, to] = pollWindow(deps.spec, polled.resumeFrom(), now);
    let chart: MappedChart;
    try {
      chart = await deps.fetchBars(from, to, signal);
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    choice = calendarForMeta(chart.meta);
    if (choice.calendar === null && !warned) {
      deps.log('warn', choice.reason);
      warned = true;
    }
    const known: MarketCalendar | null = choice.calendar;
    const { events, vanished } = polled.update(chart.bars, now, (time) => periodEnd(spec, known, time));
    for (const bar of vanished) {
      deps.log('warn', `Yahoo stopped listing the ${deps.symbol} ${spec.timeframe} bar of ${new Date(bar.time).toISOString()}; it is closed with the values last seen`);
    }
    for (const event of events) yield event;
    if (!(await pause(deps.pollMs))) return;
  }
}

/**
 * The range one poll asks for: from the oldest forming bar (or just after the newest bar seen, so
 * a long pause misses nothing), at least two bar lengths back, up to the bar in progress; within
 * what Yahoo allows per request.
 */
export function pollWindow(spec: YahooInterval, resumeFrom: number | null, now: number): [number, number] {
  const length = nominalMs(spec.timeframe);
  const to = now + length;
  let from = Math.min(now - 2 * length, resumeFrom ?? Infinity);
  if (spec.maxSpanDays !== null) from = Math.max(from, to - spec.maxSpanDays * DAY_MS);
  if (spec.maxAgeDays !== null) from = Math.max(from, now - spec.maxAgeDays * DAY_MS + AGE_SLACK_MS);
  return [from, to];
}
