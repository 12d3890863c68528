import { describe, expect, it } from 'vitest';
import { CALENDARS } from '../../../src-shared/calendar/index.ts';

const nyse = CALENDARS.XNYS;
const utc = (iso: string): number => Date.parse(iso);

describe('NYSE calendar', () => {
  it('is closed on the 2024 holidays', () => {
    const holidays = ['2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25'];
    for (const d of holidays) expect(nyse.sessionOn(d), d).toBeNull();
    expect(nyse.closedReason('2024-03-29')).toBe('Good Friday');
    expect(nyse.closedReason('2024-01-06')).toBe('weekend');
    expect(nyse.closedReason('2024-01-02')).toBeNull();
  });

  it('closes at 13:00 ET on 2024-07-03, 2024-11-29 and 2024-12-24', () => {
    expect(nyse.sessionOn('2024-07-03')).toMatchObject({ open: utc('2024-07-03T13:30Z'), close: utc('2024-07-03T17:00Z'), early: true });
    expect(nyse.sessionOn('2024-11-29')).toMatchObject({ close: utc('2024-11-29T18:00Z'), early: true });
    expect(nyse.sessionOn('2024-12-24')).toMatchObject({ close: utc('2024-12-24T18:00Z'), early: true });
    expect(nyse.sessionOn('2024-12-23')).toMatchObject({ close: utc('2024-12-23T21:00Z'), early: false });
  });

  it('follows US daylight saving: 13:30 UTC on 2024-03-11, 14:30 UTC on 2024-03-08', () => {
    expect(nyse.sessionOn('2024-03-08')!.open).toBe(utc('2024-03-08T14:30Z'));
    expect(nyse.sessionOn('2024-03-11')!.open).toBe(utc('2024-03-11T13:30Z'));
    expect(nyse.sessionOn('2024-11-01')!.close).toBe(utc('2024-11-01T20:00Z'));
    expect(nyse.sessionOn('2024-11-04')!.close).toBe(utc('2024-11-04T21:00Z'));
  });

  it('does not observe a Saturday New Year on the Friday before, but moves a Sunday one to Monday', () => {
    expect(nyse.sessionOn('2021-12-31')).not.toBeNull(); // 2022-01-01 was a Saturday
    expect(nyse.sessionOn('2023-01-02')).toBeNull(); // 2023-01-01 was a Sunday
  });

  it('moves weekend holidays: Juneteenth and Christmas 2022, Independence Day 2020 and 2021', () => {
    expect(nyse.sessionOn('2021-06-18')).not.toBeNull(); // Juneteenth only from 2022
    expect(nyse.sessionOn('2022-06-20')).toBeNull(); // Sunday 19th → Monday
    expect(nyse.sessionOn('2022-12-26')).toBeNull();
    expect(nyse.sessionOn('2020-07-03')).toBeNull(); // Saturday 4th → Friday
    expect(nyse.sessionOn('2020-07-02')!.early).toBe(false);
    expect(nyse.sessionOn('2021-07-05')).toBeNull(); // Sunday 4th → Monday
    expect(nyse.sessionOn('2021-12-24')).toBeNull(); // Saturday Christmas → Friday
  });

  it('observes MLK Day only from 1998', () => {
    expect(nyse.sessionOn('1997-01-20')).not.toBeNull();
    expect(nyse.sessionOn('1998-01-19')).toBeNull();
  });

  it('knows the special closures', () => {
    for (const d of ['1994-04-27', '2001-09-11', '2001-09-14', '2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09']) {
      expect(nyse.sessionOn(d), d).toBeNull();
    }
    expect(nyse.closedReason('2012-10-29')).toBe('Hurricane Sandy');
    expect(nyse.sessionOn('2001-09-17')).not.toBeNull();
  });

  it('is the same as the NASDAQ calendar', () => {
    expect(CALENDARS.XNAS.sessionsBetween(utc('2020-01-01T00:00Z'), utc('2026-01-01T00:00Z'))).toEqual(
      nyse.sessionsBetween(utc('2020-01-01T00:00Z'), utc('2026-01-01T00:00Z')),
    );
  });

  it('answers isOpen, nextOpen and nextClose for a poller', () => {
    const fridayNoonEt = utc('2024-03-08T17:00Z');
    expect(nyse.isOpen(fridayNoonEt)).toBe(true);
    expect(nyse.nextOpen(fridayNoonEt)).toBe(fridayNoonEt);
    expect(nyse.nextClose(fridayNoonEt)).toBe(utc('2024-03-08T21:00Z'));
    expect(nyse.isOpen(utc('2024-03-08T21:00Z'))).toBe(false); // the close is exclusive
    // Across the weekend (and the DST change on Sunday) to Monday 09:30 EDT.
    expect(nyse.nextOpen(utc('2024-03-08T21:00Z'))).toBe(utc('2024-03-11T13:30Z'));
    // Across Good Friday and the weekend, from Thursday evening.
    expect(nyse.nextOpen(utc('2024-03-28T22:00Z'))).toBe(utc('2024-04-01T13:30Z'));
    expect(nyse.nextClose(utc('2024-03-28T22:00Z'))).toBe(utc('2024-04-01T20:00Z'));
    // Before the open on a trading day.
    expect(nyse.nextOpen(utc('2024-04-02T05:00Z'))).toBe(utc('2024-04-02T13:30Z'));
  });

  it('lists the sessions between two instants', () => {
    const week = nyse.sessionsBetween(utc('2024-11-25T00:00Z'), utc('2024-12-02T00:00Z'));
    expect(week.map((s) => s.day)).toEqual(['2024-11-25', '2024-11-26', '2024-11-27', '2024-11-29']);
    expect(week.every((s) => !s.provisional)).toBe(true);
  });

  it('marks days before 1990 provisional', () => {
    expect(nyse.holidaysKnown('1989-06-01')).toBe(false);
    expect(nyse.sessionOn('1989-06-01')!.provisional).toBe(true);
    expect(nyse.holidaysKnown('1990-01-02')).toBe(true);
  });

  it('rejects dates that do not exist', () => {
    expect(() => nyse.sessionOn('2024-02-30')).toThrow('no such date: "2024-02-30"');
  });
});
