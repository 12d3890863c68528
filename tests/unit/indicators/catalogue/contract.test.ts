import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../src-shared/contract/errors.ts';
import { barCount, type BarColumns } from '../../../../src-shared/domain/bars.ts';
import { IndicatorDescriptorSchema, type IndicatorParam } from '../../../../src-shared/domain/indicator.ts';
import { CATALOGUE } from '../../../../src-workers/indicators/catalogue/index.ts';
import type { BarInput, IndicatorDefinition } from '../../../../src-workers/indicators/types.ts';
import { sharedDataDir } from '../../../support/shared-data.ts';
import { estxMinuteBars, walkBars, yahooBars } from './fixtures.ts';

// The one contract every catalogue entry keeps (STYLE.md §4): batch and stream agree bar for bar,
// also when the last bar is replaced; warm-up is NaN only at the start; defaults are valid; bad
// parameters and NaN prices are refused by name.

const ids = CATALOGUE.map((d) => d.descriptor.id);
const barAt = (b: BarColumns, i: number): BarInput => ({
  time: b.time[i]!,
  open: b.open[i]!,
  high: b.high[i]!,
  low: b.low[i]!,
  close: b.close[i]!,
  volume: b.volume[i]!,
});

/** Feeds every bar as a wrong forming bar first, replaces it twice, and compares with the batch. */
function checkStreamMatchesBatch(def: IndicatorDefinition, bars: BarColumns): void {
  const params = def.params.parse({});
  const batch = def.batch(bars, params);
  const stream = def.stream(params);
  const outputs = def.descriptor.outputs.map((o) => o.id);
  expect(stream.outputs).toEqual(outputs);
  expect(Object.keys(batch).sort()).toEqual([...outputs].sort());
  for (let i = 0; i < barCount(bars); i++) {
    const bar = barAt(bars, i);
    stream.add({ ...bar, open: bar.open * 0.97, high: bar.high * 1.05, low: bar.low * 0.93, close: bar.close * 1.03, volume: bar.volume * 2 + 1 });
    stream.replace({ ...bar, close: (bar.high + bar.low) / 2, volume: bar.volume + 7 });
    stream.replace(bar);
    for (let k = 0; k < outputs.length; k++) {
      const expected = batch[outputs[k]!]![i]!;
      const got = stream.values[k]!;
      if (!Object.is(expected, got)) {
        throw new Error(`${def.descriptor.id}.${outputs[k]} at bar ${i}: batch ${expected}, stream ${got}`);
      }
    }
  }
}

/** After the first value of an output, every later bar has one. */
function checkWarmUpOnlyAtStart(def: IndicatorDefinition, bars: BarColumns): void {
  const batch = def.batch(bars, def.params.parse({}));
  for (const [id, column] of Object.entries(batch)) {
    expect(column.length, `${def.descriptor.id}.${id} length`).toBe(barCount(bars));
    const first = column.findIndex((v) => !Number.isNaN(v));
    expect(first, `${def.descriptor.id}.${id} never has a value`).toBeGreaterThanOrEqual(0);
    const gap = column.findIndex((v, i) => i > first && Number.isNaN(v));
    expect(gap, `${def.descriptor.id}.${id} is NaN at bar ${gap} after its warm-up ended at ${first}`).toBe(-1);
    if (def.descriptor.outputs.find((o) => o.id === id)?.style === 'signal') {
      const other = column.find((v, i) => i >= first && v !== 0 && v !== 1 && v !== -1);
      expect(other, `${def.descriptor.id}.${id} is a signal`).toBeUndefined();
    }
  }
}

