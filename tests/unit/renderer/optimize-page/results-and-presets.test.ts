import { describe, expect, it } from 'vitest';
import type { OptimizationDetail, ResultRow } from '../../../../src-shared/contract/optimize.contract.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { DEFAULT_OPTIMIZE_FORM, type OptimizeForm } from '../../../../src-renderer/pages/optimize/setup/optimize-form.ts';
import { applyPreset, BUILTIN_PRESETS, searchValues } from '../../../../src-renderer/pages/optimize/setup/presets.ts';
import { formatMetric, formatObjective } from '../../../../src-renderer/pages/optimize/view/result-columns.ts';
import { csvFileName, resultsCsv } from '../../../../src-renderer/pages/optimize/view/results-csv.ts';
import { backtestFormFor, backtestInputFor } from '../../../../src-renderer/pages/optimize/view/send-to-backtest.ts';
import { benchmarkVerdict, deflatedSharpeVerdict, efficiencyVerdict } from '../../../../src-renderer/pages/optimize/view/verdicts.ts';

const row = (seq: number, patch: Partial<ResultRow> = {}): ResultRow => ({
  window: 0, seq, params: { fast: 10, slow: 30 }, metrics: { sharpe: 0.5, tradeCount: 12 }, objective: 0.5, feasible: true, violations: [], error: null, ...patch,
});

describe('the results CSV', () => {
  it('has a header of window, seq, parameters, objective, feasibility, then every metric, and one line per set', () => {
    const csv = resultsCsv(
      [
        row(0),
        row(1, { params: { fast: 20, slow: 30 }, metrics: { sharpe: -0.125, tradeCount: 3, cagr: null }, feasible: false, violations: ['tradeCount >= 10'] }),
        row(2, { params: { fast: 25, slow: 30 }, metrics: {}, objective: null, feasible: false, error: 'fast (25) must be "less", than slow' }),
      ],
      'sharpe',
    );
    expect(csv.split('\r\n')).toEqual([
      'window,seq,fast,slow,objective (sharpe),feasible,violations,error,sharpe,tradeCount,cagr',
      '0,0,10,30,0.5,true,,,0.5,12,',
      '0,1,20,30,0.5,false,tradeCount >= 10,,-0.125,3,',
      // Quotes doubled, and the cell quoted because it holds a comma and quotes.
      '0,2,25,30,,false,,"fast (25) must be ""less"", than slow",,,',
      '',
    ]);
  });

  it('names the file after what it holds, safely', () => {
    expect(csvFileName(['optimization', 'BRK/B', '1d', 'sma cross', 'opt_abc'])).toBe('optimization-BRK-B-1d-sma-cross-opt_abc.csv');
  });
});

describe('presets', () => {
  const form: OptimizeForm = { ...DEFAULT_OPTIMIZE_FORM, strategyId: 'sma-cross', ranges: { fast: { searched: true, min: 5, max: 50, step: 5, choices: [], fixed: 10 } } };

  it('apply their search and keep the instrument, dates and costs', () => {
    const genetic = BUILTIN_PRESETS.find((p) => p.values.method === 'genetic' && !p.values.walkForward.enabled)!;
    const next = applyPreset({ ...form, from: '2001-01-01', initialCash: 5000 }, genetic.values);
    expect(next).toMatchObject({ method: 'genetic', budget: 300, constraints: 'tradeCount >= 30\nmaxDrawdown < 0.25', from: '2001-01-01', initialCash: 5000, ranges: form.ranges });
  });

  it('bring their ranges only to the strategy they were saved for', () => {
    const saved = searchValues({ ...form, ranges: { fast: { searched: true, min: 1, max: 9, step: 1, choices: [], fixed: 10 } }, seed: 42 });
    expect(applyPreset(form, saved).ranges.fast!.max).toBe(9);
    expect(applyPreset(form, saved).seed).toBe(42);
    expect(applyPreset({ ...form, strategyId: 'other' }, saved).ranges).toBe(form.ranges);
  });
});

describe('the result columns', () => {
  it('show fractions as percents, money with cents, counts whole, ratios to 3 places', () => {
    expect(formatMetric('cagr', 0.1207)).toBe('+12.07 %');
    expect(formatMetric('maxDrawdown', -0.4754)).toBe('−47.54 %');
    expect(formatMetric('netProfit', 874_997.751)).toBe('874,997.75');
    expect(formatMetric('tradeCount', 35)).toBe('35');
    expect(formatMetric('sharpe', 0.52951)).toBe('0.530');
    expect(formatMetric('sharpe', null)).toBe('—');
    expect(formatObjective('cagr', 0.1)).toBe('+10.00 %');
    expect(formatObjective('cagr / maxDrawdown', 0.123456)).toBe('0.1235');
  });
});

describe('send to backtest', () => {
  it('backtests a set over the exact range, costs and calendar of the optimization', () => {
    const settings = { initialCash: 50_000, commission: { kind: 'percent', rate: 0.001 } } as unknown as OptimizationDetail['setup']['settings'];
    const detail = {
      instrumentId: 7,
      range: { from: 1000, to: 2000 },
      setup: { timeframe: '1d' as Timeframe, strategyId: 'sma-cross', settings, calendar: 'crypto' } as OptimizationDetail['setup'],
    };
    expect(backtestInputFor(detail, { fast: 10, slow: 135 })).toEqual({
      instrumentId: 7, timeframe: '1d', from: 1000, to: 2000, strategyId: 'sma-cross', params: { fast: 10, slow: 135 }, settings, calendar: 'crypto',
    });
  });

  it('puts the set, its instrument and the days of its range in the backtest form', () => {
    const detail = {
      instrumentId: 7,
      // 1995-01-03 00:00 and 2014-12-31 23:59:59.999 UTC.
      range: { from: Date.UTC(1995, 0, 3), to: Date.UTC(2015, 0, 1) - 1 },
      setup: { timeframe: '1d' as Timeframe, strategyId: 'sma-cross' } as OptimizationDetail['setup'],
    };
    expect(backtestFormFor(detail, { fast: 10, slow: 135 })).toEqual({
      strategyId: 'sma-cross', params: { fast: 10, slow: 135 }, instrumentId: 7, timeframe: '1d', from: '1995-01-03', to: '2014-12-31',
    });
  });
});

describe('safeguard verdicts', () => {
  it('follow the thresholds of the literature', () => {
    const dsr = (deflatedSharpe: number | null) => ({ deflatedSharpe }) as Parameters<typeof deflatedSharpeVerdict>[0];
    expect(deflatedSharpeVerdict(dsr(0.96))).toBe('good');
    expect(deflatedSharpeVerdict(dsr(0.94))).toBe('caution');
    expect(deflatedSharpeVerdict(dsr(0.2))).toBe('poor');
    expect(deflatedSharpeVerdict(null)).toBe('unknown');
    const bt = (pValue: number | null, bootstrapPValue: number | null) => ({ pValue, bootstrapPValue }) as Parameters<typeof benchmarkVerdict>[0];
    // The bootstrap p-value, when there is one, is the one read.
    expect(benchmarkVerdict(bt(0.01, 0.3))).toBe('poor');
    expect(benchmarkVerdict(bt(0.01, null))).toBe('good');
    expect(efficiencyVerdict(0.5)).toBe('good');
    expect(efficiencyVerdict(0.2)).toBe('caution');
    expect(efficiencyVerdict(-0.1)).toBe('poor');
  });
});
