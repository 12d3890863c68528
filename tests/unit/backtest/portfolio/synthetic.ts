// Small synthetic bar series for the portfolio tests: daily bars from explicit dates and prices, and
// seeded random walks.
import type { BarColumns } from '../../../../src-shared/domain/bars.ts';

export const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** Bars on the given dates (YYYY-MM-DD) with these opens and closes; high/low span them, volume 1000. */
export function barsOn(dates: readonly string[], open: readonly number[], close: readonly number[]): BarColumns {
  return {
    time: Float64Array.from(dates, day),
    open: Float64Array.from(open),
    high: Float64Array.from(open, (o, i) => Math.max(o, close[i]!)),
    low: Float64Array.from(open, (o, i) => Math.min(o, close[i]!)),
    close: Float64Array.from(close),
    volume: new Float64Array(open.length).fill(1000),
  };
}

/** mulberry32: a tiny seeded generator, so every run of a test sees the same series. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A daily random walk of `n` bars from `start` (every calendar day, or with each day skipped with
 * probability `gapChance`), with per-bar volatility `vol` and overnight gaps of the same size.
 */
export function randomWalk(n: number, start: string, vol: number, seed: number, gapChance = 0): BarColumns {
  const rnd = seeded(seed);
  const time: number[] = [];
  const open: number[] = [];
  const close: number[] = [];
  let t = day(start);
  let price = 50 + rnd() * 50;
  while (time.length < n) {
    if (!(gapChance > 0 && rnd() < gapChance)) {
      const o = price * (1 + vol * (rnd() - 0.5));
      const c = o * (1 + vol * 2 * (rnd() - 0.5));
      time.push(t);
      open.push(o);
      close.push(c);
      price = c;
    }
    t += 86_400_000;
  }
  return {
    time: Float64Array.from(time),
    open: Float64Array.from(open),
    high: Float64Array.from(open, (o, i) => Math.max(o, close[i]!) * 1.001),
    low: Float64Array.from(open, (o, i) => Math.min(o, close[i]!) * 0.999),
    close: Float64Array.from(close),
    volume: new Float64Array(n).fill(10_000),
  };
}

/** The bars with time ≤ `last`, as copies. */
export function upTo(bars: BarColumns, last: number): BarColumns {
  let m = 0;
  while (m < bars.time.length && bars.time[m]! <= last) m++;
  return {
    time: bars.time.slice(0, m), open: bars.open.slice(0, m), high: bars.high.slice(0, m),
    low: bars.low.slice(0, m), close: bars.close.slice(0, m), volume: bars.volume.slice(0, m),
  };
}
