import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, sharedDataFile } from '../../support/shared-data.ts';
import { DetectionSchema } from '../../../src-shared/domain/import.ts';
import { detectFormat, parseFile } from '../../../src-workers/import/index.ts';

/** A bar as copied by hand from a file's line: [ISO time (UTC), open, high, low, close, volume]. */
type Bar = [string, number, number, number, number, number];

interface Expected {
  file: string;
  format: string;
  kind: 'bars' | 'ticks' | 'quotes';
  /** The measured timeframe of the bars, or null for ticks and quotes. */
  detected: string | null;
  /** The timeframe proposed in the options. */
  timeframe: string;
  symbol: string;
  rows: number;
  bars: number;
  first: Bar;
  last: Bar;
}

const FILES: Expected[] = [
  {
    file: 'orcl-1995-2014.csv', format: 'yahoo', kind: 'bars', detected: '1d', timeframe: '1d', symbol: 'ORCL', rows: 5036, bars: 5036,
    first: ['1995-01-03T00:00:00Z', 2.179012, 2.191358, 2.117284, 2.117284, 36301200],
    last: ['2014-12-31T00:00:00Z', 45.450001, 45.560001, 44.970001, 44.970001, 13269200],
  },
  {
    file: 'nvda-1999-2014.csv', format: 'yahoo', kind: 'bars', detected: '1d', timeframe: '1d', symbol: 'NVDA', rows: 4012, bars: 4012,
    first: ['1999-01-22T00:00:00Z', 1.75, 1.953125, 1.552083, 1.640625, 67867200],
    last: ['2014-12-31T00:00:00Z', 20.4, 20.51, 19.99, 20.049999, 4157500],
  },
  {
    file: 'yhoo-1996-2014.csv', format: 'yahoo', kind: 'bars', detected: '1d', timeframe: '1d', symbol: 'YHOO', rows: 4713, bars: 4713,
    first: ['1996-04-12T00:00:00Z', 1.052083, 1.791667, 1.020833, 1.375, 408720000],
    last: ['2014-12-31T00:00:00Z', 51.540001, 51.68, 50.459999, 50.509998, 9305000],
  },
  {
    file: 'estx50-2006-daily.csv', format: 'backtrader', kind: 'bars', detected: '1d', timeframe: '1d', symbol: 'ESTX50', rows: 255, bars: 255,
    first: ['2006-01-02T00:00:00Z', 3578.73, 3605.95, 3578.73, 3604.33, 0],
    last: ['2006-12-29T00:00:00Z', 4130.12, 4142.01, 4119.94, 4119.94, 0],
  },
  {
    file: 'estx50-2006-5min.csv', format: 'backtrader', kind: 'bars', detected: '5m', timeframe: '5m', symbol: 'ESTX50', rows: 2142, bars: 2142,
    first: ['2006-01-02T09:05:00Z', 3578.73, 3587.88, 3578.73, 3582.99, 0],
    last: ['2006-01-30T17:30:00Z', 3679.29, 3679.4, 3676.31, 3677.52, 0],
  },
  {
    file: 'estx50-2006-1min.csv', format: 'backtrader', kind: 'bars', detected: '1m', timeframe: '1m', symbol: 'ESTX50', rows: 30889, bars: 30889,
    first: ['2006-01-02T09:01:00Z', 3602, 3603, 3597, 3599, 5699],
    last: ['2006-02-27T22:00:00Z', 3840, 3840, 3838, 3838, 327],
  },
  {
    // 135 trades from 20:57:42 to 21:00:00.238 → one-minute bars 20:57, 20:58, 20:59, 21:00.
    // 20:57 holds lines 2–6: 3067 (180), 3066 (2), 3066 (1), 3066 (2), 3066 (1).
    file: 'estx50-ticks-2015-09-23.csv', format: 'ticks', kind: 'ticks', detected: null, timeframe: '1m', symbol: 'ESTX50', rows: 135, bars: 4,
    first: ['2015-09-23T20:57:00Z', 3067, 3067, 3066, 3066, 186],
    last: ['2015-09-23T21:00:00Z', 3069, 3069, 3069, 3069, 1],
  },
  {
    // Ten quotes, all within 16:53 of 2 March 2010 (day-first): one bar of the mid price.
    // First mid (0.5346 + 0.5347) / 2, last (0.5684 + 0.5688) / 2, high (0.5824 + 0.5826) / 2, low (0.5342 + 0.5344) / 2.
    file: 'eurusd-bidask-sample.csv', format: 'bidask', kind: 'quotes', detected: null, timeframe: '1m', symbol: 'EURUSD', rows: 10, bars: 1,
    first: ['2010-03-02T16:53:00Z', 0.53465, 0.5825, 0.5343, 0.5686, 0],
    last: ['2010-03-02T16:53:00Z', 0.53465, 0.5825, 0.5343, 0.5686, 0],
  },
];

