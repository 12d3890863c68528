import { z } from 'zod';

/**
 * A bar timeframe as traders write it: `30s`, `1m`, `5m`, `1h`, `4h`, `1d`, `1w`, `1M` and any
 * custom multiple of a unit (`3m`, `2h`). Minutes are lower-case `m`, months upper-case `M`.
 */
export type Timeframe = string & { readonly __brand: 'Timeframe' };

export const TIMEFRAME_UNITS = ['s', 'm', 'h', 'd', 'w', 'M'] as const;
export type TimeframeUnit = (typeof TIMEFRAME_UNITS)[number];

const UNIT_MS: Record<Exclude<TimeframeUnit, 'M'>, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PATTERN = /^([1-9][0-9]{0,3})(s|m|h|d|w|M)$/;

export interface TimeframeParts {
  readonly count: number;
  readonly unit: TimeframeUnit;
}

export function parseTimeframe(text: string): TimeframeParts | null {
  const match = PATTERN.exec(text);
  if (!match) return null;
  return { count: Number(match[1]), unit: match[2] as TimeframeUnit };
}

export function isTimeframe(text: string): text is Timeframe {
  return parseTimeframe(text) !== null;
}

export const TimeframeSchema = z
  .string()
  .refine(isTimeframe, { message: 'expected a timeframe such as 1m, 5m, 1h, 4h, 1d, 1w or 1M' })
  .transform((s) => s as Timeframe);

/** The common timeframes, in ascending order, offered in selectors. */
export const STANDARD_TIMEFRAMES = ['1s', '1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1M'] as Timeframe[];

/** Fixed length in ms, or null for calendar months (which vary). */
export function timeframeMs(tf: Timeframe | string): number | null {
  const parts = parseTimeframe(tf);
  if (!parts) throw new Error(`not a timeframe: ${tf}`);
  if (parts.unit === 'M') return null;
  return parts.count * UNIT_MS[parts.unit];
}

/** A rough length used only for ordering and chunk sizing (a month counts as 30 days). */
export function nominalMs(tf: Timeframe | string): number {
  const parts = parseTimeframe(tf);
  if (!parts) throw new Error(`not a timeframe: ${tf}`);
  return parts.unit === 'M' ? parts.count * 30 * 86_400_000 : parts.count * UNIT_MS[parts.unit];
}

const MONDAY_EPOCH_OFFSET = 4 * 86_400_000; // 1970-01-01 was a Thursday; 1970-01-05 a Monday

/**
 * Start of the bucket of timeframe `tf` that holds `timeMs` (UTC). Weeks start on Monday,
 * months on the 1st; other timeframes are aligned to multiples of their length since the epoch,
 * so 4h bars start at 00:00, 04:00, … UTC.
 */
export function bucketStart(timeMs: number, tf: Timeframe | string): number {
  const parts = parseTimeframe(tf);
  if (!parts) throw new Error(`not a timeframe: ${tf}`);
  if (parts.unit === 'M') {
    const d = new Date(timeMs);
    const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth();
    const start = monthIndex - (monthIndex % parts.count);
    return Date.UTC(Math.floor(start / 12), start % 12, 1);
  }
  const len = parts.count * UNIT_MS[parts.unit];
  if (parts.unit === 'w') {
    return Math.floor((timeMs - MONDAY_EPOCH_OFFSET) / len) * len + MONDAY_EPOCH_OFFSET;
  }
  return Math.floor(timeMs / len) * len;
}

/**
 * Whether bars of `lower` can be aggregated exactly into bars of `higher`:
 * every `higher` bucket is a union of whole `lower` buckets.
 */
export function canResample(lower: Timeframe | string, higher: Timeframe | string): boolean {
  const lo = parseTimeframe(lower);
  const hi = parseTimeframe(higher);
  if (!lo || !hi) return false;
  if (hi.unit === 'M') {
    if (lo.unit === 'M') return hi.count % lo.count === 0 && hi.count > lo.count;
    // Sub-day bars and single days tile a calendar month; multi-day and weekly bars do not.
    return lo.unit !== 'w' && (lo.unit !== 'd' || lo.count === 1);
  }
  if (lo.unit === 'M') return false;
  const loMs = timeframeMs(lower)!;
  const hiMs = timeframeMs(higher)!;
  if (hiMs <= loMs || hiMs % loMs !== 0) return false;
  // Weekly buckets start on Monday; only bars of at most a day tile them.
  if (hi.unit === 'w') return loMs <= UNIT_MS.d;
  return true;
}

export function compareTimeframes(a: string, b: string): number {
  return nominalMs(a) - nominalMs(b);
}
