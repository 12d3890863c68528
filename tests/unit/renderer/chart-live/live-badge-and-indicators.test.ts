import { describe, expect, it } from 'vitest';
import type { LiveSubscription } from '../../../../src-shared/contract/live.contract.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { BarWindow } from '../../../../src-renderer/pages/chart/data/bar-window.ts';
import { liveBadge, subscriptionFor } from '../../../../src-renderer/pages/chart/live/live-badge.ts';
import { closedRange, patchIndicatorValues } from '../../../../src-renderer/pages/chart/live/live-indicators.ts';

const sub = (patch: Partial<LiveSubscription> = {}): LiveSubscription => ({
  subscriptionId: 'sub_abcdef', connectionId: 'con_abcdef', symbol: 'BTC/USDT', instrumentId: 4, timeframes: ['1m', '5m'] as Timeframe[],
  trades: 0, barsCompleted: 0, rejected: {}, caughtUp: 0, lastTradeAt: null, ...patch,
});

describe('which subscription the chart follows', () => {
  it('matches live.list by instrument id', () => {
    const list = [sub({ subscriptionId: 'sub_first1', instrumentId: 3 }), sub({ subscriptionId: 'sub_second', instrumentId: 4 })];
    expect(subscriptionFor(list, 4)!.subscriptionId).toBe('sub_second');
    expect(subscriptionFor(list, 5)).toBeNull();
    expect(subscriptionFor(undefined, 4)).toBeNull();
    expect(subscriptionFor(list, undefined)).toBeNull();
  });
});

describe('the LIVE badge', () => {
  it('is green while the connection is live and the chart shows a streamed timeframe', () => {
    expect(liveBadge(sub(), { state: 'live' }, '1m', true, 'Binance')).toMatchObject({ color: 'green', dimmed: false, note: '' });
  });

  it('greys out with "reconnecting…" (and the other states) while the connection is not live', () => {
    const notes = (['reconnecting', 'connecting', 'disconnected', 'down'] as const).map((state) => liveBadge(sub(), { state }, '5m', true, 'Binance'));
    expect(notes.map((b) => [b.color, b.dimmed, b.note])).toEqual([
      ['gray', true, 'reconnecting…'], ['gray', true, 'connecting…'], ['gray', true, 'disconnected'], ['gray', true, 'down'],
    ]);
    expect(liveBadge(sub(), undefined, '1m', true, 'x').note).toBe('no connection');
  });

  it('says which timeframes stream when the chart shows another, and when the user paused following', () => {
    expect(liveBadge(sub(), { state: 'live' }, '1h', true, 'Binance')).toMatchObject({ color: 'gray', note: '1m, 5m only' });
    expect(liveBadge(sub(), { state: 'live' }, '1m', false, 'Binance')).toMatchObject({ color: 'gray', note: 'paused' });
  });
});

describe('indicator values at live bars', () => {
  function windowWithSma() {
    const w = new BarWindow(100);
    const bars = [0, 1, 2, 3].map((i) => ({ time: i * 60_000, open: 1, high: 1, low: 1, close: 1, volume: 1 }));
    w.reset({ bars, values: new Map([['sma', new Map([['value', [NaN, 1.5, 2.5, NaN]]])]]) }, true, true);
    return w;
  }

  it('writes the computed values at the bars with the same times and reports the keys to redraw', () => {
    const w = windowWithSma();
    const touched = patchIndicatorValues(w, {
      time: new Float64Array([180_000, 240_000]),
      results: [{ key: 'sma', outputs: { value: new Float64Array([3.5, 9]) } }, { key: 'gone', outputs: { value: new Float64Array([1, 1]) } }],
    });
    expect(touched).toEqual(['sma']);
    // 240,000 is no bar of the window: skipped. The removed indicator 'gone' is not added back.
    expect(w.values.get('sma')!.get('value')).toEqual([NaN, 1.5, 2.5, 3.5]);
    expect(w.values.has('gone')).toBe(false);
  });

  it('reports nothing when the values are already there', () => {
    const w = windowWithSma();
    expect(patchIndicatorValues(w, { time: [60_000], results: [{ key: 'sma', outputs: { value: [1.5] } }] })).toEqual([]);
  });

  it('asks for the closed bars only', () => {
    expect(closedRange([{ time: 5, closed: false }])).toBeNull();
    expect(closedRange([{ time: 5, closed: true }, { time: 9, closed: false }, { time: 7, closed: true }])).toEqual({ from: 5, to: 7 });
  });
});
