import { describe, expect, it } from 'vitest';
import { checkBars, findGaps, qualityByPeriod, qualityCounts, qualityScore } from '../../../src-workers/quality/index.ts';
import { calmBars, DAY } from './make-bars.ts';

describe('quality score', () => {
  it('is 100 for clean data and falls by exp(−points per 1,000 bars / 100)', () => {
    expect(qualityScore({ bars: 1000, errors: 0, suspects: 0, missing: 0, unexpected: 0 })).toBe(100);
    expect(qualityScore({ bars: 1000, errors: 1, suspects: 0, missing: 0, unexpected: 0 })).toBeCloseTo(100 * Math.exp(-0.1), 10);
    // 2 suspects + 3 missing over 997 + 3 = 1000 expected bars: 2 + 6 = 8 points.
    expect(qualityScore({ bars: 997, errors: 0, suspects: 2, missing: 3, unexpected: 0 })).toBeCloseTo(100 * Math.exp(-0.08), 10);
    expect(qualityScore({ bars: 0, errors: 0, suspects: 0, missing: 0, unexpected: 0 })).toBeNaN();
  });

  it('scores per month so quality can be plotted over time', () => {
    const bars = calmBars(90); // 2020-01-01 … 2020-03-30
    bars.low[40] = bars.high[40]! + 1; // an error in February
    const expected = Float64Array.from({ length: 91 }, (_, k) => bars.time[0]! + k * DAY); // one more day: 2020-03-31 is missing
    const report = checkBars(bars);
    const gaps = findGaps(bars.time, { times: expected });
    const months = qualityByPeriod(bars.time, report, gaps, 'month');
    expect(months.map((m) => [m.label, m.bars, m.errors, m.missing])).toEqual([['2020-01', 31, 0, 0], ['2020-02', 29, 1, 0], ['2020-03', 30, 0, 1]]);
    expect(months[0]!.score).toBe(100);
    expect(months[1]!.score).toBeCloseTo(100 * Math.exp(-(10_000 / 29) / 100), 10);
    expect(qualityScore(qualityCounts(90, report, gaps))).toBeCloseTo(100 * Math.exp(-(12_000 / 91) / 100), 10);
    expect(qualityByPeriod(bars.time, report, gaps, 'year').map((y) => y.label)).toEqual(['2020']);
  });
});
