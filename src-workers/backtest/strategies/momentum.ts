import { defineStrategy } from '../strategy.ts';

/** Momentum: long while the rate of change over the lookback is above the threshold, flat otherwise. */
export const momentum = defineStrategy({
  id: 'momentum',
  name: 'Momentum',
  description: 'Long while ROC(lookback) is above the threshold (percent); flat when it falls below.',
  version: '1.0.0',
  params: [
    { name: 'lookback', label: 'Lookback', type: 'int', default: 60, min: 1, max: 1000 },
    { name: 'threshold', label: 'Threshold %', type: 'float', default: 0, min: -50, max: 50, step: 0.5 },
  ],
  setup(ctx, p) {
    const roc = ctx.indicator('roc', { period: p.lookback! });
    const threshold = Number(p.threshold);
    return {
      onBar(i, t) {
        const r = roc[i]!;
        if (r !== r) return;
        if (t.position === 0 && r > threshold) t.buy();
        else if (t.position > 0 && r < threshold) t.close();
      },
    };
  },
});
