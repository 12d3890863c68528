import { describe, expect, it } from 'vitest';
import { DEMO_INSTRUMENTS, type DemoBarsSpec, generateBars } from '../../../src-workers/bars/demo-data.ts';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { BAR_FIELDS, type BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';

const tf = (s: string) => s as Timeframe;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const minuteSpec: DemoBarsSpec = {
  seed: 42,
  start: Date.UTC(2024, 0, 1),
  count: 100_000,
  timeframe: tf('1m'),
  startPrice: 250,
  annualVolatility: 0.4,
  annualDrift: 0.1,
};

function utcDay(t: number): number {
  return new Date(t).getUTCDay();
}

function expectOhlcIntegrity(bars: BarColumns, decimals: number): void {
  const scale = 10 ** decimals;
  for (let i = 0; i < bars.time.length; i++) {
    const o = bars.open[i];
    const c = bars.close[i];
    const ok =
      bars.low[i] > 0 &&
      bars.low[i] <= Math.min(o, c) &&
      bars.high[i] >= Math.max(o, c) &&
      bars.volume[i] >= 0 &&
      Number.isFinite(bars.volume[i]) &&
      [o, bars.high[i], bars.low[i], c].every((p) => Math.round(p * scale) / scale === p);
    if (!ok) {
      const row = BAR_FIELDS.map((f) => `${f}=${bars[f][i]}`).join(' ');
      expect.fail(`bar ${i} breaks OHLC integrity or rounding to ${decimals} decimals: ${row}`);
    }
  }
}

function steps(time: Float64Array): number[] {
  return Array.from(time.subarray(1), (t, i) => t - time[i]);
}

describe('generateBars', () => {
  it('gives identical bars for the same seed', () => {
    const a = generateBars(minuteSpec);
    const b = generateBars(minuteSpec);
    for (const field of BAR_FIELDS) {
      // Object.is per element: bit-for-bit equal, without toEqual's slow walk over 100k elements.
      const differsAt = a[field].findIndex((x, i) => !Object.is(x, b[field][i]));
      expect(differsAt, field).toBe(-1);
      expect(b[field].length).toBe(a[field].length);
    }
  });

  it('gives different bars for a different seed', () => {
    const a = generateBars({ ...minuteSpec, count: 1000 });
    const b = generateBars({ ...minuteSpec, count: 1000, seed: 43 });
    expect(b.time).toEqual(a.time);
    expect(b.close).not.toEqual(a.close);
    expect(b.volume).not.toEqual(a.volume);
  });

  it('keeps OHLC integrity on 100k bars, prices rounded to 2 decimals', () => {
    const bars = generateBars(minuteSpec);
    expect(bars.time.length).toBe(100_000);
    expectOhlcIntegrity(bars, 2);
  });

  it('rounds prices below 10 to 4 decimals and keeps them positive under extreme volatility', () => {
    const bars = generateBars({ ...minuteSpec, timeframe: tf('1d'), count: 20_000, startPrice: 1.1, annualVolatility: 1.5, annualDrift: -0.5 });
    expectOhlcIntegrity(bars, 4);
    expect(bars.close.some((c) => c !== Math.round(c * 100) / 100)).toBe(true);
  });

  it('opens each bar near the previous close and draws wicks around the body', () => {
    const bars = generateBars(minuteSpec);
    let gaps = 0;
    let wicks = 0;
    for (let i = 1; i < bars.time.length; i++) {
      gaps += Math.abs(bars.open[i] / bars.close[i - 1] - 1);
      wicks += bars.high[i] > Math.max(bars.open[i], bars.close[i]) ? 1 : 0;
    }
    // σ of a 1m bar at 40 %/year is ~0.055 %; gaps are a tenth of that.
    expect(gaps / bars.time.length).toBeLessThan(0.0001);
    expect(wicks / bars.time.length).toBeGreaterThan(0.5);
  });

  it('steps 1m bars by exactly one minute around the clock', () => {
    const bars = generateBars(minuteSpec);
    expect(bars.time[0]).toBe(minuteSpec.start);
    expect(new Set(steps(bars.time))).toEqual(new Set([60_000]));
    expect(new Set(Array.from(bars.time, utcDay)).size).toBe(7);
  });

  it('skips Saturdays and Sundays for daily weekday bars', () => {
    // Starts on Saturday 2024-01-06: the first bar is Monday 2024-01-08.
    const bars = generateBars({ ...minuteSpec, start: Date.UTC(2024, 0, 6), count: 500, timeframe: tf('1d'), session: 'weekdays' });
    expect(new Date(bars.time[0]).toISOString()).toBe('2024-01-08T00:00:00.000Z');
    expect(Array.from(bars.time, utcDay).filter((d) => d === 0 || d === 6)).toEqual([]);
    const gaps = steps(bars.time);
    expect(new Set(gaps)).toEqual(new Set([DAY, 3 * DAY]));
    // Only Friday → Monday is three days.
    gaps.forEach((gap, i) => expect(gap === 3 * DAY).toBe(utcDay(bars.time[i]) === 5));
  });

  it('skips weekends for intraday weekday bars, and steps by the timeframe otherwise', () => {
    const bars = generateBars({ ...minuteSpec, start: Date.UTC(2024, 0, 3, 5), count: 5000, timeframe: tf('1h'), session: 'weekdays' });
    expect(Array.from(bars.time, utcDay).filter((d) => d === 0 || d === 6)).toEqual([]);
    const gaps = steps(bars.time);
    expect(new Set(gaps)).toEqual(new Set([HOUR, 49 * HOUR]));
    gaps.forEach((gap, i) => {
      if (gap !== HOUR) expect(new Date(bars.time[i]).toISOString()).toMatch(/T23:00:00/);
    });
  });

  it('aligns the first bar to its bucket, e.g. monthly bars on the 1st', () => {
    const bars = generateBars({ ...minuteSpec, start: Date.UTC(2020, 4, 17), count: 14, timeframe: tf('1M') });
    expect(Array.from(bars.time, (t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2020-05-01', '2020-06-01', '2020-07-01', '2020-08-01', '2020-09-01', '2020-10-01', '2020-11-01',
      '2020-12-01', '2021-01-01', '2021-02-01', '2021-03-01', '2021-04-01', '2021-05-01', '2021-06-01',
    ]);
  });

  it('moves closes with the requested volatility', () => {
    const bars = generateBars({ ...minuteSpec, count: 200_000 });
    let sum = 0;
    let sumSq = 0;
    const n = bars.close.length - 1;
    for (let i = 1; i <= n; i++) {
      const r = Math.log(bars.close[i] / bars.close[i - 1]);
      sum += r;
      sumSq += r * r;
    }
    const perBar = Math.sqrt(sumSq / n - (sum / n) ** 2);
    const annual = perBar * Math.sqrt((365.25 * DAY) / 60_000);
    expect(annual).toBeGreaterThan(0.36);
    expect(annual).toBeLessThan(0.44);
  });

  it('trades more at both ends of the day than at midday for intraday bars', () => {
    const bars = generateBars({ ...minuteSpec, count: 200_000 });
    const byHour = new Float64Array(24);
    bars.time.forEach((t, i) => (byHour[new Date(t).getUTCHours()] += bars.volume[i]));
    expect(byHour[0]).toBeGreaterThan(2 * byHour[12]);
    expect(byHour[23]).toBeGreaterThan(2 * byHour[11]);
  });

  it('refuses a spec it cannot generate', () => {
    const run = () => generateBars({ ...minuteSpec, count: -1, startPrice: 0 });
    expect(run).toThrow(AppFailure);
    expect(run).toThrow('Cannot generate demo bars: count -1 is not a whole number ≥ 0; startPrice 0 is not > 0');
  });

  it('returns empty columns for a count of 0', () => {
    expect(generateBars({ ...minuteSpec, count: 0 }).time.length).toBe(0);
  });
});

describe('DEMO_INSTRUMENTS', () => {
  it('lists a few generated instruments, labelled as generated', () => {
    expect(DEMO_INSTRUMENTS.map((d) => d.symbol)).toEqual(['DEMO-EQ', 'DEMO-IDX', 'DEMO-FX', 'DEMO-BTC']);
    for (const demo of DEMO_INSTRUMENTS) {
      expect(demo.name).toMatch(/generated/);
      expect(demo.bars.timeframe).toBe(demo.timeframe);
    }
    expect(Object.isFrozen(DEMO_INSTRUMENTS)).toBe(true);
    expect(Object.isFrozen(DEMO_INSTRUMENTS[0].bars)).toBe(true);
  });

  it('generates bars on each instrument’s tick grid over the intended span', () => {
    const years = { 'DEMO-EQ': 10, 'DEMO-IDX': 10, 'DEMO-FX': 2, 'DEMO-BTC': 60 / 365.25 } as Record<string, number>;
    for (const demo of DEMO_INSTRUMENTS) {
      const bars = generateBars(demo.bars);
      const n = bars.time.length;
      const span = (bars.time[n - 1] - bars.time[0]) / (365.25 * DAY);
      expect(span, demo.symbol).toBeGreaterThan(years[demo.symbol] * 0.97);
      expect(span, demo.symbol).toBeLessThan(years[demo.symbol] * 1.03);
      const decimals = Math.round(-Math.log10(demo.tickSize));
      expectOhlcIntegrity(bars, decimals);
    }
  });
});
