import { describe, expect, it } from 'vitest';
import { CALENDARS } from '../../../src-shared/calendar/index.ts';

const lse = CALENDARS.XLON;
const utc = (iso: string): number => Date.parse(iso);

describe('LSE calendar', () => {
  it('is closed on the 2024 England and Wales bank holidays', () => {
    const holidays = ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'];
    for (const d of holidays) expect(lse.sessionOn(d), d).toBeNull();
    expect(lse.sessionOn('2024-12-27')).not.toBeNull();
  });

  it('trades 08:00–16:30 London time, in GMT and in BST', () => {
    expect(lse.sessionOn('2024-01-02')).toMatchObject({ open: utc('2024-01-02T08:00Z'), close: utc('2024-01-02T16:30Z'), early: false });
    expect(lse.sessionOn('2024-07-01')).toMatchObject({ open: utc('2024-07-01T07:00Z'), close: utc('2024-07-01T15:30Z') });
  });

  it('closes at 12:30 on Christmas Eve and New Year’s Eve', () => {
    expect(lse.sessionOn('2024-12-24')).toMatchObject({ close: utc('2024-12-24T12:30Z'), early: true });
    expect(lse.sessionOn('2024-12-31')).toMatchObject({ close: utc('2024-12-31T12:30Z'), early: true });
  });

  it('substitutes weekend Christmas, Boxing Day and New Year', () => {
    for (const d of ['2021-12-27', '2021-12-28', '2022-01-03', '2022-12-26', '2022-12-27', '2020-12-28', '2023-01-02']) {
      expect(lse.sessionOn(d), d).toBeNull();
    }
    expect(lse.closedReason('2022-12-27')).toBe('Christmas Day (substitute)');
  });

  it('applies the one-off changes: VE Day 2020, the 2022 jubilee, the state funeral, the coronation', () => {
    expect(lse.sessionOn('2020-05-04')).not.toBeNull();
    expect(lse.sessionOn('2020-05-08')).toBeNull();
    expect(lse.sessionOn('2022-05-30')).not.toBeNull();
    expect(lse.sessionOn('2022-06-02')).toBeNull();
    expect(lse.sessionOn('2022-06-03')).toBeNull();
    expect(lse.sessionOn('2022-09-19')).toBeNull();
    expect(lse.sessionOn('2023-05-08')).toBeNull();
    expect(lse.sessionOn('2023-05-01')).toBeNull(); // the usual early May bank holiday stayed
  });

  it('finds the next open across Easter', () => {
    expect(lse.nextOpen(utc('2024-03-28T17:00Z'))).toBe(utc('2024-04-02T07:00Z'));
  });
});
