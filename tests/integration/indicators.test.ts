import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { JOB_THRESHOLD_BARS } from '../../src-main/indicators/indicator-service.ts';
import type { IndicatorComputeOutput } from '../../src-shared/contract/indicators.contract.ts';
import type { AppError } from '../../src-shared/contract/errors.ts';
import type { JobRecord } from '../../src-shared/domain/job.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { generateBars } from '../../src-workers/bars/demo-data.ts';
import { barCloseTime } from '../../src-workers/indicators/align.ts';
import { CATALOGUE, getIndicator } from '../../src-workers/indicators/catalogue/index.ts';
import { membership } from '../../src-workers/indicators/fuzzy.ts';
import { tempDir } from '../support/temp-dir.ts';

const tmp = tempDir();
let core: CoreInternals;
let hourly: number; // instrument with 1h bars only (daily and weekly come from resampling)
let minutes: number; // instrument with more bars than the job threshold
const HOURS = 24 * 120;

async function call<T>(channel: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  return (await core.router.handle(channel, input, { transport: 'local' })) as never;
}

async function compute(input: Record<string, unknown>): Promise<IndicatorComputeOutput> {
  const result = await call<IndicatorComputeOutput>('indicators.compute', input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function computeError(input: Record<string, unknown>): Promise<AppError> {
  const result = await call('indicators.compute', input);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

beforeAll(async () => {
  core = await createCore({ dataDir: tmp.dir, poolSize: 1, seedDemo: false, validateOutput: true });
  const spec = { venue: 'TEST', assetClass: 'crypto' as const, currency: 'USD', tickSize: 0.01, lotSize: 1, source: 'test' };
  hourly = core.services.instruments.ensure({ ...spec, symbol: 'HOURLY' }).id;
  core.services.store.upsert(
    hourly,
    '1h',
    generateBars({ seed: 11, start: Date.UTC(2024, 0, 1), count: HOURS, timeframe: '1h' as Timeframe, startPrice: 100, annualVolatility: 0.6, annualDrift: 0 }),
  );
  minutes = core.services.instruments.ensure({ ...spec, symbol: 'MINUTES' }).id;
  core.services.store.upsert(
    minutes,
    '1m',
    generateBars({ seed: 5, start: Date.UTC(2024, 0, 1), count: JOB_THRESHOLD_BARS + 1000, timeframe: '1m' as Timeframe, startPrice: 50, annualVolatility: 0.4, annualDrift: 0 }),
  );
});

afterAll(async () => {
  await core.close();
  tmp.cleanup();
});

describe('indicators.catalogue', () => {
  it('lists every indicator with its parameters, outputs and placement', async () => {
    const result = await call<{ id: string }[]>('indicators.catalogue', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((d) => d.id)).toEqual(CATALOGUE.map((d) => d.descriptor.id));
    expect(result.value.find((d) => d.id === 'macd')).toMatchObject({
      params: [
        { name: 'fast', type: 'int', default: 12 },
        { name: 'slow', type: 'int', default: 26 },
        { name: 'signal', type: 'int', default: 9 },
        { name: 'source', type: 'choice', default: 'close', choices: ['close', 'open', 'high', 'low'] },
      ],
      outputs: [{ id: 'macd' }, { id: 'signal' }, { id: 'histogram', style: 'histogram' }],
      placement: 'pane',
      levels: [0],
    });
  });
});

describe('indicators.compute', () => {
  it('computes over the whole history: the 20-bar SMA is the mean of the 20 closes before it', async () => {
    const { bars } = core.services.bars.query(hourly, '1h' as Timeframe, {});
    const out = await compute({ instrumentId: hourly, timeframe: '1h', indicators: [{ key: 'sma', config: { id: 'sma', params: { period: 20 } } }] });
    expect([...out.time]).toEqual([...bars.time]);
    const sma = out.results[0]!.outputs.value!;
    for (let i = 0; i < 19; i++) expect(sma[i]).toBeNaN();
    for (const i of [19, 20, 500, HOURS - 1]) {
      let sum = 0;
      for (let j = i - 19; j <= i; j++) sum += bars.close[j]!;
      expect(sma[i]).toBeCloseTo(sum / 20, 10);
    }
  });

  it('returns the same values whatever window is asked for (from, to, limit)', async () => {
    const indicators = [
      { key: 'ema', config: { id: 'ema', params: { period: 50 } } },
      { key: 'kst', config: { id: 'kst' } },
      { key: 'rsi', config: { id: 'rsi', fuzzy: [{ name: 'high', output: 'value', shape: 'trapezoid', points: [60, 70, 100, 100] }] } },
    ];
    const full = await compute({ instrumentId: hourly, timeframe: '1h', indicators });
    const from = full.time[1000]!;
    const to = full.time[1500]!;
    const windowed = await compute({ instrumentId: hourly, timeframe: '1h', from, to, indicators });
    expect(windowed.time.length).toBe(501);
    expect(windowed.time[0]).toBe(from);
    const limited = await compute({ instrumentId: hourly, timeframe: '1h', to, limit: 40, indicators });
    expect(limited.time.length).toBe(40);
    expect(limited.time[39]).toBe(to);
    for (const [k, result] of full.results.entries()) {
      for (const [id, column] of Object.entries(result.outputs)) {
        expect([...windowed.results[k]!.outputs[id]!], `${result.key}.${id}`).toEqual([...column.subarray(1000, 1501)]);
        expect([...limited.results[k]!.outputs[id]!], `${result.key}.${id}`).toEqual([...column.subarray(1461, 1501)]);
      }
      for (const [name, column] of Object.entries(result.fuzzy)) {
        expect([...windowed.results[k]!.fuzzy[name]!]).toEqual([...column.subarray(1000, 1501)]);
      }
    }
  });

  it('fuzzy sets give membership degrees of the output, NaN during warm-up', async () => {
    const set = { name: 'oversold', output: 'value', shape: 'trapezoid' as const, points: [0, 0, 30, 40] as [number, number, number, number] };
    const out = await compute({ instrumentId: hourly, timeframe: '1h', indicators: [{ key: 'r', config: { id: 'rsi', params: { period: 14 }, fuzzy: [set] } }] });
    const rsi = out.results[0]!.outputs.value!;
    const degree = out.results[0]!.fuzzy.oversold!;
    expect(degree[0]).toBeNaN();
    expect(degree[13]).toBeNaN();
    let seen = 0;
    for (let i = 14; i < rsi.length; i++) {
      expect(degree[i]).toBe(membership(set, rsi[i]!));
      expect(degree[i]).toBeGreaterThanOrEqual(0);
      expect(degree[i]).toBeLessThanOrEqual(1);
      if (degree[i]! > 0 && degree[i]! < 1) seen++;
    }
    expect(seen, 'some bars are partly oversold').toBeGreaterThan(0);
  });

  it('a daily RSI on the hourly chart shows each day only once that day has closed', async () => {
    const out = await compute({ instrumentId: hourly, timeframe: '1h', indicators: [{ key: 'd', config: { id: 'rsi', timeframe: '1d' } }] });
    // Independently: the daily bars (resampled), their RSI, and the last day closed at each hour's close.
    const daily = core.services.bars.query(hourly, '1d' as Timeframe, {}).bars;
    const def = getIndicator('rsi');
    const dailyRsi = def.batch(daily, def.params.parse({})).value!;
    const aligned = out.results[0]!.outputs.value!;
    let k = -1;
    out.time.forEach((t, j) => {
      const close = t + 3_600_000;
      while (k + 1 < daily.time.length && daily.time[k + 1]! + 86_400_000 <= close) k++;
      const expected = k >= 0 ? dailyRsi[k]! : Number.NaN;
      expect(Object.is(aligned[j], expected), `hour ${new Date(t).toISOString()}`).toBe(true);
    });
    // The value never changes inside a day: it changes only on the bar that ends at midnight.
    for (let j = 1; j < aligned.length; j++) {
      if (!Object.is(aligned[j], aligned[j - 1])) expect(new Date(out.time[j]!).getUTCHours()).toBe(23);
    }
  });

  it('no look-ahead: values up to a moment never change when later bars exist', async () => {
    const indicators = [
      { key: 'w', config: { id: 'macd', timeframe: '1w' } },
      { key: 'd', config: { id: 'supertrend', timeframe: '1d' } },
      { key: 'h', config: { id: 'bb' } },
    ];
    const full = await compute({ instrumentId: hourly, timeframe: '1h', indicators });
    for (const cut of [700, 1234, 2001]) {
      const partial = await compute({ instrumentId: hourly, timeframe: '1h', to: full.time[cut]!, indicators });
      expect(partial.time.length).toBe(cut + 1);
      for (const [k, result] of full.results.entries()) {
        for (const [id, column] of Object.entries(result.outputs)) {
          expect([...partial.results[k]!.outputs[id]!], `${result.key}.${id} cut at ${cut}`).toEqual([...column.subarray(0, cut + 1)]);
        }
      }
    }
  });

  it('names what is wrong: instrument, indicator, parameter, timeframe, key', async () => {
    const rsi = { key: 'a', config: { id: 'rsi' } };
    const noInstrument = await computeError({ instrumentId: 999, timeframe: '1h', indicators: [rsi] });
    expect(noInstrument).toMatchObject({ code: 'NOT_FOUND', message: 'No instrument with id 999' });

    const noIndicator = await computeError({ instrumentId: hourly, timeframe: '1h', indicators: [rsi, { key: 'b', config: { id: 'xyz' } }] });
    expect(noIndicator.code).toBe('NOT_FOUND');
    expect(noIndicator.message).toBe('indicators[1].config.id: No indicator "xyz"; see candlewick indicators');

    const badParam = await computeError({
      instrumentId: hourly,
      timeframe: '1h',
      indicators: [rsi, { key: 'b', config: { id: 'ema' } }, { key: 'c', config: { id: 'sma', params: { period: 0 } } }],
    });
    expect(badParam.code).toBe('VALIDATION_FAILED');
    expect(badParam.message).toContain('indicators[2].config.params.period');

    const lower = await computeError({ instrumentId: hourly, timeframe: '1h', indicators: [{ key: 'a', config: { id: 'rsi', timeframe: '15m' } }] });
    expect(lower.code).toBe('VALIDATION_FAILED');
    expect(lower.message).toContain('indicators[0].config.timeframe: 15m is not a higher timeframe');

    const same = await computeError({ instrumentId: hourly, timeframe: '1d', indicators: [{ key: 'a', config: { id: 'rsi', timeframe: '1d' } }] });
    expect(same.code).toBe('VALIDATION_FAILED');

    const notTiling = await computeError({ instrumentId: hourly, timeframe: '1w', indicators: [{ key: 'a', config: { id: 'rsi', timeframe: '1M' } }] });
    expect(notTiling.code).toBe('VALIDATION_FAILED');

    const twice = await computeError({ instrumentId: hourly, timeframe: '1h', indicators: [rsi, rsi] });
    expect(twice).toMatchObject({ code: 'VALIDATION_FAILED', message: 'indicators[1].key: "a" is used twice' });

    const badFuzzy = await computeError({
      instrumentId: hourly,
      timeframe: '1h',
      indicators: [{ key: 'a', config: { id: 'macd', fuzzy: [{ name: 'x', output: 'value', shape: 'triangle', points: [0, 1, 2] }] } }],
    });
    expect(badFuzzy.message).toContain('indicators[0].config.fuzzy[0].output: "value" is not an output of macd');
  });

  it(`above ${JOB_THRESHOLD_BARS.toLocaleString('en-US')} bars the computation is a job too, and still answers`, async () => {
    const updates: JobRecord[] = [];
    const off = core.onEvent((e) => e.name === 'jobs.updated' && updates.push(e.payload as JobRecord));
    const out = await compute({ instrumentId: minutes, timeframe: '1m', limit: 10, indicators: [{ key: 's', config: { id: 'sma', params: { period: 3 } } }] });
    off();
    expect(out.time.length).toBe(10);
    const { bars } = core.services.bars.query(minutes, '1m' as Timeframe, {});
    const n = bars.time.length;
    expect(out.results[0]!.outputs.value![9]).toBeCloseTo((bars.close[n - 1]! + bars.close[n - 2]! + bars.close[n - 3]!) / 3, 9);
    const jobs = updates.filter((u) => u.kind === 'indicators');
    expect(jobs.at(-1)).toMatchObject({ kind: 'indicators', state: 'done', result: { bars: 10, indicators: 1 } });
    expect(jobs.at(-1)!.title).toContain('MINUTES 1m');
    const small = updates.length;
    await compute({ instrumentId: hourly, timeframe: '1h', limit: 5, indicators: [{ key: 's', config: { id: 'sma' } }] });
    expect(updates.length, 'a small computation is no job').toBe(small);
  });

  it('a big computation can be cancelled from the jobs list; the request then fails as CANCELLED', async () => {
    const off = core.onEvent((e) => {
      const job = e.payload as JobRecord;
      if (e.name === 'jobs.updated' && job.kind === 'indicators' && job.state === 'running') {
        void call('jobs.cancel', { jobId: job.id });
      }
    });
    const slow = Array.from({ length: 6 }, (_, i) => ({ key: `p${i}`, config: { id: 'cdl-bullish' } }));
    const error = await computeError({ instrumentId: minutes, timeframe: '1m', indicators: slow });
    off();
    expect(error.code).toBe('CANCELLED');
    // The pool recovers: the next computation works.
    const after = await compute({ instrumentId: hourly, timeframe: '1h', limit: 3, indicators: [{ key: 's', config: { id: 'sma' } }] });
    expect(after.time.length).toBe(3);
  });
});
