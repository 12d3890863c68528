import { describe, expect, it } from 'vitest';
import type { TradeBucket } from '../../../../src-shared/domain/metrics.ts';
import { hourBars, monthBars, showsHourOfEntry, weekdayBars } from '../../../../src-renderer/pages/backtest/analysis/buckets.ts';

/** All `size` rows present, as analyzeTrades returns them, with the given rows filled in. */
function buckets(size: number, first: number, filled: Record<number, Partial<TradeBucket>>): TradeBucket[] {
  return Array.from({ length: size }, (_, i) => ({ key: first + i, count: 0, winCount: 0, pnl: 0, ...filled[first + i] }));
}

describe('calendar buckets', () => {
  it('orders weekdays Monday first and drops an empty weekend', () => {
    const bars = weekdayBars(buckets(7, 0, { 1: { count: 2, winCount: 1, pnl: 50 }, 5: { count: 1, pnl: -20 } }));
    expect(bars.map((b) => b.label)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    expect(bars[0]).toMatchObject({ key: 1, name: 'Monday', count: 2, winCount: 1, pnl: 50 });
    expect(bars[4]).toMatchObject({ key: 5, pnl: -20 });
  });

  it('shows a weekend day only when a trade was entered on it, after Friday', () => {
    const bars = weekdayBars(buckets(7, 0, { 0: { count: 1, pnl: 5 } }));
    expect(bars.map((b) => b.label)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sun']);
  });

  it('labels months 1–12 as Jan–Dec', () => {
    const bars = monthBars(buckets(12, 1, { 12: { count: 3, pnl: 7 } }));
    expect(bars.map((b) => b.label)).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    expect(bars[11]).toMatchObject({ key: 12, name: 'December', count: 3, pnl: 7 });
  });

  it('shows the hours from the first to the last with an entry', () => {
    const bars = hourBars(buckets(24, 0, { 14: { count: 1 }, 16: { count: 2 } }));
    expect(bars.map((b) => b.label)).toEqual(['14', '15', '16']);
    expect(bars[1]).toMatchObject({ count: 0, name: '15:00–15:59 UTC' });
    expect(hourBars(buckets(24, 0, {}))).toEqual([]);
  });

  it('plots the hour of entry only for intraday bars with entries in more than one hour', () => {
    const twoHours = buckets(24, 0, { 4: { count: 3 }, 5: { count: 2 } });
    const oneHour = buckets(24, 0, { 9: { count: 5 } });
    expect(showsHourOfEntry('1h', twoHours)).toBe(true);
    expect(showsHourOfEntry('1h', oneHour)).toBe(false);
    // Daily bars stamped at a session open move by an hour with daylight saving time.
    expect(showsHourOfEntry('1d', twoHours)).toBe(false);
  });
});
