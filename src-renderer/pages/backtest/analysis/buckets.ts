import type { TradeBucket } from '../../../../src-shared/domain/metrics.ts';
import { isDailyOrLonger } from '../../../ui/format.ts';

/**
 * Labels and order for the P&L-by-calendar plots. The analysis keys follow JavaScript's Date (weekday
 * 0 = Sunday, month 1–12, hour 0–23, all UTC); the plots read in a trader's order instead.
 */

export interface CalendarBar {
  key: number;
  label: string;
  /** Spelled out, for tooltips and screen readers. */
  name: string;
  count: number;
  winCount: number;
  pnl: number;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Monday to Friday always; Saturday and Sunday only when a trade was entered then (crypto, futures). */
export function weekdayBars(byWeekday: readonly TradeBucket[]): CalendarBar[] {
  const order = [1, 2, 3, 4, 5, 6, 0];
  return order
    .map((key) => toBar(byWeekday, key, WEEKDAYS[key].slice(0, 3), WEEKDAYS[key]))
    .filter((bar) => (bar.key !== 0 && bar.key !== 6) || bar.count > 0);
}

/** January to December, every month shown so a quiet month reads as a gap rather than vanishing. */
export function monthBars(byMonth: readonly TradeBucket[]): CalendarBar[] {
  return MONTHS.map((name, i) => toBar(byMonth, i + 1, name.slice(0, 3), name));
}

/**
 * The hours from the first to the last with an entry: a stock session then shows its 7 hours instead
 * of 24 mostly empty slots. Empty for no trades.
 */
export function hourBars(byHour: readonly TradeBucket[]): CalendarBar[] {
  const used = byHour.filter((b) => b.count > 0).map((b) => b.key);
  if (used.length === 0) return [];
  const first = Math.min(...used);
  const last = Math.max(...used);
  const bars: CalendarBar[] = [];
  for (let h = first; h <= last; h++) {
    const hh = String(h).padStart(2, '0');
    bars.push(toBar(byHour, h, hh, `${hh}:00–${hh}:59 UTC`));
  }
  return bars;
}

/**
 * Whether an hour-of-entry plot says anything: the bars must be intraday and the entries must fall
 * in more than one hour. Both are needed — daily bars stamped at midnight all share one hour, but
 * daily bars stamped at a local session open switch hour with daylight saving time.
 */
export function showsHourOfEntry(timeframe: string, byHour: readonly TradeBucket[]): boolean {
  if (isDailyOrLonger(timeframe)) return false;
  return byHour.filter((b) => b.count > 0).length > 1;
}

function toBar(buckets: readonly TradeBucket[], key: number, label: string, name: string): CalendarBar {
  const b = buckets.find((x) => x.key === key);
  return { key, label, name, count: b?.count ?? 0, winCount: b?.winCount ?? 0, pnl: b?.pnl ?? 0 };
}
