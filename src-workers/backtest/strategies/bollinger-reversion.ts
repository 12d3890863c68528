import { defineStrategy } from '../strategy.ts';

/** Mean reversion on Bollinger bands: long on a close below the lower band, flat at the middle band. */
export const bollingerReversion = defineStrategy({
  id: 'bollinger-reversion',
  name: 'Bollinger reversion',
  description: 'Long when the close falls below the lower Bollinger band; flat when it gets back to the middle band.',
  version: '1.0.0',
  params: [
    { name: 'period', label: 'Period', type: 'int', default: 20, min: 2, max: 500 },
    { name: 'k', label: 'Band width (σ)', type: 'float', default: 2, min: 0.5, max: 5, step: 0.1 },
  ],
  setup(ctx, p) {
    const lower = ctx.indicator('bb', { period: p.period!, k: p.k! }, 'lower');
    const middle = ctx.indicator('bb', { period: p.period!, k: p.k! }, 'middle');
    const close = ctx.bars.close;
    return {
      onBar(i, t) {
        if (t.position === 0 && close[i]! < lower[i]!) t.buy();
        else if (t.position > 0 && close[i]! >= middle[i]!) t.close();
      },
    };
  },
});
