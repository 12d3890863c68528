import { describe, expect, it } from 'vitest';
import { emptyLiveBar } from '../../../src-workers/live/bar-accumulator.ts';
import { BarBuilder, type BarEvent, type BarBuilderOptions } from '../../../src-workers/live/bar-builder.ts';

const MIN = 60_000;
const T = (h: number, m: number, s = 0, ms = 0) => Date.UTC(2024, 0, 2, h, m, s, ms);
const ohlcv = (e: BarEvent) => [e.timeframe, e.kind, new Date(e.time).toISOString().slice(11, 16), e.open, e.high, e.low, e.close, e.volume];

function builder(timeframes: string[], extra: Partial<BarBuilderOptions> = {}) {
  const batches: BarEvent[][] = [];
  const b = new BarBuilder({ timeframes, onBars: (bars) => batches.push(bars), ...extra });
  const taken = () => batches.splice(0).map((batch) => batch.map(ohlcv));
  return { b, taken };
}

describe('BarBuilder: completion', () => {
  it('builds 1m, 5m and 1h bars and completes them on the first trade after their end (hand-computed)', () => {
    const { b, taken } = builder(['1h', '1m', '5m']);
    expect(b.timeframes).toEqual(['1m', '5m', '1h']);
    b.push(T(10, 0, 5), 100, 1);
    b.push(T(10, 0, 30), 102, 2);
    b.push(T(10, 0, 50), 99, 1);
    expect(taken()).toEqual([]);
    b.push(T(10, 1, 10), 101, 3);
    expect(taken()).toEqual([[['1m', 'completed', '10:00', 100, 102, 99, 99, 4]]]);
    b.push(T(10, 4, 59), 103, 1);
    expect(taken()).toEqual([[['1m', 'completed', '10:01', 101, 101, 101, 101, 3]]]);
    b.push(T(10, 5), 104, 2);
    expect(taken()).toEqual([[
      ['1m', 'completed', '10:04', 103, 103, 103, 103, 1],
      ['5m', 'completed', '10:00', 100, 103, 99, 103, 8],
    ]]);
    expect(b.forming('1h', emptyLiveBar())).toEqual({ time: T(10, 0), open: 100, high: 104, low: 99, close: 104, volume: 10, trades: 6 });
  });

  it('completes bars on the clock at the exact end of their period, all closed timeframes in one call', () => {
    const { b, taken } = builder(['1m', '5m', '1h']);
    b.push(T(10, 58, 1), 50, 1);
    b.push(T(10, 59, 30), 51, 1);
    expect(taken()).toEqual([[['1m', 'completed', '10:58', 50, 50, 50, 50, 1]]]);
    expect(b.nextCloseAt()).toBe(T(11, 0));
    expect(b.advanceTo(T(10, 59, 59, 999))).toEqual([]);
    expect(b.changed).toBe(0);
    const returned = b.advanceTo(T(11, 0));
    expect(returned.map(ohlcv)).toEqual([
      ['1m', 'completed', '10:59', 51, 51, 51, 51, 1],
      ['5m', 'completed', '10:55', 50, 51, 50, 51, 2],
      ['1h', 'completed', '10:00', 50, 51, 50, 51, 2],
    ]);
    expect(taken()).toEqual([returned.map(ohlcv)]);
    expect(b.changed).toBe(0b111);
    expect(b.forming('1m', emptyLiveBar())).toBeNull();
    expect(b.forming('1h', emptyLiveBar())).toBeNull();
    expect(b.nextCloseAt()).toBeNull();
    // A clock tick inside an open period completes only the lower timeframes that ended.
    b.push(T(11, 0, 1), 52, 1);
    expect(b.advanceTo(T(11, 1)).map(ohlcv)).toEqual([['1m', 'completed', '11:00', 52, 52, 52, 52, 1]]);
    expect(b.nextCloseAt()).toBe(T(11, 5));
  });

  it('emits no bar for a period without trades (a gap, not a zero-volume bar)', () => {
    const { b, taken } = builder(['1m', '5m']);
    b.push(T(10, 0, 1), 10, 1);
    b.push(T(10, 7, 1), 11, 1);
    expect(taken()).toEqual([[['1m', 'completed', '10:00', 10, 10, 10, 10, 1], ['5m', 'completed', '10:00', 10, 10, 10, 10, 1]]]);
    b.advanceTo(T(10, 30));
    expect(taken()).toEqual([[['1m', 'completed', '10:07', 11, 11, 11, 11, 1], ['5m', 'completed', '10:05', 11, 11, 11, 11, 1]]]);
  });

  it('closes daily and 4h bars at midnight UTC', () => {
    const { b, taken } = builder(['1h', '4h', '1d']);
    b.push(Date.UTC(2024, 2, 9, 21, 30), 7, 1);
    b.push(Date.UTC(2024, 2, 9, 23, 59, 59, 999), 8, 1);
    expect(taken()).toEqual([[['1h', 'completed', '21:00', 7, 7, 7, 7, 1]]]);
    b.push(Date.UTC(2024, 2, 10, 0, 0), 9, 1);
    const [batch] = taken();
    expect(batch).toEqual([
      ['1h', 'completed', '23:00', 8, 8, 8, 8, 1],
      ['4h', 'completed', '20:00', 7, 8, 7, 8, 2],
      ['1d', 'completed', '00:00', 7, 8, 7, 8, 2],
    ]);
    expect(b.forming('1d', emptyLiveBar())!.time).toBe(Date.UTC(2024, 2, 10));
  });
});

