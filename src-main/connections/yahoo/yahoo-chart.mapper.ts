import { DAY_MS } from '../../../src-shared/calendar/index.ts';
import { bucketStart, timeframeMs } from '../../../src-shared/domain/timeframe.ts';
import { SourceError, type BarValues } from '../market-data-source.ts';
import type { YahooInterval } from './yahoo-intervals.ts';
import type { YahooChartMeta, YahooChartResult } from './yahoo.schema.ts';

export interface MappedChart {
  readonly meta: YahooChartMeta;
  /** Ascending by open time, one per period. */
  readonly bars: BarValues[];
  /** Rows left out because a value was null (nothing traded in that interval). */
  readonly skipped: number;
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Yahoo's chart columns → bars. Rows holding a null are skipped, never filled in. Bars of a day or
 * longer are stamped at UTC midnight of their session date in the exchange's zone, the store's
 * convention (Yahoo stamps them at the local open or midnight); intraday bars keep Yahoo's open
 * time, on the session's grid (a US 1h bar opens at 09:30, 10:30 … New York time).
 */
export function mapChart(result: YahooChartResult, spec: YahooInterval): MappedChart {
  const { meta } = result;
  const stamps = result.timestamp ?? [];
  const quote = result.indicators.quote[0]!;
  const columns = FIELDS.map((field) => {
    const column = quote[field] ?? [];
    if (column.length !== stamps.length) {
      throw new SourceError(
        'bad-data',
        `Yahoo's ${meta.symbol} chart has ${stamps.length} timestamps but ${column.length} values in chart.result[0].indicators.quote[0].${field}`,
      );
    }
    return column;
  });
  const [open, high, low, close, volume] = columns as [Array<number | null>, Array<number | null>, Array<number | null>, Array<number | null>, Array<number | null>];

  const stampOf = spec.daily ? dailyStamp(spec, meta) : intradayStamp(spec, meta);
  const bars: BarValues[] = [];
  let skipped = 0;
  for (let i = 0; i < stamps.length; i++) {
    const o = open[i]!, h = high[i]!, l = low[i]!, c = close[i]!, v = volume[i]!;
    if (o === null || h === null || l === null || c === null || v === null) {
      skipped++;
      continue;
    }
    const bar: BarValues = { time: stampOf(stamps[i]! * 1000), open: o, high: h, low: l, close: c, volume: v };
    const last = bars[bars.length - 1];
    if (last && bar.time < last.time) {
      throw new SourceError('bad-data', `Yahoo's ${meta.symbol} chart goes back in time at chart.result[0].timestamp[${i}]`);
    }
    if (last && bar.time === last.time) bars[bars.length - 1] = spec.interval === '1d' ? bar : mergeLiveRow(last, bar);
    else bars.push(bar);
  }
  return { meta, bars, skipped };
}

/**
 * While a market is open Yahoo may send the period in progress as two rows: the period so far and
 * a "live" row stamped at the last trade (yfinance's `fix_Yahoo_returning_live_separate`). For a
 * daily bar the live row repeats the whole day, fresher; for other periods it holds only the
 * latest part, so the two are joined.
 */
function mergeLiveRow(earlier: BarValues, live: BarValues): BarValues {
  return {
    time: earlier.time,
    open: earlier.open,
    high: Math.max(earlier.high, live.high),
    low: Math.min(earlier.low, live.low),
    close: live.close,
    volume: earlier.volume + live.volume,
  };
}

function dailyStamp(spec: YahooInterval, meta: YahooChartMeta): (ms: number) => number {
  const sessionDate = sessionDateOf(meta.exchangeTimezoneName, meta.gmtoffset);
  if (spec.interval === '1d') return sessionDate;
  return (ms) => bucketStart(sessionDate(ms), spec.timeframe);
}

/** Snaps a live row (stamped at its last trade) to the open of its period on the session's grid. */
function intradayStamp(spec: YahooInterval, meta: YahooChartMeta): (ms: number) => number {
  const length = timeframeMs(spec.timeframe)!;
  const sessionOpen = meta.currentTradingPeriod?.regular.start;
  // Daylight saving moves an open by whole hours, which keeps its phase within bars of ≤ 1 hour.
  const phase = sessionOpen === undefined ? 0 : mod(sessionOpen * 1000, length);
  return (ms) => ms - mod(ms - phase, length);
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

const dateFormats = new Map<string, Intl.DateTimeFormat | null>();

/**
 * The UTC midnight of the exchange-local date holding an instant. The zone's rules (Intl, the IANA
 * database) give the offset on that date; Yahoo's `gmtoffset` is only today's offset, which a
 * midnight stamp from the other side of a DST change would put on the wrong date.
 */
function sessionDateOf(timeZone: string, gmtoffsetSeconds: number): (ms: number) => number {
  let format = dateFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch {
      format = null; // a zone this runtime does not know: fall back to today's offset
    }
    dateFormats.set(timeZone, format);
  }
  if (format === null) return (ms) => Math.floor((ms + gmtoffsetSeconds * 1000) / DAY_MS) * DAY_MS;
  const f = format;
  return (ms) => {
    const parts = f.formatToParts(ms);
    const part = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(part('year'), part('month') - 1, part('day'));
  };
}
