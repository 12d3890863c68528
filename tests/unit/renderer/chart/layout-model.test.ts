import { describe, expect, it } from 'vitest';
import type { IndicatorDescriptor } from '../../../../src-shared/domain/indicator.ts';
import { indicatorLabel, shortName } from '../../../../src-renderer/pages/chart/layout/indicator-label.ts';
import * as model from '../../../../src-renderer/pages/chart/layout/layout-model.ts';
import { toSeriesMarkers } from '../../../../src-renderer/pages/chart/controller/series-data.ts';

function descriptor(id: string, name: string, placement: 'overlay' | 'pane', params: IndicatorDescriptor['params'], outputs = ['value']): IndicatorDescriptor {
  return {
    id,
    name,
    group: 'trend',
    inputs: ['close'],
    params,
    outputs: outputs.map((o) => ({ id: o, label: o, style: 'line' as const })),
    placement,
    engine: 'kernel',
    levels: [],
    description: name,
  };
}

const period = (d: number) => ({ name: 'period', label: 'Period', type: 'int' as const, default: d, min: 1, max: 500 });
const SMA = descriptor('sma', 'Simple Moving Average', 'overlay', [period(20)]);
const BB = descriptor('bb', 'Bollinger Bands', 'overlay', [period(20), { name: 'stdDev', label: 'Deviations', type: 'float', default: 2, min: 0.1, max: 10, step: 0.1 }], ['upper', 'middle', 'lower']);
const RSI = descriptor('rsi', 'Relative Strength Index', 'pane', [period(14)]);
const MACD = descriptor('macd', 'MACD', 'pane', [period(12), { ...period(26), name: 'slow' }, { ...period(9), name: 'signal' }], ['macd', 'signal', 'histogram']);

describe('chart layout model', () => {
  it('puts overlays on the price pane and each other indicator in a new pane', () => {
    let l = model.defaultLayout(1);
    for (const d of [SMA, RSI, BB, MACD]) l = model.addIndicator(l, d);
    expect(l.indicators.map((i) => [i.key, i.pane])).toEqual([
      ['sma-1', 0],
      ['rsi-1', 1],
      ['bb-1', 0],
      ['macd-1', 2],
    ]);
    expect(model.addIndicator(l, SMA).indicators.at(-1)!.key).toBe('sma-2');
  });

  it('gives each indicator colours no other indicator uses while the palette lasts', () => {
    let l = model.defaultLayout(1);
    for (const d of [SMA, BB, MACD]) l = model.addIndicator(l, d);
    const colors = l.indicators.flatMap((i) => [...new Set(Object.values(i.colors))]);
    expect(new Set(colors).size).toBe(colors.length);
    expect(Object.values(l.indicators[2]!.colors)).toHaveLength(3);
    expect(new Set(Object.values(l.indicators[2]!.colors)).size).toBe(3);
  });

  it('moves later panes up when a pane is emptied, keeping their heights', () => {
    let l = model.defaultLayout(1);
    for (const d of [RSI, MACD]) l = model.addIndicator(l, d);
    l = { ...l, paneHeights: [0.6, 0.15, 0.25] };
    l = model.removeIndicator(l, 'rsi-1');
    expect(l.indicators.map((i) => [i.key, i.pane])).toEqual([['macd-1', 1]]);
    expect(l.paneHeights).toEqual([0.6, 0.25]);
  });

  it('applies a preset with fresh keys and compact panes', () => {
    const preset = [
      { key: 'x', config: { id: 'rsi', params: { period: 7 }, fuzzy: [] }, colors: {}, pane: 3, visible: true },
      { key: 'y', config: { id: 'sma', params: { period: 50 }, fuzzy: [] }, colors: {}, pane: 0, visible: true },
    ];
    const l = model.applyPreset(model.defaultLayout(1), preset);
    expect(l.indicators.map((i) => [i.key, i.pane])).toEqual([
      ['rsi-1', 1],
      ['sma-1', 0],
    ]);
  });

  it('adds and removes price lines', () => {
    let l = model.addPriceLine(model.defaultLayout(1), { price: 10, color: '#f59f00', title: '' });
    l = model.addPriceLine(l, { price: 12, color: '#f59f00', title: 'target' });
    expect(model.removePriceLine(l, 0).priceLines).toEqual([{ price: 12, color: '#f59f00', title: 'target' }]);
  });
});

describe('indicator labels', () => {
  it('reads like a trader writes them', () => {
    const sma = model.addIndicator(model.defaultLayout(1), SMA).indicators[0]!;
    expect(indicatorLabel(SMA, sma)).toBe('SMA(20)');
    expect(indicatorLabel(SMA, { config: { ...sma.config, params: { period: 50 } } })).toBe('SMA(50)');
    expect(indicatorLabel(BB, { config: { id: 'bb', params: { period: 20, stdDev: 2 }, fuzzy: [] } })).toBe('BB(20, 2)');
    expect(indicatorLabel(MACD, { config: { id: 'macd', params: {}, fuzzy: [] } })).toBe('MACD(12, 26, 9)');
    expect(shortName(descriptor('williams-r', 'Williams %R', 'pane', []), 'williams-r')).toBe('W%R');
  });
});

describe('markers for lightweight-charts', () => {
  it('are sorted by time and counted in seconds', () => {
    const markers = toSeriesMarkers([
      { time: 120_000, position: 'aboveBar', shape: 'arrowDown', color: '#15aabf', text: 'Replay end' },
      { time: 60_000, position: 'belowBar', shape: 'arrowUp', color: '#f59f00', text: 'Replay start' },
    ]);
    expect(markers.map((m) => [m.time, m.text])).toEqual([
      [60, 'Replay start'],
      [120, 'Replay end'],
    ]);
  });
});

describe('band colours', () => {
  it('draw both edges of a band in one colour and the middle in another', () => {
    const bb = model.addIndicator(model.defaultLayout(1), BB).indicators[0]!;
    expect(bb.colors.upper).toBe(bb.colors.lower);
    expect(bb.colors.middle).not.toBe(bb.colors.upper);
  });
});
