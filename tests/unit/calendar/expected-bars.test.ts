import { describe, expect, it } from 'vitest';
import { CALENDARS, expectedBars } from '../../../src-shared/calendar/index.ts';

const nyse = CALENDARS.XNYS;
const utc = (iso: string): number => Date.parse(iso);
const hours = (times: number[]): string[] => times.map((t) => new Date(t).toISOString().slice(11, 16));

describe('expectedBars', () => {
  const normalDay = [utc('2024-03-08T00:00Z'), utc('2024-03-09T00:00Z')] as const; // 09:30–16:00 EST = 14:30–21:00 UTC
  const earlyDay = [utc('2024-11-29T00:00Z'), utc('2024-11-30T00:00Z')] as const; // 09:30–13:00 EST = 14:30–18:00 UTC

  it('expects clock-aligned 1h bars overlapping a normal NYSE session', () => {
    expect(hours(expectedBars(nyse, '1h', ...normalDay).times)).toEqual(['14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00']);
  });

  it('expects session-aligned 1h bars from the open', () => {
    expect(hours(expectedBars(nyse, '1h', ...normalDay, 'session').times)).toEqual(['14:30', '15:30', '16:30', '17:30', '18:30', '19:30', '20:30']);
  });

  it('stops at an early close', () => {
    expect(hours(expectedBars(nyse, '1h', ...earlyDay).times)).toEqual(['14:00', '15:00', '16:00', '17:00']);
    expect(hours(expectedBars(nyse, '1h', ...earlyDay, 'session').times)).toEqual(['14:30', '15:30', '16:30', '17:30']);
  });

  it('expects 78 five-minute bars on a full day and none on a holiday', () => {
    expect(expectedBars(nyse, '5m', ...normalDay).times).toHaveLength(78);
    expect(expectedBars(nyse, '5m', utc('2024-03-29T00:00Z'), utc('2024-03-30T00:00Z')).times).toEqual([]);
  });

  it('expects one daily bar per session day, stamped at UTC midnight', () => {
    const days = expectedBars(nyse, '1d', utc('2024-03-25T00:00Z'), utc('2024-04-06T00:00Z')).times;
    expect(days.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2024-03-25', '2024-03-26', '2024-03-27', '2024-03-28', // Good Friday 03-29 and the weekend are not gaps
      '2024-04-01', '2024-04-02', '2024-04-03', '2024-04-04', '2024-04-05',
    ]);
  });

  it('expects a weekly bar for every Monday-started week with a session', () => {
    const weeks = expectedBars(nyse, '1w', utc('2024-12-16T00:00Z'), utc('2025-01-07T00:00Z')).times;
    expect(weeks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2024-12-16', '2024-12-23', '2024-12-30', '2025-01-06']);
  });

  it('keeps only bars that open in [from, to)', () => {
    const times = expectedBars(nyse, '1h', utc('2024-03-08T16:00Z'), utc('2024-03-08T18:00Z')).times;
    expect(hours(times)).toEqual(['16:00', '17:00']);
  });

  it('lists the session days whose holidays are not known', () => {
    const bist = CALENDARS.XIST;
    const { provisionalDays } = expectedBars(bist, '1d', utc('2014-12-30T00:00Z'), utc('2015-01-03T00:00Z'));
    expect(provisionalDays).toEqual(['2014-12-30', '2014-12-31']);
  });

  it('rejects an unknown timeframe', () => {
    expect(() => expectedBars(nyse, '1x', 0, 1)).toThrow('not a timeframe: "1x"');
  });
});