describe('every catalogue entry', () => {
  it('has a unique kebab-case id and a valid descriptor', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const def of CATALOGUE) {
      expect(IndicatorDescriptorSchema.safeParse(def.descriptor).success, def.descriptor.id).toBe(true);
      expect(def.descriptor.description.length, def.descriptor.id).toBeGreaterThan(10);
    }
  });

  it.each(ids)('%s: defaults are valid and filled in', (id) => {
    const def = CATALOGUE.find((d) => d.descriptor.id === id)!;
    const params = def.params.parse({});
    expect(params).toEqual(Object.fromEntries(def.descriptor.params.map((p) => [p.name, p.default])));
    expect(def.params.parse(undefined)).toEqual(params);
  });

  it.each(ids)('%s: bad parameters are refused, naming the parameter', (id) => {
    const def = CATALOGUE.find((d) => d.descriptor.id === id)!;
    const expectRefused = (params: Record<string, unknown>, name: string): void => {
      const result = def.params.safeParse(params);
      expect(result.success, `${id} accepted ${JSON.stringify(params)}`).toBe(false);
      if (result.success) return;
      expect(result.error.issues[0]!.path).toEqual([name]);
      expect(result.error.issues[0]!.message).toContain(name);
    };
    expectRefused({ bogus: 1 }, 'bogus');
    for (const p of def.descriptor.params as IndicatorParam[]) {
      if (p.type === 'choice') {
        expectRefused({ [p.name]: 'no-such-choice' }, p.name);
        expectRefused({ [p.name]: 3 }, p.name);
        continue;
      }
      expectRefused({ [p.name]: p.max + 1 }, p.name);
      expectRefused({ [p.name]: p.min - 1 }, p.name);
      expectRefused({ [p.name]: 'ten' }, p.name);
      if (p.type === 'int') expectRefused({ [p.name]: p.default + 0.5 }, p.name);
    }
  });

  it.each(ids)('%s: a NaN price is refused, in batch and stream', (id) => {
    const def = CATALOGUE.find((d) => d.descriptor.id === id)!;
    const params = def.params.parse({});
    const field = def.descriptor.inputs.at(-1)!;
    const bars = walkBars(40);
    bars[field][17] = Number.NaN;
    expect(() => def.batch(bars, params)).toThrow(AppFailure);
    try {
      def.batch(bars, params);
    } catch (error) {
      expect((error as AppFailure).code).toBe('VALIDATION_FAILED');
      expect((error as AppFailure).message).toContain(`${field} of bar 17`);
    }
    const stream = def.stream(params);
    stream.add(barAt(walkBars(1), 0));
    expect(() => stream.add({ ...barAt(walkBars(2), 1), [field]: Number.NaN })).toThrow(new RegExp(`${field} of the bar`));
  });

  it('an empty history gives empty columns, never an error', () => {
    const empty = walkBars(0);
    for (const def of CATALOGUE) {
      const columns = def.batch(empty, def.params.parse({}));
      expect(Object.keys(columns).sort(), def.descriptor.id).toEqual(def.descriptor.outputs.map((o) => o.id).sort());
      for (const column of Object.values(columns)) expect(column.length, def.descriptor.id).toBe(0);
    }
  });

  it.each(ids)('%s: stream equals batch on generated bars', (id) => {
    checkStreamMatchesBatch(CATALOGUE.find((d) => d.descriptor.id === id)!, walkBars(300));
  });
});

describe.skipIf(!sharedDataDir)('every catalogue entry over real data', () => {
  const orcl = sharedDataDir ? yahooBars('orcl-1995-2014.csv') : walkBars(1);
  const estx = sharedDataDir ? estxMinuteBars(3000) : walkBars(1);

  it.each(ids)('%s: stream equals batch bar for bar over ORCL daily (5,036 bars), with replaced forming bars', (id) => {
    checkStreamMatchesBatch(CATALOGUE.find((d) => d.descriptor.id === id)!, orcl);
  });

  it.each(ids)('%s: stream equals batch over Euro Stoxx 50 one-minute bars', (id) => {
    checkStreamMatchesBatch(CATALOGUE.find((d) => d.descriptor.id === id)!, estx);
  });

  it.each(ids)('%s: warm-up is NaN only at the start (ORCL)', (id) => {
    checkWarmUpOnlyAtStart(CATALOGUE.find((d) => d.descriptor.id === id)!, orcl);
  });
});
