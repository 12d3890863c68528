import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../src-shared/contract/errors.ts';
import { alignBars } from '../../../../src-workers/backtest/portfolio/align.ts';
import { monthNumber, periodNumber, rebalanceBars } from '../../../../src-workers/backtest/portfolio/schedule.ts';
import { barsOn, day } from './synthetic.ts';

describe('alignBars: the union timeline', () => {
  // A trades every day; B misses Jan 3 and starts on Jan 2; C starts on Jan 4 only.
  const a = barsOn(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'], [1, 2, 3, 4], [1, 2, 3, 4]);
  const b = barsOn(['2024-01-02', '2024-01-04'], [10, 11], [10, 11]);
  const c = barsOn(['2024-01-04', '2024-01-05'], [7, 8], [7, 8]);
  const tl = alignBars([a, b, c], ['A', 'B', 'C']);

  it('holds every time at which some instrument has a bar, once, ascending', () => {
    expect(Array.from(tl.time)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'].map(day));
    expect(tl.count).toBe(3);
  });

  it('points each instrument at its latest bar at or before the time (−1 before its first), and marks where it has a bar', () => {
    const local = (t: number) => Array.from(tl.local.subarray(t * 3, t * 3 + 3));
    const has = (t: number) => Array.from(tl.has.subarray(t * 3, t * 3 + 3));
    expect([0, 1, 2, 3, 4].map(local)).toEqual([[0, -1, -1], [1, 0, -1], [2, 0, -1], [3, 1, 0], [3, 1, 1]]);
    expect([0, 1, 2, 3, 4].map(has)).toEqual([[1, 0, 0], [1, 1, 0], [1, 0, 0], [1, 1, 1], [0, 0, 1]]);
  });

  it('refuses a series whose times do not ascend, naming it', () => {
    const bad = barsOn(['2024-01-02', '2024-01-02'], [1, 1], [1, 1]);
    expect(() => alignBars([a, bad], ['A', 'BAD'])).toThrow(AppFailure);
    expect(() => alignBars([a, bad], ['A', 'BAD'])).toThrow(/BAD: bar times must be finite and strictly ascending, but bar 1/);
    expect(() => alignBars([a, barsOn([], [], [])], ['A', 'EMPTY'])).toThrow(/EMPTY has no bars/);
  });
});

describe('schedule: periods in UTC', () => {
  it('numbers months exactly like the calendar, for every day from 1800 to 2200', () => {
    const from = Math.floor(Date.UTC(1800, 0, 1) / 86_400_000);
    const to = Math.floor(Date.UTC(2200, 0, 1) / 86_400_000);
    let mismatches = 0;
    for (let d = from; d <= to; d++) {
      const date = new Date(d * 86_400_000);
      if (monthNumber(d) !== date.getUTCFullYear() * 12 + date.getUTCMonth()) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('starts weeks on Monday, quarters in Jan/Apr/Jul/Oct and years on Jan 1', () => {
    // 2024-01-07 is a Sunday, 2024-01-08 a Monday.
    expect(periodNumber(day('2024-01-08'), 'weekly') - periodNumber(day('2024-01-07'), 'weekly')).toBe(1);
    expect(periodNumber(day('2024-01-14'), 'weekly')).toBe(periodNumber(day('2024-01-08'), 'weekly'));
    expect(periodNumber(day('2024-03-31'), 'quarterly')).toBe(periodNumber(day('2024-01-01'), 'quarterly'));
    expect(periodNumber(day('2024-04-01'), 'quarterly') - periodNumber(day('2024-03-31'), 'quarterly')).toBe(1);
    expect(periodNumber(day('2024-12-31'), 'yearly') + 1).toBe(periodNumber(day('2025-01-01'), 'yearly'));
    // The last millisecond of a UTC day is still that day.
    expect(periodNumber(day('2024-01-31') + 86_399_999, 'monthly')).toBe(periodNumber(day('2024-01-01'), 'monthly'));
    expect(periodNumber(day('1969-12-29'), 'weekly')).toBe(periodNumber(day('1970-01-04'), 'weekly'));
  });

  it('flags the first bar of each new period, bar 0 included', () => {
    const time = Float64Array.from(['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-02-05', '2024-04-01', '2025-01-02'], day);
    expect(Array.from(rebalanceBars(time, 'daily'))).toEqual([1, 1, 1, 1, 1, 1, 1]);
    // Feb 5 2024 is a Monday.
    expect(Array.from(rebalanceBars(time, 'weekly'))).toEqual([1, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(rebalanceBars(time, 'monthly'))).toEqual([1, 0, 1, 0, 0, 1, 1]);
    expect(Array.from(rebalanceBars(time, 'quarterly'))).toEqual([1, 0, 0, 0, 0, 1, 1]);
    expect(Array.from(rebalanceBars(time, 'yearly'))).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('flags intraday bars by their UTC day', () => {
    const h = 3_600_000;
    const time = Float64Array.from([day('2024-01-31') + 22 * h, day('2024-01-31') + 23 * h, day('2024-02-01'), day('2024-02-01') + h]);
    expect(Array.from(rebalanceBars(time, 'daily'))).toEqual([1, 0, 1, 0]);
    expect(Array.from(rebalanceBars(time, 'monthly'))).toEqual([1, 0, 1, 0]);
  });
});
