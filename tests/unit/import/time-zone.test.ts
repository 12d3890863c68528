import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { ParseOptions } from '../../../src-shared/domain/import.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { parseFile } from '../../../src-workers/import/index.ts';
import { wallClockToUtc } from '../../../src-workers/import/time-zone.ts';

const enc = (text: string) => new TextEncoder().encode(text);
const utc = (iso: string) => Date.parse(iso);

const INTRADAY: ParseOptions = {
  kind: 'bars',
  delimiter: ',',
  hasHeader: true,
  dateFormat: 'iso',
  mapping: { date: 0, time: 1, open: 2, high: 3, low: 4, close: 5, volume: 6 },
  timeZone: 'America/New_York',
  timeframe: '1m' as Timeframe,
  decimalComma: false,
};

function times(text: string, options: ParseOptions): string[] {
  return Array.from(parseFile(enc(text), options).bars.time, (t) => new Date(t).toISOString());
}

describe('time zones', () => {
  it('converts 09:30 New York to 14:30 UTC before the March change and 13:30 UTC after it', () => {
    // US clocks went forward on Sunday 2014-03-09: EST (UTC-5) before, EDT (UTC-4) after.
    const text = 'Date,Time,Open,High,Low,Close,Volume\n2014-03-07,09:30,10,11,9,10.5,100\n2014-03-10,09:30,10,11,9,10.5,100\n';
    expect(times(text, INTRADAY)).toEqual(['2014-03-07T14:30:00.000Z', '2014-03-10T13:30:00.000Z']);
  });

  it('reads the same rows as UTC when the zone is UTC', () => {
    const text = 'Date,Time,Open,High,Low,Close,Volume\n2014-03-07,09:30,10,11,9,10.5,100\n';
    expect(times(text, { ...INTRADAY, timeZone: 'UTC' })).toEqual(['2014-03-07T09:30:00.000Z']);
  });

  it('handles the hours around both changes of a year, minute by minute', () => {
    const toUtc = wallClockToUtc('America/New_York');
    const wall = (iso: string) => utc(`${iso}Z`);
    // Spring: 01:59 EST → 06:59Z; 02:30 does not exist and is read with the offset before (→ 03:30 EDT); 03:00 EDT → 07:00Z.
    expect(toUtc(wall('2014-03-09T01:59:00'))).toBe(utc('2014-03-09T06:59:00Z'));
    expect(toUtc(wall('2014-03-09T02:30:00'))).toBe(utc('2014-03-09T07:30:00Z'));
    expect(toUtc(wall('2014-03-09T03:00:00'))).toBe(utc('2014-03-09T07:00:00Z'));
    // Autumn: 01:30 happens twice (EDT then EST); the earlier instant is taken. 02:00 EST → 07:00Z.
    expect(toUtc(wall('2014-11-02T00:59:00'))).toBe(utc('2014-11-02T04:59:00Z'));
    expect(toUtc(wall('2014-11-02T01:30:00'))).toBe(utc('2014-11-02T05:30:00Z'));
    expect(toUtc(wall('2014-11-02T02:00:00'))).toBe(utc('2014-11-02T07:00:00Z'));
  });

  it('handles a zone east of Greenwich whose change falls at 01:00 UTC', () => {
    const toUtc = wallClockToUtc('Europe/Berlin');
    const wall = (iso: string) => utc(`${iso}Z`);
    expect(toUtc(wall('2006-01-02T09:01:00'))).toBe(utc('2006-01-02T08:01:00Z'));
    expect(toUtc(wall('2006-03-26T01:59:00'))).toBe(utc('2006-03-26T00:59:00Z'));
    expect(toUtc(wall('2006-03-26T03:00:00'))).toBe(utc('2006-03-26T01:00:00Z'));
    expect(toUtc(wall('2006-07-01T12:00:00'))).toBe(utc('2006-07-01T10:00:00Z'));
  });

  it('keeps date-only rows and daily bars at 00:00 UTC of their date whatever the zone', () => {
    const text = 'Date,Time,Open,High,Low,Close,Volume\n2014-03-07,00:00,10,11,9,10.5,100\n2014-03-10,17:00,10,11,9,10.5,100\n';
    expect(times(text, { ...INTRADAY, timeZone: 'Asia/Tokyo', timeframe: '1d' as Timeframe })).toEqual([
      '2014-03-07T00:00:00.000Z',
      '2014-03-10T00:00:00.000Z',
    ]);
    const dates = 'Date,Open,High,Low,Close\n2014-03-07,10,11,9,10.5\n';
    const mapping = { date: 0, open: 1, high: 2, low: 3, close: 4 };
    expect(times(dates, { ...INTRADAY, mapping, timeZone: 'America/Los_Angeles' })).toEqual(['2014-03-07T00:00:00.000Z']);
  });

  it('ignores the zone for epoch times and for ISO times with an offset', () => {
    const text = 'time,open,high,low,close\n1394199000,10,11,9,10.5\n';
    const mapping = { date: 0, open: 1, high: 2, low: 3, close: 4 };
    expect(times(text, { ...INTRADAY, mapping, dateFormat: 'unix-s' })).toEqual(['2014-03-07T13:30:00.000Z']);
    const iso = 'time,open,high,low,close\n2014-03-07T09:30:00+01:00,10,11,9,10.5\n2014-03-07T09:31:00Z,10,11,9,10.5\n';
    expect(times(iso, { ...INTRADAY, mapping })).toEqual(['2014-03-07T08:30:00.000Z', '2014-03-07T09:31:00.000Z']);
  });

  it('refuses an unknown zone', () => {
    try {
      parseFile(enc('Date,Time,Open,High,Low,Close,Volume\n2014-03-07,09:30,10,11,9,10.5,100\n'), { ...INTRADAY, timeZone: 'Mars/Olympus' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppFailure);
      expect((e as AppFailure).message).toBe('unknown time zone "Mars/Olympus"');
    }
  });
});
