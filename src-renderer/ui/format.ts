import { parseTimeframe } from '../../src-shared/domain/timeframe.ts';

// Fixed locale: counts read the same on every machine and in tests (5,036).
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** True for timeframes of a day or longer, whose bars are labelled by date alone. */
export function isDailyOrLonger(timeframe: string): boolean {
  const unit = parseTimeframe(timeframe)?.unit;
  return unit === 'd' || unit === 'w' || unit === 'M';
}

/** A bar's open time: `2014-01-02` for daily bars, `2014-01-02 09:30 UTC` for intraday ones. */
export function formatBarTime(ms: number | null, timeframe: string): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return isDailyOrLonger(timeframe) ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A moment in the user's local time, for "when did this happen" (jobs, logs). */
export function formatLocalTime(ms: number | null): string {
  if (ms === null) return '—';
  const d = new Date(ms);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return sameDay ? time : `${d.toLocaleDateString()} ${time}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
