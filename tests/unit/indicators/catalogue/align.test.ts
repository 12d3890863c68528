import { describe, expect, it } from 'vitest';
import { alignColumns, alignIndex, barCloseTime } from '../../../../src-workers/indicators/align.ts';

const H = 3_600_000;
const D = 24 * H;
const day = (d: number) => Date.UTC(2024, 0, d);

/** Hourly bars from `startMs`, `count` of them, skipping hours outside [fromHour, toHour). */
function hours(startMs: number, count: number, fromHour = 0, toHour = 24): Float64Array {
  const out: number[] = [];
  for (let t = startMs; out.length < count; t += H) {
    const h = new Date(t).getUTCHours();
    if (h >= fromHour && h < toHour) out.push(t);
  }
  return Float64Array.from(out);
}

describe('multi-timeframe alignment never shows a value before its bar has closed', () => {
  it('close times: fixed lengths, and calendar months', () => {
    expect(barCloseTime(day(1), '1d')).toBe(day(2));
    expect(barCloseTime(day(1) + 4 * H, '4h')).toBe(day(1) + 8 * H);
    expect(barCloseTime(Date.UTC(2024, 0, 1), '1M')).toBe(Date.UTC(2024, 1, 1));
    expect(barCloseTime(Date.UTC(2024, 1, 1), '1M')).toBe(Date.UTC(2024, 2, 1)); // 29 days (leap year)
    expect(barCloseTime(Date.UTC(2023, 10, 1), '3M')).toBe(Date.UTC(2024, 1, 1));
  });

  it('a daily value appears on the hourly bar that ends at midnight, not before', () => {
    const chart = hours(day(1), 72); // Jan 1 00:00 … Jan 3 23:00, round the clock
    const daily = Float64Array.of(day(1), day(2), day(3));
    const { value } = alignColumns(alignIndex(chart, '1h', daily, '1d'), { value: Float64Array.of(10, 20, 30) });
    const at = (d: number, h: number) => value![chart.indexOf(day(d) + h * H)]!;
    // Jan 1: the day is still forming until its last hour closes at midnight.
    for (let h = 0; h < 23; h++) expect(at(1, h), `Jan 1 ${h}:00`).toBeNaN();
    expect(at(1, 23)).toBe(10); // closes at Jan 2 00:00 = the daily bar's close
    for (let h = 0; h < 23; h++) expect(at(2, h), `Jan 2 ${h}:00`).toBe(10);
    expect(at(2, 23)).toBe(20);
    expect(at(3, 0)).toBe(20);
    expect(at(3, 22)).toBe(20);
    expect(at(3, 23)).toBe(30);
  });

  it('with a session that ends before midnight the value appears on the next session\'s first bar', () => {
    const chart = hours(day(1), 14, 14, 21); // 14:00 … 20:00 on Jan 1 and Jan 2
    const daily = Float64Array.of(day(1), day(2));
    const index = alignIndex(chart, '1h', daily, '1d');
    expect([...index]).toEqual([-1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('4h values on 15-minute bars change exactly at the 4h boundaries', () => {
    const chart = Float64Array.from({ length: 48 }, (_, i) => day(1) + i * 15 * 60_000); // 12 hours
    const fourHour = Float64Array.of(day(1), day(1) + 4 * H, day(1) + 8 * H);
    const index = alignIndex(chart, '15m', fourHour, '4h');
    expect([...index.subarray(0, 15)].every((k) => k === -1)).toBe(true);
    expect(index[15]).toBe(0); // 03:45–04:00 closes with the first 4h bar
    expect(index[30]).toBe(0);
    expect(index[31]).toBe(1); // 07:45–08:00
    expect(index[46]).toBe(1);
    expect(index[47]).toBe(2); // 11:45–12:00
  });

  it('weekly bars reach a daily chart of weekdays on the Monday after the week', () => {
    // Mon 2024-01-01 … Fri 01-05, Mon 01-08 … Fri 01-12, Mon 01-15
    const days = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15].map(day);
    const weeks = Float64Array.of(day(1), day(8), day(15));
    const index = alignIndex(Float64Array.from(days), '1d', weeks, '1w');
    expect([...index]).toEqual([-1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 1]);
  });

  it('a value is never taken from a bar that closes after the chart bar closes (random calendars)', () => {
    let seed = 3;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 50; trial++) {
      const chart: number[] = [];
      let t = day(1);
      for (let i = 0; i < 400; i++) {
        t += H * (1 + Math.floor(rnd() * 3)); // gaps of 1–3 hours
        chart.push(t);
      }
      const daily: number[] = [];
      for (let d = day(1); d <= t; d += D) if (rnd() > 0.1) daily.push(d);
      const index = alignIndex(Float64Array.from(chart), '1h', Float64Array.from(daily), '1d');
      chart.forEach((c, j) => {
        const k = index[j]!;
        if (k >= 0) expect(daily[k]! + D).toBeLessThanOrEqual(c + H);
        // …and it is the latest one that has closed.
        const next = daily[k + 1];
        if (next !== undefined) expect(next + D).toBeGreaterThan(c + H);
      });
    }
  });
});