function read(name: string): Uint8Array {
  return new Uint8Array(readFileSync(sharedDataFile(name)));
}

describe.skipIf(!sharedDataDir)('the real files in ../shared/data', () => {
  for (const x of FILES) {
    describe(x.file, () => {
      it(`is detected as ${x.format} ${x.kind} with timeframe ${x.timeframe}`, () => {
        const d = detectFormat(read(x.file), x.file);
        expect(d.format).toBe(x.format);
        expect(d.options?.kind).toBe(x.kind);
        expect(d.detectedTimeframe).toBe(x.detected);
        expect(d.options?.timeframe).toBe(x.timeframe);
        expect(d.options?.timeZone).toBe('UTC');
        expect(d.suggestedSymbol).toBe(x.symbol);
        expect(d.sampleRows).toHaveLength(Math.min(20, x.rows));
        expect(DetectionSchema.safeParse(d).error).toBeUndefined();
      });

      it(`parses fully: ${x.rows} rows into ${x.bars} bars, none rejected`, () => {
        const bytes = read(x.file);
        const outcome = parseFile(bytes, detectFormat(bytes, x.file).options!);
        expect(outcome.rows).toBe(x.rows);
        expect(outcome.rejectedCount).toBe(0);
        expect(outcome.rejected).toEqual([]);
        const b = outcome.bars;
        expect(b.time.length).toBe(x.bars);
        const at = (i: number): Bar => [new Date(b.time[i]).toISOString().replace('.000Z', 'Z'), b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]];
        const close = (actual: Bar, expected: Bar) => {
          expect(actual[0]).toBe(expected[0]);
          // Prices are parsed exactly as Number() reads them; quote mids are computed, so near.
          for (let k = 1; k < 6; k++) {
            if (x.kind === 'quotes') expect(actual[k]).toBeCloseTo(expected[k] as number, 12);
            else expect(actual[k]).toBe(expected[k]);
          }
        };
        close(at(0), x.first);
        close(at(x.bars - 1), x.last);
        for (let i = 1; i < b.time.length; i++) expect(b.time[i]).toBeGreaterThan(b.time[i - 1]);
      });
    });
  }

  it('handles the 1-minute file whose header names 7 columns over rows of 8 fields', () => {
    const d = detectFormat(read('estx50-2006-1min.csv'), 'estx50-2006-1min.csv');
    expect(d.options?.mapping).toEqual({ date: 0, time: 1, open: 2, high: 3, low: 4, close: 5, volume: 6 });
    expect(d.columns).toEqual(['Date', 'Time', 'Open', 'High', 'Low', 'Close', 'Volume', 'OpenInterest']);
    expect(d.notes.join(' ')).toMatch(/Rows have 8 fields but the header names 7/);
    expect(d.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('uses Close rather than Adj Close for Yahoo files, and says so', () => {
    const d = detectFormat(read('orcl-1995-2014.csv'), 'orcl-1995-2014.csv');
    expect(d.options?.mapping).toEqual({ date: 0, open: 1, high: 2, low: 3, close: 4, volume: 6 });
    expect(d.notes.some((n) => n.includes('"Close" is used as the close, not "Adj Close"'))).toBe(true);
    expect(d.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('aggregates the tick file into the two middle minutes as counted from the file', () => {
    const bytes = read('estx50-ticks-2015-09-23.csv');
    const { bars } = parseFile(bytes, detectFormat(bytes, 'x.csv').options!);
    // 20:58: 42 trades, first 3066, last 3067, range 3065..3069, 1,029 contracts; 20:59: 87 trades.
    expect([bars.open[1], bars.high[1], bars.low[1], bars.close[1], bars.volume[1]]).toEqual([3066, 3069, 3065, 3067, 1029]);
    expect([bars.open[2], bars.high[2], bars.low[2], bars.close[2], bars.volume[2]]).toEqual([3068, 3069, 3067, 3068, 1383]);
  });

  it('flags the bid/ask dates 02/03/2010 as ambiguous and lowers confidence', () => {
    const d = detectFormat(read('eurusd-bidask-sample.csv'), 'eurusd-bidask-sample.csv');
    expect(d.options?.dateFormat).toBe('dmy-slash');
    expect(d.options?.mapping).toEqual({ date: 0, bid: 1, ask: 2 });
    expect(d.confidence).toBeLessThan(0.8);
    expect(d.notes.some((n) => n.includes('day-first and month-first'))).toBe(true);
  });
});
