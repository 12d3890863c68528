/**
 * Binance's kline intervals and how their buckets are laid out in UTC: fixed lengths aligned to
 * the epoch, weeks starting on Monday, months on the 1st.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
// 1970-01-01 was a Thursday: Monday-aligned weeks are offset by 4 days from the epoch.
const MONDAY_OFFSET = 4 * DAY;

const FIXED_MS: Record<string, number> = {
  '1m': MINUTE, '3m': 3 * MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '30m': 30 * MINUTE,
  '1h': HOUR, '2h': 2 * HOUR, '4h': 4 * HOUR, '6h': 6 * HOUR, '8h': 8 * HOUR, '12h': 12 * HOUR,
  '1d': DAY,
};

/** Every interval the fake serves (Binance's spot list without 1s and 3d). */
export const INTERVALS = [...Object.keys(FIXED_MS), '1w', '1M'] as const;

export function isInterval(text: string): boolean {
  return (INTERVALS as readonly string[]).includes(text);
}

/** Open time of the bucket of `interval` that holds `time`. */
export function bucketOpen(interval: string, time: number): number {
  const fixed = FIXED_MS[interval];
  if (fixed !== undefined) return Math.floor(time / fixed) * fixed;
  if (interval === '1w') return Math.floor((time - MONDAY_OFFSET) / WEEK) * WEEK + MONDAY_OFFSET;
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Open time of the bucket after the one opening at `open` (its exclusive end). */
export function nextBucketOpen(interval: string, open: number): number {
  const fixed = FIXED_MS[interval];
  if (fixed !== undefined) return open + fixed;
  if (interval === '1w') return open + WEEK;
  const d = new Date(open);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Open time of the bucket before the one opening at `open`. */
export function previousBucketOpen(interval: string, open: number): number {
  return bucketOpen(interval, open - 1);
}
