import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../src-shared/contract/errors.ts';
import * as K from '../../../../src-workers/indicators/kernels/index.ts';
import { createKernelStream, KERNEL_STREAM_IDS } from '../../../../src-workers/indicators/streams/index.ts';

const n = 40;
const series = (offset: number) => Float64Array.from({ length: n }, (_, i) => 100 + offset + Math.sin(i) * 5);

/** Every kernel with the inputs it reads, by name (so a test can spoil one of them). */
const kernels: Record<string, { inputs: string[]; run: (x: Record<string, Float64Array>) => unknown }> = {
  sma: { inputs: ['src'], run: (x) => K.sma(x.src!, 5) },
  ema: { inputs: ['src'], run: (x) => K.ema(x.src!, 5) },
  wma: { inputs: ['src'], run: (x) => K.wma(x.src!, 5) },
  rsi: { inputs: ['close'], run: (x) => K.rsi(x.close!, 5) },
  macd: { inputs: ['close'], run: (x) => K.macd(x.close!, 3, 6, 4) },
  bollinger: { inputs: ['close'], run: (x) => K.bollinger(x.close!, 5, 2) },
  atr: { inputs: ['high', 'low', 'close'], run: (x) => K.atr(x.high!, x.low!, x.close!, 5) },
  adx: { inputs: ['high', 'low', 'close'], run: (x) => K.adx(x.high!, x.low!, x.close!, 5) },
  stochastic: { inputs: ['high', 'low', 'close'], run: (x) => K.stochastic(x.high!, x.low!, x.close!, 5, 3, 3) },
  cci: { inputs: ['high', 'low', 'close'], run: (x) => K.cci(x.high!, x.low!, x.close!, 5) },
  roc: { inputs: ['src'], run: (x) => K.roc(x.src!, 5) },
  stddev: { inputs: ['src'], run: (x) => K.stddev(x.src!, 5) },
  obv: { inputs: ['close', 'volume'], run: (x) => K.obv(x.close!, x.volume!) },
  vwap: { inputs: ['time', 'high', 'low', 'close', 'volume'], run: (x) => K.vwap(x.time!, x.high!, x.low!, x.close!, x.volume!, 'day') },
  donchian: { inputs: ['high', 'low'], run: (x) => K.donchian(x.high!, x.low!, 5) },
  keltner: { inputs: ['high', 'low', 'close'], run: (x) => K.keltner(x.high!, x.low!, x.close!, 5, 2, 4) },
};

function inputsOf(names: string[]): Record<string, Float64Array> {
  return Object.fromEntries(names.map((name, i) => [name, name === 'time' ? Float64Array.from({ length: n }, (_, j) => j * 60_000) : series(i)]));
}

function failure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppFailure);
    return e as AppFailure;
  }
  throw new Error('expected a VALIDATION_FAILED failure');
}

describe('kernels reject values that are not finite numbers, naming the input and the index', () => {
  for (const [name, k] of Object.entries(kernels)) {
    for (const input of k.inputs) {
      for (const [label, bad, index] of [
        ['NaN', NaN, 7],
        ['Infinity', Infinity, 0],
        ['-Infinity', -Infinity, n - 1],
        ['1e200 (beyond ±1e150)', 1e200, 3],
      ] as const) {
        it(`${name}: ${input}[${index}] = ${label}`, () => {
          const x = inputsOf(k.inputs);
          x[input]![index] = bad;
          const e = failure(() => k.run(x));
          expect(e.code).toBe('VALIDATION_FAILED');
          expect(e.message).toContain(`${input}[${index}]`);
          expect(e.details).toMatchObject({ input, index });
        });
      }
    }
  }
});

