import { describe, expect, it } from 'vitest';
import { emptyLiveBar, type LiveBar } from '../../../src-workers/live/bar-accumulator.ts';
import { BarBuilder } from '../../../src-workers/live/bar-builder.ts';

type Trade = { time: number; price: number; size: number };
const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'];
const LENGTH: Record<string, number> = { '1m': 6e4, '5m': 3e5, '15m': 9e5, '1h': 3.6e6, '4h': 1.44e7, '1d': 8.64e7 };

/** mulberry32: a tiny seeded PRNG so the stream is the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The plain way: every accepted trade straight into its bucket; open/close by timestamp, ties by arrival. */
function naive(trades: Trade[], tf: string): Map<number, LiveBar> {
  const bars = new Map<number, LiveBar & { first: number; last: number }>();
  for (const { time, price, size } of trades) {
    const start = Math.floor(time / LENGTH[tf]!) * LENGTH[tf]!;
    const bar = bars.get(start);
    if (!bar) {
      bars.set(start, { time: start, open: price, high: price, low: price, close: price, volume: size, trades: 1, first: time, last: time });
      continue;
    }
    bar.high = Math.max(bar.high, price);
    bar.low = Math.min(bar.low, price);
    if (time < bar.first) [bar.first, bar.open] = [time, price];
    if (time >= bar.last) [bar.last, bar.close] = [time, price];
    bar.volume += size;
    bar.trades++;
  }
  return new Map([...bars].map(([k, { first: _f, last: _l, ...bar }]) => [k, bar]));
}

describe('BarBuilder: roll-up equals direct aggregation', () => {
  it('over a random stream with jitter, late trades, bad trades and clock ticks', () => {
    const random = prng(42);
    const stored = new Map<string, Map<number, LiveBar>>(TIMEFRAMES.map((tf) => [tf, new Map()]));
    const b = new BarBuilder({
      timeframes: TIMEFRAMES,
      lateToleranceMs: 20_000,
      // The caller's store: completed bars inserted, revised ones upserted.
      onBars: (events) => events.forEach(({ timeframe, kind: _k, ...bar }) => stored.get(timeframe)!.set(bar.time, bar)),
    });
    const accepted: Trade[] = [];
    let clock = Date.UTC(2024, 4, 30, 22, 0);
    let price = 100;
    let forming = 0;
    for (let n = 0; n < 40_000; n++) {
      clock += random() < 0.01 ? 600_000 * random() : 40 * random(); // now and then a quiet spell (gaps)
      price = Math.max(1, price + (random() - 0.5));
      const roll = random();
      // Mostly on time; some jittered back up to 60 s (in the bar, revising, or late); a few bad ones.
      const time = roll < 0.9 ? clock : roll < 0.99 ? clock - 60_000 * random() : NaN;
      const size = roll > 0.995 ? -1 : Math.floor(random() * 10);
      const outcome = b.push(Math.floor(time), price, size);
      if (outcome === 'applied' || outcome === 'revised') accepted.push({ time: Math.floor(time), price, size });
      if (random() < 0.001) b.advanceTo(clock);
      if (n % 997 === 0) {
        // The forming bar of every timeframe equals the trades so far of its open period.
        for (const tf of TIMEFRAMES) {
          const bar = b.forming(tf, emptyLiveBar());
          if (!bar) continue;
          expect(bar).toEqual(naive(accepted, tf).get(bar.time));
          forming++;
        }
      }
    }
    b.advanceTo(clock + 2 * 86_400_000);
    const c = b.counts;
    expect(c.revised).toBeGreaterThan(100);
    expect(c.late).toBeGreaterThan(100);
    expect(c['bad-time'] + c['bad-size']).toBeGreaterThan(100);
    expect(c.applied + c.revised + c.late + c['bad-time'] + c['bad-size'] + c['bad-price']).toBe(40_000);
    expect(forming).toBeGreaterThan(100);
    for (const tf of TIMEFRAMES) {
      const expected = naive(accepted, tf);
      expect(expected.size).toBeGreaterThan(1);
      expect(new Map([...stored.get(tf)!].sort((x, y) => x[0] - y[0]))).toEqual(new Map([...expected].sort((x, y) => x[0] - y[0])));
    }
  });
});
