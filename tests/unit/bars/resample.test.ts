import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resampleBars } from '../../../src-workers/bars/resample.ts';
import { type BarColumns, emptyBars } from '../../../src-shared/domain/bars.ts';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';

const tf = (s: string) => s as Timeframe;

/** One bar as written in a test: [ISO time, open, high, low, close, volume]. */
type Row = readonly [string, number, number, number, number, number];

function columns(rows: readonly Row[]): BarColumns {
  const bars = emptyBars(rows.length);
  rows.forEach(([time, o, h, l, c, v], i) => {
    bars.time[i] = Date.parse(time);
    bars.open[i] = o;
    bars.high[i] = h;
    bars.low[i] = l;
    bars.close[i] = c;
    bars.volume[i] = v;
  });
  return bars;
}

function rows(bars: BarColumns): Row[] {
  return Array.from(bars.time, (t, i) => [
    new Date(t).toISOString(),
    bars.open[i],
    bars.high[i],
    bars.low[i],
    bars.close[i],
    bars.volume[i],
  ]);
}

function refusal(run: () => unknown): AppFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

describe('resampleBars', () => {
  it('aggregates 1m bars into 5m buckets across gaps, keeping partial first and last buckets', () => {
    const minutes = columns([
      ['2024-01-02T09:28:00Z', 10, 11, 9.5, 10.5, 100],
      ['2024-01-02T09:29:00Z', 10.5, 10.8, 10.2, 10.6, 50],
      ['2024-01-02T09:30:00Z', 10.6, 10.9, 10.4, 10.7, 10],
      ['2024-01-02T09:31:00Z', 10.7, 12, 10.6, 11.8, 20],
      ['2024-01-02T09:32:00Z', 11.8, 11.9, 9, 9.2, 30],
      // 09:33 is missing
      ['2024-01-02T09:34:00Z', 9.2, 9.5, 9.1, 9.4, 40],
      ['2024-01-02T09:35:00Z', 9.4, 9.6, 9.3, 9.5, 5],
      ['2024-01-02T09:36:00Z', 9.5, 9.7, 9.4, 9.6, 6],
      // 09:37–09:41 missing; the 09:40 bucket holds a single bar
      ['2024-01-02T09:42:00Z', 9.6, 9.9, 9.55, 9.8, 7],
      // no bar at all in 09:45–09:49: that bucket is left out, not padded
      ['2024-01-02T09:51:00Z', 9.8, 10, 9.7, 9.9, 8],
    ]);
    expect(rows(resampleBars(minutes, tf('1m'), tf('5m')))).toEqual([
      ['2024-01-02T09:25:00.000Z', 10, 11, 9.5, 10.6, 150],
      ['2024-01-02T09:30:00.000Z', 10.6, 12, 9, 9.4, 100],
      ['2024-01-02T09:35:00.000Z', 9.4, 9.7, 9.3, 9.6, 11],
      ['2024-01-02T09:40:00.000Z', 9.6, 9.9, 9.55, 9.8, 7],
      ['2024-01-02T09:50:00.000Z', 9.8, 10, 9.7, 9.9, 8],
    ]);
  });

  it('aggregates daily bars into Monday-aligned weeks, starting mid-week', () => {
    const days = columns([
      ['2024-01-03T00:00:00Z', 100, 102, 99, 101, 1000], // Wednesday
      ['2024-01-04T00:00:00Z', 101, 105, 100, 104, 2000],
      ['2024-01-05T00:00:00Z', 104, 104.5, 98, 99, 1500],
      ['2024-01-07T00:00:00Z', 99, 100, 97, 98, 10], // Sunday closes the week of Monday 1 January
      ['2024-01-08T00:00:00Z', 98, 99, 95, 96, 3000], // Monday
      ['2024-01-09T00:00:00Z', 96, 97, 94, 95, 2500],
      ['2024-01-10T00:00:00Z', 95, 101, 95, 100, 2000],
      ['2024-01-11T00:00:00Z', 100, 103, 99, 102, 1800],
      ['2024-01-12T00:00:00Z', 102, 102, 100, 101, 1700],
      ['2024-01-15T00:00:00Z', 101, 106, 101, 105, 1600],
      ['2024-01-16T00:00:00Z', 105, 107, 93, 94, 4000],
    ]);
    expect(rows(resampleBars(days, tf('1d'), tf('1w')))).toEqual([
      ['2024-01-01T00:00:00.000Z', 100, 105, 97, 98, 4510],
      ['2024-01-08T00:00:00.000Z', 98, 103, 94, 101, 11000],
      ['2024-01-15T00:00:00.000Z', 101, 107, 93, 94, 5600],
    ]);
  });

  const monthEnds = columns([
    ['2023-12-29T00:00:00Z', 9, 10, 8.5, 10, 1],
    ['2024-01-30T00:00:00Z', 10, 12, 9, 11, 2],
    ['2024-01-31T00:00:00Z', 11, 13, 10, 12, 4],
    ['2024-02-01T00:00:00Z', 12, 12.5, 8, 9, 8],
    ['2024-02-29T00:00:00Z', 9, 15, 9, 14, 16], // leap day
    ['2024-03-01T00:00:00Z', 14, 14, 13, 13.5, 32],
    ['2024-04-01T00:00:00Z', 13.5, 16, 13, 15, 64],
  ]);

  it('aggregates daily bars into calendar months', () => {
    expect(rows(resampleBars(monthEnds, tf('1d'), tf('1M')))).toEqual([
      ['2023-12-01T00:00:00.000Z', 9, 10, 8.5, 10, 1],
      ['2024-01-01T00:00:00.000Z', 10, 13, 9, 12, 6],
      ['2024-02-01T00:00:00.000Z', 12, 15, 8, 14, 24],
      ['2024-03-01T00:00:00.000Z', 14, 14, 13, 13.5, 32],
      ['2024-04-01T00:00:00.000Z', 13.5, 16, 13, 15, 64],
    ]);
  });

  it('aggregates daily bars into calendar quarters', () => {
    expect(rows(resampleBars(monthEnds, tf('1d'), tf('3M')))).toEqual([
      ['2023-10-01T00:00:00.000Z', 9, 10, 8.5, 10, 1],
      ['2024-01-01T00:00:00.000Z', 10, 15, 8, 13.5, 62],
      ['2024-04-01T00:00:00.000Z', 13.5, 16, 13, 15, 64],
    ]);
  });

  it('aggregates 1m bars into UTC days, skipping a day without bars', () => {
    const minutes = columns([
      ['2024-01-02T23:58:00Z', 5, 6, 4, 5.5, 1],
      ['2024-01-02T23:59:00Z', 5.5, 7, 5, 6, 2],
      ['2024-01-03T00:00:00Z', 6, 6.5, 3, 4, 3],
      ['2024-01-03T00:01:00Z', 4, 4.2, 3.5, 4.1, 4],
      ['2024-01-05T12:00:00Z', 4.1, 4.3, 4, 4.2, 5],
    ]);
    expect(rows(resampleBars(minutes, tf('1m'), tf('1d')))).toEqual([
      ['2024-01-02T00:00:00.000Z', 5, 7, 4, 6, 3],
      ['2024-01-03T00:00:00.000Z', 6, 6.5, 3, 4.1, 7],
      ['2024-01-05T00:00:00.000Z', 4.1, 4.3, 4, 4.2, 5],
    ]);
  });

  it('refuses 1h bars into 90m bars', () => {
    const failure = refusal(() => resampleBars(emptyBars(), tf('1h'), tf('90m')));
    expect(failure.code).toBe('VALIDATION_FAILED');
    expect(failure.message).toBe('Cannot resample 1h bars into 90m bars: 90m is not a whole multiple of 1h');
  });

  it('refuses weekly bars into months', () => {
    const failure = refusal(() => resampleBars(emptyBars(), tf('1w'), tf('1M')));
    expect(failure.code).toBe('VALIDATION_FAILED');
    expect(failure.message).toMatch(/^Cannot resample 1w bars into 1M bars: 1w bars do not tile calendar months/);
  });

  it('refuses to resample into a shorter or equal timeframe', () => {
    expect(refusal(() => resampleBars(emptyBars(), tf('5m'), tf('1m'))).message).toBe(
      'Cannot resample 5m bars into 1m bars: 1m is not longer than 5m',
    );
    expect(refusal(() => resampleBars(emptyBars(), tf('1d'), tf('1d'))).code).toBe('VALIDATION_FAILED');
  });

  it('refuses bars that are not sorted by time', () => {
    const unsorted = columns([
      ['2024-01-02T09:31:00Z', 1, 1, 1, 1, 1],
      ['2024-01-02T09:30:00Z', 1, 1, 1, 1, 1],
    ]);
    expect(refusal(() => resampleBars(unsorted, tf('1m'), tf('5m'))).message).toMatch(
      /bar 1 \(2024-01-02T09:30:00.000Z\) comes before bar 0 \(2024-01-02T09:31:00.000Z\)/,
    );
  });

  it('returns empty columns for empty input', () => {
    const out = resampleBars(emptyBars(), tf('1m'), tf('5m'));
    expect(Object.values(out).map((c: Float64Array) => c.length)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(out.time).toBeInstanceOf(Float64Array);
  });

  /** Sorted 1m bars with random gaps; integer volumes so that sums are exact in any grouping. */
  const minuteSeries = fc
    .record({
      startMinute: fc.integer({ min: 0, max: 30_000_000 }),
      bars: fc.array(
        fc.record({
          gap: fc.integer({ min: 1, max: 400 }),
          open: fc.double({ min: 1, max: 1000, noNaN: true }),
          high: fc.double({ min: 1, max: 1000, noNaN: true }),
          low: fc.double({ min: 1, max: 1000, noNaN: true }),
          close: fc.double({ min: 1, max: 1000, noNaN: true }),
          volume: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        { maxLength: 300 },
      ),
    })
    .map(({ startMinute, bars }) => {
      const out = emptyBars(bars.length);
      let minute = startMinute;
      bars.forEach((b, i) => {
        minute += b.gap;
        out.time[i] = minute * 60_000;
        out.open[i] = b.open;
        out.high[i] = b.high;
        out.low[i] = b.low;
        out.close[i] = b.close;
        out.volume[i] = b.volume;
      });
      return out;
    });

  it('gives the same 15m bars through 5m as directly (property)', () => {
    fc.assert(
      fc.property(minuteSeries, (bars) => {
        const viaFive = resampleBars(resampleBars(bars, tf('1m'), tf('5m')), tf('5m'), tf('15m'));
        expect(viaFive).toEqual(resampleBars(bars, tf('1m'), tf('15m')));
      }),
    );
  });

  it('gives the same months through hours and days as directly (property)', () => {
    fc.assert(
      fc.property(minuteSeries, (bars) => {
        const hours = resampleBars(bars, tf('1m'), tf('1h'));
        const days = resampleBars(hours, tf('1h'), tf('1d'));
        expect(resampleBars(days, tf('1d'), tf('1M'))).toEqual(resampleBars(bars, tf('1m'), tf('1M')));
        expect(resampleBars(days, tf('1d'), tf('1w'))).toEqual(resampleBars(bars, tf('1m'), tf('1w')));
      }),
    );
  });
});
