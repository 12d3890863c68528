import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { commonTimeframes, DEFAULT_PORTFOLIO_FORM, toPortfolioInput, type PortfolioForm } from '../../../../src-renderer/pages/backtest/portfolio/portfolio-form.ts';
import { weightCurves } from '../../../../src-renderer/pages/backtest/portfolio/weight-curves.ts';

const tf = (t: string) => t as Timeframe;
function instrument(id: number, symbol: string, timeframes: string[], lotSize = 1): Instrument {
  return {
    id, symbol, venue: '', assetClass: 'stock', currency: 'USD', tickSize: 0.01, lotSize, source: 'csv', createdAt: 0,
    series: timeframes.map((t) => ({ timeframe: tf(t), count: 10, first: 0, last: 1 })),
  };
}
const orcl = instrument(1, 'ORCL', ['1d', '1h']);
const nvda = instrument(2, 'NVDA', ['1d']);
const all = [orcl, nvda];
const form = (patch: Partial<PortfolioForm>): PortfolioForm => ({ ...DEFAULT_PORTFOLIO_FORM, instrumentIds: [1, 2], timeframe: tf('1d'), ...patch });

describe('the portfolio setup form', () => {
  it('offers only the timeframes every chosen instrument has', () => {
    expect(commonTimeframes([orcl])).toEqual(['1h', '1d']);
    expect(commonTimeframes([orcl, nvda])).toEqual(['1d']);
    expect(commonTimeframes([])).toEqual([]);
  });

  it('builds equal, inverse-volatility and fixed weights; percents become fractions', () => {
    expect(toPortfolioInput(form({}), all).input).toMatchObject({
      instrumentIds: [1, 2], timeframe: '1d', config: { schedule: 'monthly', weights: { kind: 'equal' }, drift: null },
      settings: { initialCash: 100_000, commission: { kind: 'none' }, tickSize: 0, lotSize: 1 },
    });
    expect(toPortfolioInput(form({ weights: 'inverse-volatility', lookback: 20, drift: 5 }), all).input?.config).toEqual({
      schedule: 'monthly', weights: { kind: 'inverse-volatility', lookback: 20 }, drift: 0.05,
    });
    expect(toPortfolioInput(form({ weights: 'fixed', fixed: { '1': 60, '2': 30 } }), all).input?.config.weights).toEqual({
      kind: 'fixed', weights: { ORCL: 0.6, NVDA: 0.3 },
    });
  });

  it('refuses fixed weights over 100 %, a short lookback and an empty choice, naming each', () => {
    expect(toPortfolioInput(form({ weights: 'fixed', fixed: { '1': 70, '2': 40 } }), all).errors).toEqual({
      fixed: 'The weights add up to 110.00 %; at most 100 % (the rest is cash)',
    });
    expect(toPortfolioInput(form({ weights: 'inverse-volatility', lookback: 1 }), all).errors).toEqual({ lookback: 'Whole number of bars, 2 to 10,000' });
    expect(Object.keys(toPortfolioInput(form({ instrumentIds: [], timeframe: null }), all).errors ?? {}).sort()).toEqual(['instrumentIds', 'timeframe']);
  });
});

describe('weight curves', () => {
  it('splits the time-major weight matrix into one percent curve per instrument', () => {
    const curves = weightCurves({ symbols: ['A', 'B'], time: new Float64Array([1, 2, 3]), weights: new Float64Array([0.5, 0.5, 0.6, 0.4, 0, 1]) });
    expect(curves.map((c) => c.label)).toEqual(['A', 'B']);
    expect(Array.from(curves[0]!.values)).toEqual([0.5, 0.6, 0]);
    expect(Array.from(curves[1]!.values)).toEqual([0.5, 0.4, 1]);
    expect(curves[0]!.scale).toBe(100);
  });
});
