import { defineStrategy } from '../strategy.ts';

/**
 * Trend following: long when the fast SMA crosses above the slow SMA — fast > slow on this bar and
 * fast < slow on the last bar where they differed — and flat when it crosses below. Market orders.
 */
export const smaCross = defineStrategy({
  id: 'sma-cross',
  name: 'SMA crossover',
  description: 'Long when the fast SMA crosses above the slow SMA, flat when it crosses back below (market orders at the next open).',
  version: '1.0.0',
  params: [
    { name: 'fast', label: 'Fast SMA', type: 'int', default: 10, min: 1, max: 500 },
    { name: 'slow', label: 'Slow SMA', type: 'int', default: 30, min: 2, max: 1000 },
  ],
  validate: (p) => (Number(p.fast) < Number(p.slow) ? null : `fast (${p.fast}) must be less than slow (${p.slow})`),
  setup(ctx, p) {
    const fast = ctx.indicator('sma', { period: p.fast! });
    const slow = ctx.indicator('sma', { period: p.slow! });
    // Sign of fast − slow on the last bar where they differed (0 before any).
    let last = 0;
    return {
      onBar(i, t) {
        const d = fast[i]! - slow[i]!;
        if (!(d !== 0 && d === d)) return; // equal, or NaN in warm-up
        if (d > 0 && last < 0 && t.position <= 0) t.buy();
        else if (d < 0 && last > 0 && t.position > 0) t.close();
        last = d > 0 ? 1 : -1;
      },
      // Between crossings onBar does nothing: fast − slow has `last`'s sign there, or is zero or NaN.
      // (For SMA values — finite or NaN — the sign of the difference is the comparison's.)
      nextActive(from) {
        const f = fast;
        const s = slow;
        const n = f.length;
        let i = from;
        if (last > 0) while (i < n && !(f[i]! < s[i]!)) i++;
        else if (last < 0) while (i < n && !(f[i]! > s[i]!)) i++;
        else while (i < n && !(f[i]! < s[i]! || f[i]! > s[i]!)) i++;
        return i;
      },
    };
  },
});
