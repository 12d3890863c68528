import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { ParseOptions } from '../../../src-shared/domain/import.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { detectFormat, parseFile } from '../../../src-workers/import/index.ts';

const enc = (text: string) => new TextEncoder().encode(text);
const utc = (iso: string) => Date.parse(iso);

const HEADER = 'Date,Open,High,Low,Close,Volume';
const DAILY: ParseOptions = {
  kind: 'bars',
  delimiter: ',',
  hasHeader: true,
  dateFormat: 'iso',
  mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
  timeZone: 'UTC',
  timeframe: '1d' as Timeframe,
  decimalComma: false,
};

/** `n` valid daily rows from `from` on, one per day. */
function goodRows(n: number, from = '2014-01-01'): string[] {
  const start = utc(`${from}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => `${new Date(start + i * 86_400_000).toISOString().slice(0, 10)},10,11,9,10.5,100`);
}

/** The AppFailure `fn` throws. */
function failure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected an AppFailure');
}

describe('row validation', () => {
  it('rejects a row whose high is below its close, naming the line and both values', () => {
    const text = [HEADER, '2014-01-02,10.0,10.8,9.9,10.5,100', '2014-01-03,10.5,10.5,10.1,11.0,100', '2014-01-06,11.0,11.2,10.9,11.1,100', ''].join('\n');
    const out = parseFile(enc(text), DAILY);
    expect(out.rejected).toEqual([{ row: 3, reason: 'high 10.5 is below close 11.0' }]);
    expect(out.rejectedCount).toBe(1);
    expect(out.rows).toBe(3);
    expect(Array.from(out.bars.time)).toEqual([utc('2014-01-02T00:00:00Z'), utc('2014-01-06T00:00:00Z')]);
  });

  it('gives a reason quoting the field and value for each kind of bad row, counting blank lines', () => {
    const text = [
      HEADER, //                                     line 1
      '2014-01-02,10,11,9,10.5,100', //              line 2
      '', //                                         line 3: blank, skipped silently
      '2014-13-45,10,11,9,10.5,100', //              line 4
      '2014-01-06,10,11,9,10.5', //                  line 5
      '2014-01-07,null,null,null,null,null', //      line 6 (Yahoo's missing day)
      '2014-01-08,10,11,9.5,9.2,100', //             line 7
      '2014-01-09,-1,11,9,10.5,100', //              line 8
      '2014-01-10,10,11,9,10.5,-5', //               line 9
      '2014-01-13,10,11,9,abc,100', //               line 10
      '2014-01-14,10,11,12,10.5,100', //             line 11
      ...goodRows(600, '2015-01-01'),
    ].join('\n');
    const out = parseFile(enc(text), DAILY);
    expect(out.rejected).toEqual([
      { row: 4, reason: 'date "2014-13-45" is not a valid yyyy-mm-dd date' },
      { row: 5, reason: 'expected 6 fields, found 5' },
      { row: 6, reason: 'open is "null" (a missing value)' },
      { row: 7, reason: 'low 9.5 is above close 9.2' },
      { row: 8, reason: 'open -1 is not a positive price' },
      { row: 9, reason: 'volume -5 is negative' },
      { row: 10, reason: 'close "abc" is not a number' },
      { row: 11, reason: 'low 12 is above open 10' },
    ]);
    expect(out.rows).toBe(609); // 9 rows above (the blank line is no row) and 600 good ones
    expect(out.bars.time.length).toBe(601);
  });

  it('rejects quotes whose ask is below the bid', () => {
    const options: ParseOptions = { ...DAILY, kind: 'quotes', dateFormat: 'dmy-slash', timeframe: '1m' as Timeframe, mapping: { date: 0, bid: 1, ask: 2 } };
    const out = parseFile(enc('TIMESTAMP,BID,ASK\n02/03/2010 16:53:50,0.5346,0.5347\n02/03/2010 16:53:51,0.5350,0.5343\n'), options);
    expect(out.rejected).toEqual([{ row: 3, reason: 'ask 0.5343 is below bid 0.5350' }]);
    expect(out.bars.close[0]).toBeCloseTo(0.53465, 12);
  });

  it('uses volume 0 when no volume column is mapped', () => {
    const out = parseFile(enc('Date,Open,High,Low,Close\n2014-01-02,10,11,9,10.5\n'), { ...DAILY, mapping: { date: 0, open: 1, high: 2, low: 3, close: 4 } });
    expect(Array.from(out.bars.volume)).toEqual([0]);
  });

  it('keeps the first 1,000 rejected rows and counts them all', () => {
    const rows = goodRows(200_000);
    for (let i = 0; i < 1500; i++) rows[i * 100] = rows[i * 100].replace(',11,', ',1,');
    const out = parseFile(enc([HEADER, ...rows].join('\n')), { ...DAILY, timeframe: '1m' as Timeframe });
    expect(out.rejectedCount).toBe(1500);
    expect(out.rejected).toHaveLength(1000);
    expect(out.rejected[0]).toEqual({ row: 2, reason: 'high 1 is below open 10' });
    expect(out.rejected[999].row).toBe(999 * 100 + 2);
  });
});

describe('order and duplicate times', () => {
  it('sorts bars ascending and lets the last row of a duplicate time win, rejecting nothing', () => {
    const text = [HEADER, '2014-01-03,2,2,2,2,1', '2014-01-02,1,1,1,1,1', '2014-01-03,3,3,3,3,3', '2014-01-01,5,5,5,5,5'].join('\n');
    const out = parseFile(enc(text), DAILY);
    expect(Array.from(out.bars.time)).toEqual([utc('2014-01-01T00:00:00Z'), utc('2014-01-02T00:00:00Z'), utc('2014-01-03T00:00:00Z')]);
    expect(Array.from(out.bars.close)).toEqual([5, 1, 3]);
    expect(Array.from(out.bars.volume)).toEqual([5, 1, 3]);
    expect(out.rejectedCount).toBe(0);
    expect(out.rows).toBe(4);
  });

  it('keeps the last of repeated times in an already ascending file', () => {
    const text = [HEADER, '2014-01-02,1,1,1,1,1', '2014-01-02,2,2,2,2,2', '2014-01-03,3,3,3,3,3'].join('\n');
    const out = parseFile(enc(text), DAILY);
    expect(Array.from(out.bars.close)).toEqual([2, 3]);
  });
});

describe('file-level failures', () => {
  it('refuses binary content, naming the first NUL byte', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const e = failure(() => detectFormat(png, 'chart.png'));
    expect(e.code).toBe('INVALID_FILE');
    expect(e.message).toBe('chart.png is not a text CSV file (binary content at byte 8)');
  });

  it('refuses content that is mostly not UTF-8 even without NUL bytes', () => {
    const bytes = new Uint8Array(4000).map((_, i) => 0x80 + (i % 64));
    expect(failure(() => detectFormat(bytes, 'x.bin')).message).toBe('x.bin is not a text CSV file (binary content at byte 0)');
  });

  it('refuses an empty file', () => {
    expect(failure(() => detectFormat(new Uint8Array(0), 'empty.csv')).message).toBe('empty.csv is empty');
    const e = failure(() => parseFile(enc('\n  \n'), DAILY));
    expect([e.code, e.message]).toEqual(['INVALID_FILE', 'file is empty']);
  });

  it('refuses a header without rows', () => {
    expect(failure(() => detectFormat(enc(HEADER + '\n'), 'h.csv')).message).toBe('h.csv has a header but no data rows');
    expect(failure(() => parseFile(enc(HEADER + '\n\n'), DAILY)).message).toBe('file has a header but no data rows');
  });

  it('refuses a file whose last line is cut short', () => {
    const text = [HEADER, '2014-01-02,1,2,0.5,1.5,10', '2014-01-03,1,2,0.5'].join('\n');
    const e = failure(() => parseFile(enc(text), DAILY));
    expect(e.code).toBe('INVALID_FILE');
    expect(e.message).toBe('file looks truncated: line 3 has 4 of 6 fields');
  });

  it('accepts a short last line that ends with a newline as one rejected row', () => {
    const text = [HEADER, ...goodRows(20), '2014-03-01,1,2,0.5', ''].join('\n');
    const out = parseFile(enc(text), DAILY);
    expect(out.rejected).toEqual([{ row: 22, reason: 'expected 6 fields, found 4' }]);
  });

  it('refuses more bad rows than max(10, 1% of rows), quoting the first', () => {
    const rows = goodRows(20);
    for (let i = 5; i < 16; i++) rows[i] = rows[i].replace(',9,', ',12,');
    const e = failure(() => parseFile(enc([HEADER, ...rows].join('\n')), DAILY));
    expect(e.code).toBe('INVALID_FILE');
    expect(e.message).toBe('too many bad rows: 11 of 20 rows rejected; first: line 7: low 12 is above open 10');
    expect(e.details).toMatchObject({ rows: 20, rejectedCount: 11 });
    expect((e.details as { rejected: unknown[] }).rejected[0]).toEqual({ row: 7, reason: 'low 12 is above open 10' });
  });

  it('accepts exactly 10 bad rows of 20 (the limit is max(10, 1%))', () => {
    const rows = goodRows(20);
    for (let i = 5; i < 15; i++) rows[i] = rows[i].replace(',9,', ',12,');
    expect(parseFile(enc([HEADER, ...rows].join('\n')), DAILY).rejectedCount).toBe(10);
  });

  it('formats large counts with thousands separators', () => {
    const rows = goodRows(5000);
    for (let i = 0; i < 1234; i++) rows[i * 4 + 1] = rows[i * 4 + 1].replace(',11,', ',1,');
    const e = failure(() => parseFile(enc([HEADER, ...rows].join('\n')), DAILY));
    expect(e.message).toBe('too many bad rows: 1,234 of 5,000 rows rejected; first: line 3: high 1 is below open 10');
  });

  it('refuses a file where every row is bad', () => {
    const e = failure(() => parseFile(enc([HEADER, '2014-01-02,x,1,1,1,1', '2014-01-03,x,1,1,1,1'].join('\n')), DAILY));
    expect(e.message).toBe('no valid rows: all 2 rows were rejected; first: line 2: open "x" is not a number');
  });
});

describe('progress', () => {
  it('reports about every 50,000 rows and once at the end', () => {
    const calls: [number, number][] = [];
    parseFile(enc([HEADER, ...goodRows(120_000)].join('\n')), { ...DAILY, timeframe: '1m' as Timeframe }, (done, total) => calls.push([done, total]));
    expect(calls.map(([done]) => done)).toEqual([50_000, 100_000, 120_000]);
    for (const [done, total] of calls) expect(total).toBeGreaterThanOrEqual(done);
    expect(calls[0][1]).toBeGreaterThan(110_000);
    expect(calls[0][1]).toBeLessThan(130_000);
  });
});
