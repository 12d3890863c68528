import { describe, expect, it } from 'vitest';
import { DetectionSchema } from '../../../src-shared/domain/import.ts';
import { detectFormat, parseFile } from '../../../src-workers/import/index.ts';

const enc = (text: string) => new TextEncoder().encode(text);
const utc = (iso: string) => Date.parse(iso);

/** Detects, then parses with the proposed options. */
function importText(text: string, fileName = 'data.csv') {
  const bytes = enc(text);
  const detection = detectFormat(bytes, fileName);
  // Whatever is detected must pass the contract's own schema (it crosses the IPC boundary).
  expect(DetectionSchema.safeParse(detection).error).toBeUndefined();
  if (!detection.options) throw new Error(`nothing detected: ${detection.notes.join(' ')}`);
  return { detection, outcome: parseFile(bytes, detection.options) };
}

describe('format detection and parsing of small files', () => {
  it('reads a Stooq <TICKER>,<PER>,<DATE>,<TIME>,… export with yyyymmdd dates and hhmmss times', () => {
    const { detection: d, outcome } = importText(
      [
        '<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>',
        'AAPL.US,5,20140102,093500,79.38,79.5,79.1,79.2,120000,0',
        'AAPL.US,5,20140102,094000,79.2,79.3,79.0,79.25,90000,0',
        'AAPL.US,5,20140102,094500,79.25,79.6,79.2,79.55,80000,0',
        '',
      ].join('\n'),
      'aapl.us.txt',
    );
    expect(d.format).toBe('stooq');
    expect(d.options).toMatchObject({ kind: 'bars', hasHeader: true, dateFormat: 'ymd-compact', timeframe: '5m' });
    expect(d.options?.mapping).toEqual({ date: 2, time: 3, open: 4, high: 5, low: 6, close: 7, volume: 8 });
    expect(d.detectedTimeframe).toBe('5m');
    expect(d.suggestedSymbol).toBe('AAPL');
    expect(d.confidence).toBeGreaterThanOrEqual(0.8);
    expect(Array.from(outcome.bars.time)).toEqual([utc('2014-01-02T09:35:00Z'), utc('2014-01-02T09:40:00Z'), utc('2014-01-02T09:45:00Z')]);
    expect(Array.from(outcome.bars.close)).toEqual([79.2, 79.25, 79.55]);
    expect(Array.from(outcome.bars.volume)).toEqual([120000, 90000, 80000]);
  });

  it('reads a Stooq daily Date,Open,High,Low,Close,Volume file', () => {
    const { detection: d, outcome } = importText(
      'Date,Open,High,Low,Close,Volume\n2014-01-02,10,11,9.5,10.5,1000\n2014-01-03,10.5,10.9,10.1,10.2,900\n2014-01-06,10.2,10.4,10,10.3,800\n',
    );
    expect(d.format).toBe('stooq');
    expect(d.options?.timeframe).toBe('1d');
    expect(outcome.bars.time[2]).toBe(utc('2014-01-06T00:00:00Z'));
  });

  it('reads a headerless MetaTrader history export, comma- or tab-separated', () => {
    const rows = [
      ['2014.01.02', '00:00', '1.3766', '1.3769', '1.3763', '1.3765', '45'],
      ['2014.01.02', '00:01', '1.3765', '1.3770', '1.3764', '1.3768', '38'],
      ['2014.01.02', '00:02', '1.3768', '1.3768', '1.3760', '1.3761', '52'],
    ];
    for (const sep of [',', '\t']) {
      const { detection: d, outcome } = importText(rows.map((r) => r.join(sep)).join('\r\n') + '\r\n', 'EURUSD1.csv');
      expect(d.format).toBe('metatrader');
      expect(d.options).toMatchObject({ kind: 'bars', delimiter: sep, hasHeader: false, dateFormat: 'ymd-dot', timeframe: '1m' });
      expect(d.options?.mapping).toEqual({ date: 0, time: 1, open: 2, high: 3, low: 4, close: 5, volume: 6 });
      expect(d.columns).toEqual(['column 1', 'column 2', 'column 3', 'column 4', 'column 5', 'column 6', 'column 7']);
      expect(d.suggestedSymbol).toBe('EURUSD');
      expect(outcome.rows).toBe(3);
      expect(outcome.bars.time[0]).toBe(utc('2014-01-02T00:00:00Z'));
      expect([outcome.bars.open[0], outcome.bars.high[0], outcome.bars.low[0], outcome.bars.close[0], outcome.bars.volume[0]]).toEqual([
        1.3766, 1.3769, 1.3763, 1.3765, 45,
      ]);
      expect(outcome.bars.close[2]).toBe(1.3761);
    }
  });

  it('reads Binance kline dumps with open times in milliseconds and in microseconds', () => {
    // 1704067200000 ms = 2024-01-01T00:00:00Z; 1735689600000000 µs = 2025-01-01T00:00:00Z.
    const ms = [
      '1704067200000,42283.58,42298.62,42283.57,42298.61,35.92724,1704067259999,1519602.75,1286,19.25718,814458.22,0',
      '1704067260000,42298.62,42320.00,42298.61,42319.99,21.40233,1704067319999,905547.5,1142,13.9,588083.2,0',
      '1704067320000,42319.99,42330.10,42300.00,42301.50,18.5,1704067379999,782000.1,990,9.1,385000.0,0',
    ].join('\n');
    const a = importText(ms, 'BTCUSDT-1m-2024-01.csv');
    expect(a.detection.format).toBe('binance');
    expect(a.detection.options).toMatchObject({ hasHeader: false, dateFormat: 'unix-ms', timeframe: '1m' });
    expect(a.detection.options?.mapping).toEqual({ date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 });
    expect(a.detection.suggestedSymbol).toBe('BTCUSDT');
    expect(Array.from(a.outcome.bars.time)).toEqual([utc('2024-01-01T00:00:00Z'), utc('2024-01-01T00:01:00Z'), utc('2024-01-01T00:02:00Z')]);
    expect(a.outcome.bars.volume[0]).toBe(35.92724);

    const us = [
      '1735689600000000,93576.00,93610.93,93537.50,93610.93,8.21827,1735689659999999,768978.67,2631,3.95,369590.8,0',
      '1735689660000000,93610.93,93652.00,93606.15,93631.34,10.3,1735689719999999,964522.2,2200,5.1,477600.1,0',
    ].join('\n');
    const b = importText(us, 'BTCUSDT-1m-2025-01.csv');
    expect(b.detection.format).toBe('binance');
    expect(b.detection.options?.dateFormat).toBe('unix-us');
    expect(Array.from(b.outcome.bars.time)).toEqual([utc('2025-01-01T00:00:00Z'), utc('2025-01-01T00:01:00Z')]);
    expect(b.outcome.bars.close[1]).toBe(93631.34);
  });

  it('reads a TradingView export with unix-second times and ignores indicator columns', () => {
    const { detection: d, outcome } = importText(
      [
        'time,open,high,low,close,Volume,EMA,RSI',
        '1704153600,187.15,188.44,183.885,185.64,82488700,185.1,55.2',
        '1704240000,184.22,185.88,183.43,184.25,58414500,185.0,50.1',
        '1704326400,182.15,183.0872,180.88,181.91,71983600,184.6,45.3',
      ].join('\n'),
      'BATS_AAPL, 1D.csv',
    );
    expect(d.format).toBe('tradingview');
    expect(d.options).toMatchObject({ dateFormat: 'unix-s', timeframe: '1d' });
    expect(d.options?.mapping).toEqual({ date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 });
    expect(d.notes.some((n) => n.includes('"EMA", "RSI"'))).toBe(true);
    expect(outcome.bars.time[0]).toBe(utc('2024-01-02T00:00:00Z'));
    expect(outcome.bars.high[2]).toBe(183.0872);
  });

  it('maps generic named columns in any order, case-insensitively', () => {
    const { detection: d, outcome } = importText(
      [
        'VOL,Last,low,Timestamp,HIGH,o',
        '100,10.5,10.0,2024-03-01 10:00:00,11.0,10.2',
        '200,10.7,10.4,2024-03-01 11:00:00,10.9,10.5',
        '300,10.6,10.5,2024-03-01 12:00:00,10.8,10.7',
      ].join('\n'),
    );
    expect(d.format).toBe('generic');
    expect(d.options?.mapping).toEqual({ date: 3, open: 5, high: 4, low: 2, close: 1, volume: 0 });
    expect(d.options?.timeframe).toBe('1h');
    expect(d.confidence).toBeGreaterThanOrEqual(0.8);
    expect(outcome.bars.time[1]).toBe(utc('2024-03-01T11:00:00Z'));
    expect([outcome.bars.open[1], outcome.bars.high[1], outcome.bars.low[1], outcome.bars.close[1], outcome.bars.volume[1]]).toEqual([
      10.5, 10.9, 10.4, 10.7, 200,
    ]);
  });

  it('reads semicolon-separated files with decimal commas', () => {
    const { detection: d, outcome } = importText(
      'Date;Open;High;Low;Close;Volume\n2014-01-02;1,3766;1,3769;1,3763;1,3765;45\n2014-01-03;1,3765;1,3770;1,3764;1,3768;38\n',
    );
    expect(d.format).toBe('generic');
    expect(d.options).toMatchObject({ delimiter: ';', decimalComma: true });
    expect(Array.from(outcome.bars.close)).toEqual([1.3765, 1.3768]);
    expect(outcome.bars.open[0]).toBe(1.3766);
  });

  it('skips a UTF-8 byte-order mark and reads CRLF line endings', () => {
    const { detection: d, outcome } = importText('\uFEFFDate,Open,High,Low,Close,Volume\r\n2014-01-02,1,2,0.5,1.5,10\r\n2014-01-03,1.5,2.5,1.25,2,20\r\n');
    expect(d.columns[0]).toBe('Date');
    expect(d.notes.some((n) => n.includes('byte-order mark'))).toBe(true);
    expect(outcome.rows).toBe(2);
    expect(Array.from(outcome.bars.volume)).toEqual([10, 20]);
    expect(outcome.bars.close[1]).toBe(2);
  });

  it('reads UTF-16 files with a byte-order mark and classic Mac line endings', () => {
    const text = 'Date,Open,High,Low,Close,Volume\r2014-01-02,1,2,0.5,1.5,10\r2014-01-03,1.5,2.5,1.25,2,20\r';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
    const d = detectFormat(utf16, 'x.csv');
    expect(d.format).toBe('stooq');
    const outcome = parseFile(utf16, d.options!);
    expect(Array.from(outcome.bars.close)).toEqual([1.5, 2]);
  });

  it('recognises a header with one name fewer than the fields when the missing one is the time', () => {
    const { detection: d, outcome } = importText(
      'Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,09:01:00,3602.00,3603.00,3597.00,3599.00,5699,0\n2006-01-02,09:02:00,3600.00,3601.00,3598.00,3599.00,894,0\n',
    );
    expect(d.options?.mapping).toMatchObject({ date: 0, time: 1, open: 2, close: 5, volume: 6 });
    expect(d.notes[0]).toMatch(/Rows have 8 fields but the header names 7.*"09:01:00"/);
    expect(outcome.bars.time[1]).toBe(utc('2006-01-02T09:02:00Z'));
    expect(outcome.bars.volume[1]).toBe(894);
  });

  it('reads bid/ask quotes, deciding day-first from a day above 12, and builds mid-price bars', () => {
    const { detection: d, outcome } = importText(
      'TIMESTAMP,BID,ASK\n25/03/2010 16:53:50,1.2000,1.2002\n25/03/2010 16:54:10,1.2010,1.2014\n25/03/2010 16:54:40,1.2004,1.2006\n',
    );
    expect(d.format).toBe('bidask');
    expect(d.options).toMatchObject({ kind: 'quotes', dateFormat: 'dmy-slash', timeframe: '1m' });
    expect(d.confidence).toBeGreaterThanOrEqual(0.8);
    expect(Array.from(outcome.bars.time)).toEqual([utc('2010-03-25T16:53:00Z'), utc('2010-03-25T16:54:00Z')]);
    expect(outcome.bars.open[1]).toBeCloseTo(1.2012, 12);
    expect(outcome.bars.close[1]).toBeCloseTo(1.2005, 12);
    expect(outcome.bars.volume[1]).toBe(0);
  });

  it('decides month-first when a second field is above 12', () => {
    const d = detectFormat(enc('Date,Price\n12/30/2014,10\n12/31/2014,11\n01/02/2015,12\n'), 'x.csv');
    expect(d.options?.dateFormat).toBe('mdy-slash');
    expect(d.options?.kind).toBe('ticks');
    expect(d.options?.timeframe).toBe('1d');
  });

  it('treats a single price column at irregular times as ticks aggregated into 1m bars', () => {
    const { detection: d, outcome } = importText(
      'time,price,size\n2024-01-02T10:00:01.250Z,100,5\n2024-01-02T10:00:07.100Z,101,2\n2024-01-02T10:00:59.999Z,99.5,1\n2024-01-02T10:01:03.000Z,100.5,4\n',
    );
    expect(d.format).toBe('ticks');
    expect(d.options).toMatchObject({ kind: 'ticks', timeframe: '1m' });
    expect(d.options?.mapping).toEqual({ date: 0, price: 1, volume: 2 });
    expect(Array.from(outcome.bars.time)).toEqual([utc('2024-01-02T10:00:00Z'), utc('2024-01-02T10:01:00Z')]);
    expect([outcome.bars.open[0], outcome.bars.high[0], outcome.bars.low[0], outcome.bars.close[0], outcome.bars.volume[0]]).toEqual([
      100, 101, 99.5, 99.5, 8,
    ]);
  });

  it('reads a MetaTrader 5 export, taking tick volume when real volume is all zeros', () => {
    const { detection: d, outcome } = importText(
      [
        '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>',
        '2014.01.02\t00:00:00\t1.37660\t1.37690\t1.37630\t1.37650\t45\t0\t2',
        '2014.01.02\t00:01:00\t1.37650\t1.37700\t1.37640\t1.37680\t38\t0\t2',
      ].join('\n'),
      'EURUSD_M1.csv',
    );
    expect(d.format).toBe('metatrader');
    expect(d.options?.mapping).toEqual({ date: 0, time: 1, open: 2, high: 3, low: 4, close: 5, volume: 6 });
    expect(d.suggestedSymbol).toBe('EURUSD');
    expect(Array.from(outcome.bars.volume)).toEqual([45, 38]);
  });

  it('reads a Binance dump that has a header, not taking close_time for the close', () => {
    const { detection: d } = importText(
      'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n' +
        '1704067200000,42283.58,42298.62,42283.57,42298.61,35.92724,1704067259999,1519602.75,1286,19.25718,814458.22,0\n' +
        '1704067260000,42298.62,42320.00,42298.61,42319.99,21.40233,1704067319999,905547.5,1142,13.9,588083.2,0\n',
    );
    expect(d.format).toBe('binance');
    expect(d.options?.mapping).toEqual({ date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 });
  });

  it('asks for confirmation (confidence below 0.8) when two columns claim the close', () => {
    const d = detectFormat(enc('Date,Close,Last,Open,High,Low\n2014-01-02,10.5,10.5,10,11,9\n2014-01-03,10.6,10.6,10.5,11,10\n'), 'x.csv');
    expect(d.options?.mapping.close).toBe(1);
    expect(d.confidence).toBeLessThan(0.8);
    expect(d.notes).toContain('Both "Close" and "Last" look like the close column; "Close" is used.');
  });

  it('returns no options, confidence 0 and a reason when nothing is recognised', () => {
    const d = detectFormat(enc('name,colour,weight\napple,red,0.2\npear,green,0.3\n'), 'fruit.csv');
    expect(d.format).toBe('unknown');
    expect(d.options).toBeNull();
    expect(d.confidence).toBe(0);
    expect(d.notes.at(-1)).toBe('No date or time column was recognised among "name", "colour", "weight".');
    expect(d.columns).toEqual(['name', 'colour', 'weight']);
    expect(d.sampleRows).toEqual([
      ['apple', 'red', '0.2'],
      ['pear', 'green', '0.3'],
    ]);
  });
});
