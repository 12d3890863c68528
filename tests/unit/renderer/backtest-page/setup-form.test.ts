import { describe, expect, it } from 'vitest';
import type { StrategyDescriptor } from '../../../../src-shared/contract/backtest.contract.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { DEFAULT_FORM, parseDay, toStartInput, type SetupForm } from '../../../../src-renderer/pages/backtest/setup/setup-form.ts';

const strategy: StrategyDescriptor = {
  id: 'sma-cross',
  name: 'SMA cross',
  description: '',
  version: '1.0.0',
  origin: 'builtin',
  params: [
    { name: 'fast', label: 'Fast', type: 'int', default: 10, min: 2, max: 200 },
    { name: 'slow', label: 'Slow', type: 'int', default: 30, min: 3, max: 400 },
  ],
};
const orcl: Instrument = {
  id: 7, symbol: 'ORCL', venue: 'NASDAQ', assetClass: 'stock', currency: 'USD', tickSize: 0.01, lotSize: 1, source: 'csv', createdAt: 0,
  series: [{ timeframe: '1d' as Timeframe, count: 5036, first: 0, last: 1 }],
};
const form = (patch: Partial<SetupForm> = {}): SetupForm => ({
  ...DEFAULT_FORM, strategyId: 'sma-cross', params: { fast: 10, slow: 30 }, instrumentId: 7, timeframe: '1d' as Timeframe, ...patch,
});

describe('the backtest setup form', () => {
  it('reads calendar days and refuses impossible ones', () => {
    expect(parseDay('2014-12-31')).toBe(Date.UTC(2014, 11, 31));
    expect(parseDay('2014-02-30')).toBeNull();
    expect(parseDay('31/12/2014')).toBeNull();
  });

  it('turns what a trader types into the start input: percents as fractions, the "to" day included', () => {
    const out = toStartInput(
      form({ from: '2000-01-03', to: '2000-12-29', commission: { kind: 'percent', value: 0.1, value2: 0 }, sizing: { kind: 'percent', value: 50 } }),
      strategy,
      orcl,
    );
    expect(out.errors).toBeNull();
    expect(out.input).toEqual({
      instrumentId: 7,
      timeframe: '1d',
      from: Date.UTC(2000, 0, 3),
      to: Date.UTC(2000, 11, 30) - 1,
      strategyId: 'sma-cross',
      params: { fast: 10, slow: 30 },
      settings: {
        initialCash: 100_000,
        commission: { kind: 'percent', rate: 0.001 },
        slippage: { kind: 'none' },
        sizing: { kind: 'percent', percent: 50 },
        tickSize: 0,
        lotSize: 1,
      },
      calendar: 'stock',
    });
  });

  it("rounds to the instrument's tick only when asked", () => {
    expect(toStartInput(form({ roundToTick: true }), strategy, orcl).input?.settings?.tickSize).toBe(0.01);
  });

  it('names every field that keeps the run from starting', () => {
    const out = toStartInput(
      form({ params: { fast: 1.5, slow: 30 }, from: '2001-01-01', to: '2000-01-01', initialCash: 0, sizing: { kind: 'kelly', value: 2 } }),
      strategy,
      orcl,
    );
    expect(out.input).toBeNull();
    expect(out.errors).toEqual({
      'param.fast': 'Between 2 and 200, whole',
      to: 'Must not be before "from"',
      initialCash: 'More than 0',
      sizing: 'More than 0, at most 1',
    });
  });

  it('asks for a strategy, an instrument and a timeframe', () => {
    const out = toStartInput(form({ timeframe: null }), undefined, undefined);
    expect(Object.keys(out.errors ?? {}).sort()).toEqual(['instrumentId', 'strategyId', 'timeframe']);
  });

  it('maps maker/taker and IB-tiered commissions to the engine models', () => {
    const mt = toStartInput(form({ commission: { kind: 'maker-taker', value: 0.02, value2: 0.05 } }), strategy, orcl);
    expect(mt.input?.settings?.commission).toEqual({ kind: 'maker-taker', maker: 0.0002, taker: 0.0005 });
    const tiered = toStartInput(form({ commission: { kind: 'ib-tiered', value: 0, value2: 0 } }), strategy, orcl);
    expect(tiered.input?.settings?.commission).toMatchObject({ kind: 'tiered', minPerOrder: 0.35, maxFractionOfValue: 0.01 });
  });
});
