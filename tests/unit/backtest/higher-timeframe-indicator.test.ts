import { describe, expect, it } from 'vitest';
import { sliceBars, type BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { simulate } from '../../../src-workers/backtest/run.ts';
import { createSetupContext } from '../../../src-workers/backtest/setup-context.ts';
import { mtfTrend } from '../../../src-workers/backtest/strategies/mtf-trend.ts';
import { sharedDataDir } from '../../support/shared-data.ts';
import { loadDaily } from '../indicators/kernels/fixtures.ts';

if (!sharedDataDir) console.warn('notice: ../shared/data is absent; the ORCL higher-timeframe indicator tests are skipped');

const DAY = 86_400_000;
const tf = (s: string) => s as Timeframe;

/** Groups daily bars by hand into periods of `periodOf` (start ms) ending at `closeOf(start)`: each period's last close. */
function periods(time: Float64Array, close: Float64Array, periodOf: (t: number) => number, closeOf: (start: number) => number) {
  const out: { start: number; closesAt: number; close: number }[] = [];
  for (let i = 0; i < time.length; i++) {
    const start = periodOf(time[i]!);
    if (out.length === 0 || out[out.length - 1]!.start !== start) out.push({ start, closesAt: closeOf(start), close: close[i]! });
    else out[out.length - 1]!.close = close[i]!;
  }
  return out;
}

const mondayOf = (t: number) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
const monthOf = (t: number) => Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), 1);
const nextMonth = (start: number) => Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1, 1);

/**
 * SMA(period) of the period closes by plain summation, then for each daily bar (which closes a day
 * after it opens) the value of the last period that had closed by then.
 */
function reference(time: Float64Array, close: Float64Array, period: number, periodOf: (t: number) => number, closeOf: (s: number) => number): Float64Array {
  const ps = periods(time, close, periodOf, closeOf);
  const sma = ps.map((_, k) => {
    if (k < period - 1) return NaN;
    let sum = 0;
    for (let j = k - period + 1; j <= k; j++) sum += ps[j]!.close;
    return sum / period;
  });
  const out = new Float64Array(time.length);
  let k = -1;
  for (let i = 0; i < time.length; i++) {
    while (k + 1 < ps.length && ps[k + 1]!.closesAt <= time[i]! + DAY) k++;
    out[i] = k >= 0 ? sma[k]! : NaN;
  }
  return out;
}

function expectClose(actual: Float64Array, expected: Float64Array, dates: string[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e)) expect(a, dates[i]).toBeNaN();
    else if (Math.abs(a - e) > 1e-12 * Math.abs(e)) expect(a, dates[i]).toBe(e);
  }
}

