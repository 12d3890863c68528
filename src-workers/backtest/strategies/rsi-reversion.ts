import { defineStrategy } from '../strategy.ts';

/** Mean reversion on RSI: long when RSI crosses up through the oversold level, flat when it reaches overbought. */
export const rsiReversion = defineStrategy({
  id: 'rsi-reversion',
  name: 'RSI reversion',
  description: 'Long when Wilder RSI crosses back above the oversold level; flat when it reaches the overbought level.',
  version: '1.0.0',
  params: [
    { name: 'period', label: 'RSI period', type: 'int', default: 14, min: 2, max: 200 },
    { name: 'oversold', label: 'Oversold', type: 'float', default: 30, min: 1, max: 50, step: 1 },
    { name: 'overbought', label: 'Overbought', type: 'float', default: 70, min: 50, max: 99, step: 1 },
  ],
  validate: (p) => (Number(p.oversold) < Number(p.overbought) ? null : `oversold (${p.oversold}) must be below overbought (${p.overbought})`),
  setup(ctx, p) {
    const rsi = ctx.indicator('rsi', { period: p.period! });
    const low = Number(p.oversold);
    const high = Number(p.overbought);
    return {
      onBar(i, t) {
        const now = rsi[i]!;
        const before = i > 0 ? rsi[i - 1]! : NaN;
        if (t.position === 0 && before < low && now >= low) t.buy();
        else if (t.position > 0 && now >= high) t.close();
      },
    };
  },
});