describe('BarBuilder: validation and order', () => {
  it('rejects bad trades with a reason, counts and reports them, and leaves the bars alone', () => {
    const rejected: string[] = [];
    const { b } = builder(['1m'], { onReject: (reason, time, price, size) => rejected.push(`${reason} ${time} ${price} ${size}`) });
    b.push(T(10, 0), 100, 1);
    expect(b.push(T(10, 0, 1), NaN, 1)).toBe('bad-price');
    expect(b.push(T(10, 0, 1), 0, 1)).toBe('bad-price');
    expect(b.push(T(10, 0, 1), -5, 1)).toBe('bad-price');
    expect(b.push(T(10, 0, 1), Infinity, 1)).toBe('bad-price');
    expect(b.push(T(10, 0, 1), 101, -1)).toBe('bad-size');
    expect(b.push(T(10, 0, 1), 101, Infinity)).toBe('bad-size');
    expect(b.push(NaN, 101, 1)).toBe('bad-time');
    expect(b.changed).toBe(0);
    expect(b.counts).toEqual({ applied: 1, revised: 0, 'bad-price': 4, 'bad-size': 2, 'bad-time': 1, late: 0 });
    expect(rejected[0]).toBe(`bad-price ${T(10, 0, 1)} NaN 1`);
    expect(b.forming('1m', emptyLiveBar())).toMatchObject({ open: 100, high: 100, low: 100, close: 100, volume: 1 });
  });

  it('takes the open from the earliest timestamp and the close from the latest, ties by arrival', () => {
    const { b } = builder(['1m', '5m']);
    b.push(T(10, 0, 30), 100, 1);
    b.push(T(10, 0, 10), 90, 1);
    b.push(T(10, 0, 50), 110, 1);
    b.push(T(10, 0, 40), 105, 1);
    b.push(T(10, 0, 50), 111, 1);
    b.push(T(10, 0, 10), 95, 1);
    expect(b.forming('1m', emptyLiveBar())).toEqual({ time: T(10, 0), open: 90, high: 111, low: 90, close: 111, volume: 6, trades: 6 });
    expect(b.forming('5m', emptyLiveBar())).toEqual({ time: T(10, 0), open: 90, high: 111, low: 90, close: 111, volume: 6, trades: 6 });
  });

  it('says which forming bars changed', () => {
    const { b } = builder(['1m', '5m', '1h']);
    b.push(T(10, 0, 1), 100, 1);
    expect(b.changed).toBe(0b111);
    b.push(T(10, 0, 2), 100, 0); // same close, no volume
    expect(b.changed).toBe(0);
    b.push(T(10, 1, 1), 100, 1); // a new 1m bar; the 5m and 1h bars hold the 10:00 bar too
    b.push(T(10, 1, 0), 100, 0); // the 10:01 open moves earlier, at the same price
    expect(b.changed).toBe(0);
    b.push(T(10, 1, 2), 100, 3);
    expect(b.changed).toBe(0b111);
  });

  it('refuses timeframes that cannot be built from the lowest one', () => {
    expect(() => new BarBuilder({ timeframes: ['5m', '7m'] })).toThrow('cannot build 7m bars from 5m bars');
    expect(() => new BarBuilder({ timeframes: ['1x'] })).toThrow('not a timeframe');
    expect(() => new BarBuilder({ timeframes: ['5m', '1w', '1M'] })).not.toThrow();
  });
});

describe('BarBuilder: late trades', () => {
  it('revises completed bars within the tolerance and rejects older trades as late', () => {
    const { b, taken } = builder(['1m', '5m'], { lateToleranceMs: 5_000 });
    b.push(T(10, 0, 5), 100, 1);
    b.push(T(10, 0, 50), 99, 1);
    b.push(T(10, 1, 0, 500), 101, 1);
    taken();
    expect(b.push(T(10, 0, 58), 110, 2)).toBe('revised');
    // The 1m bar is upserted; the 5m bar is still forming, so it changes in place.
    expect(taken()).toEqual([[['1m', 'revised', '10:00', 100, 110, 99, 110, 4]]]);
    expect(b.changed).toBe(0b10);
    expect(b.forming('5m', emptyLiveBar())).toMatchObject({ open: 100, high: 110, low: 99, close: 101, volume: 5 });
    expect(b.push(T(10, 0, 54, 999), 120, 1)).toBe('late');
    expect(b.counts).toMatchObject({ revised: 1, late: 1 });
  });

  it('creates the bar of an empty period when a late trade falls into it, and revises completed higher bars', () => {
    const { b, taken } = builder(['1m', '5m'], { lateToleranceMs: 10_000 });
    b.push(T(10, 3, 10), 10, 1);
    b.push(T(10, 5, 2), 12, 1);
    taken();
    expect(b.push(T(10, 4, 58), 11, 1)).toBe('revised');
    expect(taken()).toEqual([[['1m', 'revised', '10:04', 11, 11, 11, 11, 1], ['5m', 'revised', '10:00', 10, 11, 10, 11, 2]]]);
  });

  it('rejects every trade before the open period when the tolerance is 0', () => {
    const { b } = builder(['1m'], { lateToleranceMs: 0 });
    b.push(T(10, 0, 5), 100, 1);
    b.advanceTo(T(10, 1));
    expect(b.push(T(10, 0, 59, 999), 100, 1)).toBe('late');
  });
});