describe.skipIf(!sharedDataDir)('higher-timeframe indicators in the strategy SDK, ORCL daily 1995–2014', () => {
  const b = sharedDataDir ? loadDaily('orcl-1995-2014.csv') : null!;
  const bars = (): BarColumns => ({ time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume });

  it.each([5, 10, 40])('a weekly SMA(%i) equals weeks grouped by hand, each shown only once its week has closed', (period) => {
    const column = createSetupContext(bars(), tf('1d')).indicator('sma', { period }, undefined, { timeframe: '1w' });
    expectClose(column, reference(b.time, b.close, period, mondayOf, (monday) => monday + 7 * DAY), b.date);
    // Weekdays only: a week closes on Sunday night, so every new value first shows on a week's first trading day.
    let changes = 0;
    for (let i = 1; i < column.length; i++) {
      if (column[i] === column[i - 1] || Number.isNaN(column[i]!)) continue;
      changes++;
      expect(mondayOf(b.time[i]!), b.date[i]).not.toBe(mondayOf(b.time[i - 1]!));
    }
    expect(changes).toBeGreaterThan(900);
  });

  it('a monthly SMA(6) equals months grouped by hand; a month ending on a trading day shows on that day', () => {
    const column = createSetupContext(bars(), tf('1d')).indicator('sma', { period: 6 }, undefined, { timeframe: '1M' });
    const expected = reference(b.time, b.close, 6, monthOf, nextMonth);
    expectClose(column, expected, b.date);
    // 2014-10-31 was a Friday: October closed with that bar, so its value is already visible there.
    const at = b.date.indexOf('2014-10-31');
    expect(column[at]).not.toBe(column[at - 1]);
  });

  it('a history cut short gives the same values up to the cut (nothing depends on later bars)', () => {
    const full = createSetupContext(bars(), tf('1d'));
    const weekly = full.indicator('sma', { period: 10 }, undefined, { timeframe: '1w' });
    const monthlyRsi = full.indicator('rsi', { period: 6 }, undefined, { timeframe: '1M' });
    for (let cut = 60; cut < b.close.length; cut += 37) {
      const ctx = createSetupContext(sliceBars(bars(), 0, cut), tf('1d'));
      expect(ctx.indicator('sma', { period: 10 }, undefined, { timeframe: '1w' }), `cut ${cut}`).toEqual(weekly.subarray(0, cut));
      expect(ctx.indicator('rsi', { period: 6 }, undefined, { timeframe: '1M' }), `cut ${cut}`).toEqual(monthlyRsi.subarray(0, cut));
    }
  });

  it('higherBars gives the last closed week\'s close, and the same configuration is computed once', () => {
    const ctx = createSetupContext(bars(), tf('1d'));
    const weekly = ctx.higherBars('1w');
    const weeks = periods(b.time, b.close, mondayOf, (m) => m + 7 * DAY);
    const first = b.date.indexOf('2014-12-22'); // a Monday: the week of 12-15 has just closed
    expect(b.date[first - 1]).toBe('2014-12-19');
    const week = weeks.find((w) => w.start === Date.UTC(2014, 11, 15))!;
    expect([weekly.time[first], weekly.close[first]]).toEqual([week.start, week.close]);
    expect(weekly.close[first - 1]).not.toBe(week.close);
    expect(weekly.close[0]).toBeNaN();
    const options = { timeframe: '1w' };
    expect(ctx.indicator('sma', { period: 5 }, undefined, options)).toBe(ctx.indicator('sma', { period: 5 }, 'value', options));
    expect(ctx.indicator('sma', { period: 5 }, undefined, options)).not.toBe(ctx.indicator('sma', { period: 5 }));
  });
});

describe('a timeframe that is not higher than the run\'s is refused with a clear message', () => {
  const hours = Array.from({ length: 48 }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000);
  const bars: BarColumns = {
    time: Float64Array.from(hours),
    open: new Float64Array(48).fill(100),
    high: new Float64Array(48).fill(101),
    low: new Float64Array(48).fill(99),
    close: new Float64Array(48).fill(100),
    volume: new Float64Array(48).fill(1),
  };

  it.each([
    ['1h', /^indicator sma on 1h: a higher timeframe must be longer than the run's 1h bars/],
    ['15m', /^indicator sma on 15m: a higher timeframe must be longer than the run's 1h bars/],
    ['weekly', /^indicator sma on weekly: "weekly" is not a timeframe/],
    ['90m', /^indicator sma on 90m: Cannot resample 1h bars into 90m bars: 90m is not a whole multiple of 1h/],
  ])('%s on a 1h run', (timeframe, message) => {
    const ctx = createSetupContext(bars, tf('1h'));
    expect(() => ctx.indicator('sma', { period: 3 }, undefined, { timeframe })).toThrow(message);
    expect(() => ctx.higherBars(timeframe)).toThrow(/^higherBars on /);
  });

  it('weekly bars cannot make months', () => {
    const ctx = createSetupContext(bars, tf('1w'));
    expect(() => ctx.indicator('sma', { period: 3 }, undefined, { timeframe: '1M' })).toThrow(/1w bars do not tile calendar months/);
  });

  it('mtf-trend with a filter timeframe at or below the run\'s fails before any bar, naming its parameter', () => {
    const run = (htf: string, timeframe: string) => () =>
      simulate({ bars, timeframe: tf(timeframe), calendar: 'crypto', strategy: mtfTrend, params: { htf, fast: 2, slow: 3, trend: 2 } });
    expect(run('1h', '1h')).toThrow("mtf-trend: htf (1h) must be a longer timeframe than the run's 1h");
    expect(run('1h', '4h')).toThrow("mtf-trend: htf (1h) must be a longer timeframe than the run's 4h");
    expect(run('4h', '1h')).not.toThrow();
  });
});
