import { type BarColumns, emptyBars } from '../../src-shared/domain/bars.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import { bucketStart, canResample, parseTimeframe, timeframeMs, type Timeframe } from '../../src-shared/domain/timeframe.ts';

const DAY_MS = 86_400_000;

/**
 * Aggregates bars of timeframe `from` into buckets of timeframe `to` (see {@link bucketStart}:
 * weeks start on Monday, months on the 1st, everything else on multiples since the epoch, UTC).
 *
 * Each output bar is stamped with its bucket start and takes the first bar's open, the highest
 * high, the lowest low, the last bar's close and the summed volume. Buckets that hold no input bar
 * are left out (no padding), and partial first and last buckets are kept as they are.
 *
 * `bars` must be sorted by time. Two passes over the input (count, then fill), no object per bar.
 *
 * @throws AppFailure `VALIDATION_FAILED` when `from` bars do not tile `to` buckets exactly, or when
 *   the input is not sorted by time.
 */
export function resampleBars(bars: BarColumns, from: Timeframe, to: Timeframe): BarColumns {
  if (!canResample(from, to)) {
    throw new AppFailure('VALIDATION_FAILED', `Cannot resample ${from} bars into ${to} bars: ${refusalReason(from, to)}`, {
      from,
      to,
    });
  }
  const { time, open, high, low, close, volume } = bars;
  const n = time.length;
  const fixedMs = timeframeMs(to); // null for calendar months

  // Pass 1: count buckets, checking order on the way.
  let buckets = 0;
  let end = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!Number.isFinite(t) || (i > 0 && t < time[i - 1])) {
      const why = !Number.isFinite(t)
        ? `bar ${i} has no valid time (${t})`
        : `bar ${i} (${iso(t)}) comes before bar ${i - 1} (${iso(time[i - 1])}); bars must be sorted by time`;
      throw new AppFailure('VALIDATION_FAILED', `Cannot resample ${from} bars into ${to} bars: ${why}`, { from, to, index: i });
    }
    if (t >= end) {
      buckets++;
      end = nextBucketStart(bucketStartAfter(t, end, fixedMs, to), fixedMs, to);
    }
  }

  // Pass 2: fill exactly sized columns.
  const out = emptyBars(buckets);
  let k = -1;
  end = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (t >= end) {
      k++;
      const start = bucketStartAfter(t, end, fixedMs, to);
      end = nextBucketStart(start, fixedMs, to);
      out.time[k] = start;
      out.open[k] = open[i];
      out.high[k] = high[i];
      out.low[k] = low[i];
      out.close[k] = close[i];
      out.volume[k] = volume[i];
    } else {
      if (high[i] > out.high[k]) out.high[k] = high[i];
      if (low[i] < out.low[k]) out.low[k] = low[i];
      out.close[k] = close[i];
      out.volume[k] += volume[i];
    }
  }
  return out;
}

/**
 * Start of the bucket holding `t`, given that `t` is at or after `end`, the start of the bucket
 * after the previous one. In dense data that is `end` itself, which saves parsing `to` again.
 */
function bucketStartAfter(t: number, end: number, fixedMs: number | null, to: Timeframe): number {
  return end !== -Infinity && t < nextBucketStart(end, fixedMs, to) ? end : bucketStart(t, to);
}

/** Start of the bucket after the one starting at `start`, for timeframe `to` of `fixedMs` (null: months). */
function nextBucketStart(start: number, fixedMs: number | null, to: Timeframe): number {
  if (fixedMs !== null) return start + fixedMs;
  // N months last at least N·28 and at most N·31 days, so N·31 days after a bucket's start always
  // lands inside the next bucket.
  return bucketStart(start + parseTimeframe(to)!.count * 31 * DAY_MS, to);
}

function refusalReason(from: Timeframe, to: Timeframe): string {
  const lo = parseTimeframe(from);
  const hi = parseTimeframe(to);
  if (!lo || !hi) return `${!lo ? from : to} is not a timeframe`;
  if (hi.unit === 'M' && lo.unit === 'M') {
    return hi.count > lo.count
      ? `${to} is not a whole multiple of ${from}`
      : `${to} is not longer than ${from}`;
  }
  if (hi.unit === 'M') return `${from} bars do not tile calendar months (only bars of at most one day do)`;
  if (lo.unit === 'M') return `months do not tile ${to} buckets`;
  const loMs = timeframeMs(from)!;
  const hiMs = timeframeMs(to)!;
  if (hiMs <= loMs) return `${to} is not longer than ${from}`;
  if (hiMs % loMs !== 0) return `${to} is not a whole multiple of ${from}`;
  return `${from} bars do not tile Monday-aligned weeks (only bars of at most one day do)`;
}

function iso(t: number): string {
  return Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : String(t);
}
