import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { compareTimeframes } from '../../../src-shared/domain/timeframe.ts';
import { defineStrategy } from '../strategy.ts';

/**
 * Multi-timeframe trend filter: trade the run's bars in the direction of the higher timeframe's trend.
 *
 * The filter is up while the last *closed* higher-timeframe bar closed above its SMA, down while it
 * closed below (the bar still forming is never used). The base signal is up while the fast SMA is above
 * the slow SMA, down while below. Long while both are up; short while both are down when `allowShort`
 * is yes; flat otherwise — so a position is closed (or reversed) as soon as the filter flips or the
 * base signal turns. Market orders at the next open.
 */
export const mtfTrend = defineStrategy({
  id: 'mtf-trend',
  name: 'Multi-timeframe trend filter',
  description:
    'Fast/slow SMA direction on the run\'s bars, traded only when the last closed higher-timeframe bar agrees (close above its SMA for longs, below for shorts); flat when they disagree.',
  version: '1.0.0',
  params: [
    { name: 'htf', label: 'Filter timeframe', type: 'choice', default: '1w', choices: ['1h', '4h', '1d', '1w', '1M'] },
    { name: 'trend', label: 'Filter SMA (higher bars)', type: 'int', default: 10, min: 2, max: 200 },
    { name: 'fast', label: 'Fast SMA', type: 'int', default: 10, min: 1, max: 500 },
    { name: 'slow', label: 'Slow SMA', type: 'int', default: 30, min: 2, max: 1000 },
    { name: 'allowShort', label: 'Allow shorts', type: 'choice', default: 'no', choices: ['no', 'yes'] },
  ],
  validate: (p) => (Number(p.fast) < Number(p.slow) ? null : `fast (${p.fast}) must be less than slow (${p.slow})`),
  setup(ctx, p) {
    const htf = { timeframe: String(p.htf) };
    // The choice list cannot know the run's timeframe; say which parameter to change.
    if (compareTimeframes(htf.timeframe, ctx.timeframe) <= 0) {
      throw new AppFailure('VALIDATION_FAILED', `mtf-trend: htf (${htf.timeframe}) must be a longer timeframe than the run's ${ctx.timeframe}`, { strategy: 'mtf-trend', param: 'htf' });
    }
    const filterClose = ctx.higherBars(htf.timeframe).close;
    const filterSma = ctx.indicator('sma', { period: p.trend! }, undefined, htf);
    const fast = ctx.indicator('sma', { period: p.fast! });
    const slow = ctx.indicator('sma', { period: p.slow! });
    const shorts = p.allowShort === 'yes';
    // Kept inside setup so that the run's strategy hash (setup's source) covers it. +1 above, −1
    // below, 0 for a tie or a value still warming up (NaN).
    const direction = (d: number) => (d > 0 ? 1 : d < 0 ? -1 : 0);
    return {
      onBar(i, t) {
        const filter = direction(filterClose[i]! - filterSma[i]!);
        const base = direction(fast[i]! - slow[i]!);
        // Warm-up (NaN) and ties count as "no direction", which means flat.
        const wanted = base === filter && (base > 0 || (base < 0 && shorts)) ? base : 0;
        const held = Math.sign(t.position);
        if (wanted === held) return;
        // An order without a quantity against the position adds its size: one order reverses.
        if (wanted > 0) t.buy();
        else if (wanted < 0) t.sell();
        else t.close();
      },
    };
  },
});
