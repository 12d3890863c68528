import { describe, expect, it } from 'vitest';
import { bucketStart, type Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { resampleBars } from '../../../src-workers/bars/resample.ts';
import { sma } from '../../../src-workers/indicators/kernels/index.ts';
import { lookAheadCheck } from '../../../src-workers/backtest/look-ahead.ts';
import { simulate } from '../../../src-workers/backtest/run.ts';
import { mtfTrend } from '../../../src-workers/backtest/strategies/mtf-trend.ts';
import { defineStrategy } from '../../../src-workers/backtest/strategy.ts';
import { sharedDataDir } from '../../support/shared-data.ts';
import { loadDaily } from '../indicators/kernels/fixtures.ts';

if (!sharedDataDir) console.warn('notice: ../shared/data is absent; the ORCL mtf-trend look-ahead tests are skipped');

/**
 * mtf-trend's rule with the classic multi-timeframe mistake: each day takes the weekly bar of the
 * week it belongs to — the week still forming, whose close is that Friday's — instead of the last
 * week that has closed.
 */
const formingWeekFilter = defineStrategy({
  id: 'forming-week-filter', name: 'Forming-week filter', description: 'reads the weekly bar before it closes', version: '0', params: [],
  setup(ctx) {
    const weeks = resampleBars(ctx.bars, '1d' as Timeframe, '1w' as Timeframe);
    const weeklySma = sma(weeks.close, 10);
    const fast = ctx.indicator('sma', { period: 10 });
    const slow = ctx.indicator('sma', { period: 30 });
    const weekOf = new Int32Array(ctx.bars.time.length);
    for (let i = 0, k = 0; i < weekOf.length; i++) {
      while (weeks.time[k] !== bucketStart(ctx.bars.time[i]!, '1w')) k++;
      weekOf[i] = k;
    }
    return {
      onBar(i, t) {
        const k = weekOf[i]!;
        const up = weeks.close[k]! > weeklySma[k]! && fast[i]! > slow[i]!;
        if (up && t.position === 0) t.buy();
        else if (!up && t.position > 0) t.close();
      },
    };
  },
});

describe.skipIf(!sharedDataDir)('look-ahead check of the multi-timeframe filter, ORCL daily 1995–2014', () => {
  const b = sharedDataDir ? loadDaily('orcl-1995-2014.csv') : null!;
  const request = (strategy: typeof mtfTrend, params: Record<string, unknown> = {}) => ({
    bars: { time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume },
    timeframe: '1d' as Timeframe, calendar: 'stock' as const, strategy, params,
    settings: { initialCash: 100_000, commission: { kind: 'percent' as const, rate: 0.001 } },
  });

  it.each([
    [{}],
    [{ htf: '1w', trend: 4, fast: 5, slow: 20, allowShort: 'yes' }],
    [{ htf: '1M', trend: 6, fast: 10, slow: 50 }],
  ])('mtf-trend %j changes no signal or fill when the future is cut off', (params) => {
    expect(simulate(request(mtfTrend, params)).engine.fills.length).toBeGreaterThan(20);
    const report = lookAheadCheck(request(mtfTrend, params), 120);
    expect(report.findings).toEqual([]);
    expect(report.cuts.length).toBe(120);
  });

  it('catches a filter that reads the weekly bar still forming', () => {
    const report = lookAheadCheck(request(formingWeekFilter), 120);
    expect(report.clean).toBe(false);
    // Only cuts inside a week, where the forming week's close tips the signal, can show it.
    expect(new Set(report.findings.map((f) => f.cut)).size).toBeGreaterThanOrEqual(3);
    // Each difference lies in the cut's own week: the truncated run saw a different "weekly close".
    for (const f of report.findings) expect(f.cut - f.barIndex, `cut ${f.cut}`).toBeLessThanOrEqual(5);
  });
});