describe('kernels reject bad parameters and mismatched inputs', () => {
  const x = series(0);
  it.each([0, -1, 1.5, NaN, Infinity, 2 ** 24 + 1])('period %s', (p) => {
    expect(failure(() => K.sma(x, p)).code).toBe('VALIDATION_FAILED');
    expect(failure(() => K.atr(x, x, x, p)).message).toContain('period');
  });
  it('macd needs fast < slow', () => {
    expect(failure(() => K.macd(x, 26, 12, 9)).message).toContain('fast (26) must be less than slow (12)');
    expect(failure(() => K.macd(x, 12, 12, 9)).code).toBe('VALIDATION_FAILED');
  });
  it('band multipliers must be finite and ≥ 0', () => {
    expect(failure(() => K.bollinger(x, 5, -1)).message).toContain('k');
    expect(failure(() => K.keltner(x, x, x, 5, NaN, 5)).message).toContain('multiplier');
  });
  it('inputs of one call must have the same length, outputs too', () => {
    expect(failure(() => K.atr(x, x.subarray(1), x, 5)).message).toContain('low must be a Float64Array of length 40');
    expect(failure(() => K.sma(x, 5, new Float64Array(3))).message).toContain('out.value');
    expect(failure(() => K.sma([1, 2, 3] as unknown as Float64Array, 2)).code).toBe('VALIDATION_FAILED');
  });
  it('vwap anchor is day or none', () => {
    expect(failure(() => K.vwap(x, x, x, x, x, 'week' as 'day')).message).toContain("anchor must be 'day' or 'none'");
  });
});

describe('streams validate bars and parameters', () => {
  const bar = { time: 0, open: 10, high: 11, low: 9, close: 10, volume: 100 };
  it('a bar with a non-finite field is rejected, naming the bar and the field, and leaves the stream unchanged', () => {
    const s = createKernelStream('sma', { period: 2 });
    s.add(bar);
    const e = failure(() => s.add({ ...bar, close: NaN }));
    expect(e.message).toContain('bar 1 has close = NaN');
    s.add({ ...bar, close: 12 });
    expect(s.values[0]).toBe(11);
    expect(failure(() => s.replace({ ...bar, close: Infinity })).message).toContain('bar 1 has close = Infinity');
    expect(s.values[0]).toBe(11);
  });
  it('keltner checks the whole bar before either of its parts moves', () => {
    const s = createKernelStream('keltner', { period: 2, multiplier: 2, atrPeriod: 1 });
    s.add(bar);
    failure(() => s.add({ ...bar, high: NaN }));
    s.add({ ...bar, close: 12 });
    expect(s.values[1]).toBe(11);
  });
  it('unknown ids and missing or invalid parameters are VALIDATION_FAILED', () => {
    expect(failure(() => createKernelStream('nope', {})).message).toContain('No kernel stream "nope"');
    expect(failure(() => createKernelStream('sma', {})).message).toContain('period is missing');
    expect(failure(() => createKernelStream('macd', { fast: 26, slow: 12, signal: 9 })).message).toContain('fast (26)');
    expect(failure(() => createKernelStream('vwap', { anchor: 'week' })).code).toBe('VALIDATION_FAILED');
    expect(failure(() => createKernelStream('ema', { period: 3, source: 'typical' })).message).toContain('source');
  });
  it('knows the sixteen core ids with their output names', () => {
    const params = { period: 5, fast: 3, slow: 6, signal: 4, k: 2, kPeriod: 5, kSmooth: 3, dPeriod: 3, multiplier: 2, atrPeriod: 5, anchor: 'day' };
    const outputs = Object.fromEntries(KERNEL_STREAM_IDS.map((id) => [id, createKernelStream(id, params).outputs]));
    expect(outputs).toEqual({
      sma: ['value'], ema: ['value'], wma: ['value'], rsi: ['value'], macd: ['macd', 'signal', 'histogram'],
      bb: ['middle', 'upper', 'lower'], atr: ['value'], adx: ['adx', 'plusDI', 'minusDI'], stoch: ['k', 'd'],
      cci: ['value'], roc: ['value'], stddev: ['value'], obv: ['value'], vwap: ['value'],
      donchian: ['upper', 'middle', 'lower'], keltner: ['upper', 'middle', 'lower'],
    });
  });
});
