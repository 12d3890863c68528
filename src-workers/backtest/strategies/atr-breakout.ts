import { defineStrategy } from '../strategy.ts';

/**
 * Volatility breakout: a buy stop `multiple` ATRs above the close, placed each bar while flat (DAY
 * orders); once long, a trailing stop `multiple` ATRs below protects the position.
 */
export const atrBreakout = defineStrategy({
  id: 'atr-breakout',
  name: 'ATR breakout',
  description: 'Buy stop k·ATR above the close while flat; a trailing stop k·ATR below once long.',
  version: '1.0.0',
  params: [
    { name: 'period', label: 'ATR period', type: 'int', default: 14, min: 1, max: 500 },
    { name: 'multiple', label: 'ATR multiple', type: 'float', default: 1.5, min: 0.1, max: 10, step: 0.1 },
  ],
  setup(ctx, p) {
    const atr = ctx.indicator('atr', { period: p.period! });
    const k = Number(p.multiple);
    const close = ctx.bars.close;
    let trailing = 0;
    return {
      onBar(i, t) {
        const a = atr[i]!;
        if (a !== a) return;
        if (t.position === 0) {
          trailing = 0;
          t.buy({ type: 'stop', stop: close[i]! + k * a, tif: 'DAY' });
        } else if (trailing === 0) {
          trailing = t.sell({ type: 'trailing-stop', trailAmount: k * a, reduceOnly: true });
        }
      },
    };
  },
});
