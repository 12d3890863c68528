import { describe, expect, it } from 'vitest';
import { tickLabel, timeTicks } from '../../../../src-renderer/pages/optimize/plots/date-ticks.ts';

const utc = (y: number, m: number, d = 1, h = 0) => Date.UTC(y, m - 1, d, h);
const labels = (from: number, to: number, max = 6) => timeTicks(from, to, max).map((t) => t.label);

describe('timeTicks', () => {
  it('ticks a few years every six months, naming the year at each January', () => {
    // 2020-01-15 .. 2023-06-01: monthly steps of 1–3 give 14 or more ticks, 6 months gives 6.
    const ticks = timeTicks(utc(2020, 1, 15), utc(2023, 6, 1), 6);
    expect(ticks.map((t) => t.value)).toEqual([utc(2020, 7), utc(2021, 1), utc(2021, 7), utc(2022, 1), utc(2022, 7), utc(2023, 1)]);
    expect(ticks.map((t) => t.label)).toEqual(['Jul', '2021', 'Jul', '2022', 'Jul', '2023']);
  });

  it('ticks a decade every second year', () => {
    expect(labels(utc(2015, 3, 1), utc(2024, 12, 31))).toEqual(['2016', '2018', '2020', '2022', '2024']);
  });

  it('ticks weeks within a month on the 1st, 8th, 15th, …', () => {
    // 16 days: every other day (odd dates) would be 8 ticks, weekly from the 1st gives the 8th and 15th.
    expect(labels(utc(2024, 3, 4), utc(2024, 3, 20))).toEqual(['Mar 8', 'Mar 15']);
  });

  it('ticks hours within a day', () => {
    expect(labels(utc(2024, 3, 4, 1) + 30 * 60_000, utc(2024, 3, 4, 20))).toEqual(['03:00', '06:00', '09:00', '12:00', '15:00', '18:00']);
  });

  it('names the day where hourly ticks cross midnight', () => {
    expect(labels(utc(2024, 3, 4, 18), utc(2024, 3, 5, 8))).toEqual(['18:00', '21:00', 'Mar 5', '03:00', '06:00']);
  });

  it('never gives more ticks than asked for', () => {
    for (const [from, to] of [
      [utc(1990, 1), utc(2025, 1)],
      [utc(2024, 1), utc(2024, 2, 15)],
      [utc(2024, 5, 1), utc(2024, 5, 1, 5)],
    ]) {
      const ticks = timeTicks(from, to, 6);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.every((t) => t.value >= from && t.value <= to)).toBe(true);
    }
  });

  it('has no ticks for an empty or reversed range', () => {
    expect(timeTicks(utc(2024, 1), utc(2024, 1))).toEqual([]);
    expect(timeTicks(utc(2024, 2), utc(2024, 1))).toEqual([]);
  });
});

describe('tickLabel', () => {
  it('labels by the coarsest unit that starts at the tick', () => {
    expect(tickLabel(utc(2021, 1, 1))).toBe('2021');
    expect(tickLabel(utc(2021, 9, 1))).toBe('Sep');
    expect(tickLabel(utc(2021, 9, 14))).toBe('Sep 14');
    expect(tickLabel(utc(2021, 9, 14, 7))).toBe('07:00');
  });
});
