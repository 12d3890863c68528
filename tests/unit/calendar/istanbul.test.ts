import { describe, expect, it } from 'vitest';
import { CALENDARS } from '../../../src-shared/calendar/index.ts';

const bist = CALENDARS.XIST;
const utc = (iso: string): number => Date.parse(iso);

describe('Borsa Istanbul calendar', () => {
  it('trades 10:00–18:00 Istanbul time (UTC+3)', () => {
    expect(bist.sessionOn('2024-01-02')).toMatchObject({ open: utc('2024-01-02T07:00Z'), close: utc('2024-01-02T15:00Z'), early: false });
    expect(bist.sessionOn('2024-07-02')!.open).toBe(utc('2024-07-02T07:00Z'));
  });

  it('used UTC+2 in winter before September 2016', () => {
    expect(bist.sessionOn('2016-01-04')!.open).toBe(utc('2016-01-04T08:00Z'));
    expect(bist.sessionOn('2015-11-02')!.open).toBe(utc('2015-11-02T07:00Z')); // summer time kept until 8 Nov 2015
  });

  it('is closed on the fixed national holidays', () => {
    for (const d of ['2024-01-01', '2024-04-23', '2024-05-01', '2025-05-19', '2024-07-15', '2024-08-30', '2024-10-29']) {
      expect(bist.sessionOn(d), d).toBeNull();
    }
    expect(bist.sessionOn('2016-07-15')).not.toBeNull(); // Democracy Day only from 2017
  });

  it('has a half day 10:00–12:30 on 28 October', () => {
    expect(bist.sessionOn('2024-10-28')).toMatchObject({ close: utc('2024-10-28T09:30Z'), early: true });
  });

  it('closes for the 2024 feasts and trades a half day on their eves', () => {
    expect(bist.sessionOn('2024-04-09')).toMatchObject({ close: utc('2024-04-09T09:30Z'), early: true });
    for (const d of ['2024-04-10', '2024-04-11', '2024-04-12', '2024-06-17', '2024-06-18', '2024-06-19']) {
      expect(bist.sessionOn(d), d).toBeNull();
    }
    expect(bist.closedReason('2024-06-17')).toBe('Sacrifice Feast');
    expect(bist.sessionOn('2024-06-20')).not.toBeNull();
  });

  it('was closed after the February 2023 earthquakes', () => {
    expect(bist.sessionOn('2023-02-08')).toBeNull();
    expect(bist.sessionOn('2023-02-14')).toBeNull();
    expect(bist.sessionOn('2023-02-15')).not.toBeNull();
  });

  it('flags days outside the 2015–2030 feast table instead of guessing', () => {
    expect(bist.holidayCoverage).toEqual({ from: 2015, to: 2030 });
    expect(bist.holidaysKnown('2014-07-28')).toBe(false);
    expect(bist.sessionOn('2014-07-28')!.provisional).toBe(true); // in truth a feast day
    expect(bist.sessionOn('2031-01-02')!.provisional).toBe(true);
    expect(bist.sessionOn('2014-10-29')).toBeNull(); // fixed holidays still apply
    expect(bist.sessionOn('2030-12-31')!.provisional).toBe(false);
  });

  it('finds the next open across a feast', () => {
    expect(bist.nextOpen(utc('2024-04-09T10:00Z'))).toBe(utc('2024-04-15T07:00Z'));
  });
});
