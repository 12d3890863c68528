import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { runBacktest } from '../../../src-workers/backtest/run.ts';
import { getStrategy } from '../../../src-workers/backtest/strategies/index.ts';
import { mtfTrend } from '../../../src-workers/backtest/strategies/mtf-trend.ts';
import { resolveStrategyParams } from '../../../src-workers/backtest/params.ts';

/**
 * 24 hourly bars in six 4h buckets; each bar opens at the previous close. With fast = SMA(1) and
 * slow = SMA(2) the base signal is the direction of the last hourly move, and with the filter
 * SMA(2) of 4h closes the filter is the direction of the last *closed* 4h move — visible from the
 * bucket's fourth bar (bars 3, 7, 11, …), whose close is the bucket's close.
 *
 *   bucket   closes                 4h close   filter from bar
 *   0 (0–3)  100 101 102 103        103        —
 *   1 (4–7)  104 105 104 106        106        7: up   (106 > 103)
 *   2 (8–11) 105 107 108 104        104        11: down (104 < 106)
 *   3 (12–15) 103 102 103 101       101        15: down
 *   4 (16–19) 102 104 105 107       107        19: up
 *   5 (20–23) 108 106 107 109       109        23: up
 */
const CLOSES = [100, 101, 102, 103, 104, 105, 104, 106, 105, 107, 108, 104, 103, 102, 103, 101, 102, 104, 105, 107, 108, 106, 107, 109];

function hourly(closes: readonly number[]): BarColumns {
  const n = closes.length;
  const close = Float64Array.from(closes);
  const open = Float64Array.from(closes, (c, i) => (i === 0 ? c : closes[i - 1]!));
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000),
    open,
    close,
    high: Float64Array.from(close, (c, i) => Math.max(c, open[i]!)),
    low: Float64Array.from(close, (c, i) => Math.min(c, open[i]!)),
    volume: new Float64Array(n).fill(1_000),
  };
}

function fills(allowShort: 'yes' | 'no') {
  const result = runBacktest({
    bars: hourly(CLOSES), timeframe: '1h' as Timeframe, calendar: 'crypto', strategy: mtfTrend,
    params: { htf: '4h', trend: 2, fast: 1, slow: 2, allowShort },
    settings: { initialCash: 100_000, sizing: { kind: 'fixed', qty: 10 } },
  });
  expect(result.rejections).toEqual([]);
  return result.fills.map((f) => [f.barIndex, f.side, f.qty, f.price]);
}

describe('mtf-trend on a hand-checked 1h series with a 4h filter', () => {
  it('long only: enters when the hour and the last closed 4h bar agree, leaves when either turns', () => {
    expect(fills('no')).toEqual([
      [8, 'BUY', 10, 106], // bar 7: hour up, the 4h bar that just closed is up
      [9, 'SELL', 10, 105], // bar 8: hour down
      // Bar 9: hour up, and the filter is still the closed bucket 1 (up). The forming bucket 2
      // will close down; a filter reading it would not have bought here.
      [10, 'BUY', 10, 107],
      [12, 'SELL', 10, 104], // bar 11: bucket 2 closed down (and the hour fell)
      // Bars 16–18 rise while the filter is still the closed bucket 3 (down): no entry until bar 19.
      [20, 'BUY', 10, 107],
      [22, 'SELL', 10, 106], // bar 21: hour down
      [23, 'BUY', 10, 107], // bar 22: hour up again; still long at the end
    ]);
  });

  it('with shorts: the same, plus shorts while both point down; a flip of both reverses in one order', () => {
    expect(fills('yes')).toEqual([
      [8, 'BUY', 10, 106],
      [9, 'SELL', 10, 105],
      [10, 'BUY', 10, 107],
      [12, 'SELL', 20, 104], // bar 11: both turned down — out of the long and into a short
      [15, 'BUY', 10, 103], // bar 14: hour up against a down filter: flat
      [16, 'SELL', 10, 101], // bar 15: bucket 3 closed down and the hour fell: short again
      [17, 'BUY', 10, 102], // bar 16: hour up: flat
      [20, 'BUY', 10, 107],
      [22, 'SELL', 10, 106],
      [23, 'BUY', 10, 107],
    ]);
  });
});

describe('mtf-trend parameters', () => {
  it('is a registered built-in with typed, ranged parameters and defaults that pass its own check', () => {
    expect(getStrategy('mtf-trend')).toBe(mtfTrend);
    expect(mtfTrend.version).toBe('1.0.0');
    expect(resolveStrategyParams(mtfTrend)).toEqual({ htf: '1w', trend: 10, fast: 10, slow: 30, allowShort: 'no' });
  });

  it.each([
    [{ fast: 30, slow: 30 }, 'mtf-trend: fast (30) must be less than slow (30)'],
    [{ htf: '2w' }, 'mtf-trend: htf must be one of 1h, 4h, 1d, 1w, 1M, got 2w'],
    [{ allowShort: 'maybe' }, 'mtf-trend: allowShort must be one of no, yes, got maybe'],
    [{ trend: 1 }, 'mtf-trend: trend must be from 2 to 200, got 1'],
  ])('refuses %j', (params, message) => {
    expect(() => resolveStrategyParams(mtfTrend, params)).toThrow(message);
  });
});
