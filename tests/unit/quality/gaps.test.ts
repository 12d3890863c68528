import { describe, expect, it } from 'vitest';
import { findGaps } from '../../../src-workers/quality/index.ts';
import { DAY, T0 } from './make-bars.ts';

const days = (...ks: number[]) => Float64Array.from(ks, (k) => T0 + k * DAY);

describe('gaps', () => {
  it('lists missing and unexpected bars against expected times', () => {
    const r = findGaps(days(0, 1, 3, 4, 5, 8), { times: days(0, 1, 2, 3, 4, 6, 7, 8, 9) });
    expect(Array.from(r.missing)).toEqual(Array.from(days(2, 6, 7, 9)));
    expect(Array.from(r.unexpected)).toEqual([4]); // day 5
  });

  it('leaves duplicates to the time-order rule', () => {
    const r = findGaps(days(0, 1, 1, 2), { times: days(0, 1, 2) });
    expect(r.missing.length + r.unexpected.length).toBe(0);
  });

  it('works with a predicate over the actual range (weekdays; 2020-01-01 is a Wednesday)', () => {
    const weekday = (t: number) => { const d = new Date(t).getUTCDay(); return d !== 0 && d !== 6; };
    const r = findGaps(days(0, 1, 5, 7, 8, 13), { isExpected: weekday, stepMs: DAY });
    expect(Array.from(r.missing)).toEqual(Array.from(days(2, 6, 9, 12)));
    expect(Array.from(r.unexpected)).toEqual([]);
    const weekend = findGaps(days(0, 3), { isExpected: weekday, stepMs: DAY, to: T0 + 5 * DAY });
    expect(Array.from(weekend.unexpected)).toEqual([1]); // day 3 is a Saturday
    expect(Array.from(weekend.missing)).toEqual(Array.from(days(1, 2, 5)));
  });
});
