import { describe, expect, it } from 'vitest';
import { CALENDARS, expectedBars } from '../../../src-shared/calendar/index.ts';

const crypto = CALENDARS.CRYPTO;
const utc = (iso: string): number => Date.parse(iso);

describe('crypto calendar', () => {
  it('is always open', () => {
    for (const t of ['2024-12-25T00:00Z', '2024-03-30T23:59Z', '2024-01-01T12:00Z']) expect(crypto.isOpen(utc(t))).toBe(true);
    expect(crypto.sessionOn('2024-12-25')).toMatchObject({ open: utc('2024-12-25T00:00Z'), close: utc('2024-12-26T00:00Z') });
    expect(crypto.nextOpen(utc('2024-03-30T12:00Z'))).toBe(utc('2024-03-30T12:00Z'));
    expect(crypto.nextClose(utc('2024-03-30T12:00Z'))).toBeNull();
  });

  it('expects every hourly and daily bar', () => {
    const from = utc('2024-03-29T00:00Z');
    const to = utc('2024-04-01T00:00Z');
    expect(expectedBars(crypto, '1h', from, to).times).toHaveLength(72);
    expect(expectedBars(crypto, '1d', from, to).times).toEqual([from, from + 86_400_000, from + 2 * 86_400_000]);
    // 7h bars straddle days: each bar is still expected once.
    const seven = expectedBars(crypto, '7h', from, to).times;
    expect(new Set(seven).size).toBe(seven.length);
  });
});
