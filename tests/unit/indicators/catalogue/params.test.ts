import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../src-shared/contract/errors.ts';
import { CATALOGUE, createStream, getIndicator, resolveConfig, resolveParams } from '../../../../src-workers/indicators/catalogue/index.ts';

function failure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

describe('catalogue lookup and parameters', () => {
  it('holds the core kernels and the library indicators traders expect', () => {
    const ids = CATALOGUE.map((d) => d.descriptor.id);
    for (const id of ['sma', 'ema', 'wma', 'rsi', 'macd', 'bb', 'atr', 'adx', 'stoch', 'cci', 'roc', 'stddev', 'obv', 'vwap', 'donchian', 'keltner']) {
      expect(getIndicator(id).descriptor.engine, id).toBe('kernel');
    }
    for (const id of ['ichimoku', 'psar', 'stoch-rsi', 'mfi', 'williams-r', 'trix', 'kst', 'force-index', 'cdl-doji', 'cdl-bullish-engulfing']) {
      expect(ids, id).toContain(id);
    }
    expect(getIndicator('cdl-morning-star').descriptor).toMatchObject({ engine: 'technicalindicators', group: 'pattern', outputs: [{ style: 'signal' }] });
  });

  it('gives the conventional guide levels', () => {
    expect(getIndicator('rsi').descriptor.levels).toEqual([30, 70]);
    expect(getIndicator('stoch').descriptor.levels).toEqual([20, 80]);
    expect(getIndicator('cci').descriptor.levels).toEqual([-100, 100]);
    expect(getIndicator('williams-r').descriptor.levels).toEqual([-80, -20]);
    expect(getIndicator('mfi').descriptor.levels).toEqual([20, 80]);
  });

  it('an unknown indicator is NOT_FOUND, pointing at the catalogue and at close names', () => {
    const e = failure(() => getIndicator('xyz'));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('No indicator "xyz"; see candlewick indicators');
    expect(failure(() => getIndicator('rsii')).message).toContain('did you mean "rsi"');
  });

  it('fills defaults and keeps given values', () => {
    expect(resolveParams(getIndicator('macd'), {})).toEqual({ fast: 12, slow: 26, signal: 9, source: 'close' });
    expect(resolveParams(getIndicator('macd'), { signal: 5, source: 'high' })).toEqual({ fast: 12, slow: 26, signal: 5, source: 'high' });
    expect(resolveParams(getIndicator('vwap'), { anchor: 'none' })).toEqual({ anchor: 'none' });
  });

  it('refuses values by parameter name, with the path of the configuration', () => {
    const e = failure(() => resolveParams(getIndicator('sma'), { period: 0 }, 'indicators[2].config.params'));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toContain('indicators[2].config.params.period: period must be between 1 and 5000 (got 0)');
    expect(failure(() => resolveParams(getIndicator('rsi'), { period: 14.5 })).message).toContain('period must be a whole number');
    expect(failure(() => resolveParams(getIndicator('rsi'), { length: 14 })).message).toContain('params.length: rsi has no parameter "length" (its parameters are period, source)');
    expect(failure(() => resolveParams(getIndicator('vwap'), { anchor: 'week' })).message).toContain('anchor must be one of day, none');
  });

  it('checks rules between parameters: MACD fast below slow', () => {
    const e = failure(() => resolveParams(getIndicator('macd'), { fast: 26, slow: 12 }));
    expect(e.message).toContain('params.fast: fast (26) must be less than slow (12)');
    expect(failure(() => resolveParams(getIndicator('frama'), { period: 15 })).message).toContain('period (15) must be an even number');
    expect(failure(() => resolveParams(getIndicator('psar'), { step: 0.3, max: 0.2 })).message).toContain('step (0.3) must be at most max (0.2)');
  });

  it('checks fuzzy sets against the outputs of the indicator', () => {
    const config = { id: 'macd', params: {}, fuzzy: [{ name: 'up', output: 'value', shape: 'triangle' as const, points: [0, 1, 2] as [number, number, number] }] };
    const e = failure(() => resolveConfig(config, 'indicators[0].config'));
    expect(e.message).toBe('indicators[0].config.fuzzy[0].output: "value" is not an output of macd (its outputs: macd, signal, histogram)');
    const twice = { ...config, fuzzy: [config.fuzzy[0]!, config.fuzzy[0]!].map((f) => ({ ...f, output: 'macd' })) };
    expect(failure(() => resolveConfig(twice)).message).toContain('config.fuzzy[1].name: "up" is used twice');
    expect(failure(() => resolveConfig({ id: 'nope', params: {}, fuzzy: [] }, 'indicators[3].config')).message).toMatch(/^indicators\[3\]\.config\.id: No indicator "nope"/);
  });

  it('a core kernel reads the chosen source price, in batch and stream', () => {
    const bars = {
      time: Float64Array.of(0, 1, 2, 3),
      open: Float64Array.of(1, 2, 3, 4),
      high: Float64Array.of(10, 20, 30, 40),
      low: Float64Array.of(0.5, 1, 1.5, 2),
      close: Float64Array.of(5, 6, 7, 8),
      volume: Float64Array.of(1, 1, 1, 1),
    };
    const sma = getIndicator('sma');
    const params = resolveParams(sma, { period: 3, source: 'high' });
    expect([...sma.batch(bars, params).value!]).toEqual([Number.NaN, Number.NaN, 20, 30]);
    const stream = createStream({ id: 'sma', params: { period: 3, source: 'low' } });
    for (let i = 0; i < 4; i++) stream.add({ time: i, open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: 1 });
    expect(stream.values[0]).toBe(1.5);
  });

  it('createStream validates and completes parameters for the replay', () => {
    const stream = createStream({ id: 'rsi', params: {} });
    expect(stream.outputs).toEqual(['value']);
    expect(() => createStream({ id: 'rsi', params: { period: 1 } })).toThrow(/period must be between 2 and 1000/);
  });
});
