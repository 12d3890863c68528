import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MICRO_PATH_RULE, microPath, type OhlcvBar } from '../../../src-workers/replay/micro-candles.ts';

const bar = (open: number, high: number, low: number, close: number, volume: number): OhlcvBar => ({ open, high, low, close, volume });

/** Any well-formed bar: low ≤ open, close ≤ high; prices in cents, some flat, some with no volume. */
const anyBar = fc
  .tuple(
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.nat({ max: 50_000 }),
    fc.nat({ max: 50_000 }),
    fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })),
  )
  .map(([a, b, up, down, volume]) => {
    const open = a / 100;
    const close = b / 100;
    return bar(open, Math.max(open, close) + up / 100, Math.min(open, close) - down / 100, close, volume);
  });

describe('microPath', () => {
  it('forms a bullish bar by dipping to the low, rallying to the high and settling at the close (hand-computed)', () => {
    // Legs: 10→8 (2), 8→14 (6), 14→12 (2); four intervals split 1/2/1; volume by distance out of 10.
    const path = microPath(bar(10, 14, 8, 12, 100), 5);
    expect(path.map((p) => ({ ...p }))).toEqual([
      { open: 10, high: 10, low: 10, close: 10, volume: 0 },
      { open: 10, high: 10, low: 8, close: 8, volume: 20 },
      { open: 10, high: 11, low: 8, close: 11, volume: 50 },
      { open: 10, high: 14, low: 8, close: 14, volume: 80 },
      { open: 10, high: 14, low: 8, close: 12, volume: 100 },
    ]);
  });

  it('forms a bearish bar by going to the high first, then the low (hand-computed)', () => {
    // Legs: 10→11 (1), 11→6 (5), 6→7 (1); three intervals, one each; volume out of 7.
    const path = microPath(bar(10, 11, 6, 7, 70), 4);
    expect(path.map((p) => p.close)).toEqual([10, 11, 6, 7]);
    expect(path.map((p) => p.volume)).toEqual([0, 10, 60, 70]);
    expect(path.map((p) => [p.high, p.low])).toEqual([[10, 10], [11, 10], [11, 6], [11, 6]]);
  });

  it('spreads a flat bar’s volume evenly over time', () => {
    const path = microPath(bar(5, 5, 5, 5, 30), 4);
    expect(path.map((p) => p.volume)).toEqual([0, 10, 20, 30]);
    expect(path.every((p) => p.open === 5 && p.high === 5 && p.low === 5 && p.close === 5)).toBe(true);
  });

  it('with two steps is the open, then the bar', () => {
    const path = microPath(bar(10, 14, 8, 12, 100), 2);
    expect(path.map((p) => ({ ...p }))).toEqual([
      { open: 10, high: 10, low: 10, close: 10, volume: 0 },
      { open: 10, high: 14, low: 8, close: 12, volume: 100 },
    ]);
  });

  it('holds its invariants for any bar and step count', () => {
    fc.assert(
      fc.property(anyBar, fc.integer({ min: 2, max: 61 }), (b, steps) => {
        const path = microPath(b, steps);
        expect(path).toHaveLength(steps);
        // Starts at the open, ends as the bar exactly.
        expect(path[0]).toEqual({ open: b.open, high: b.open, low: b.open, close: b.open, volume: 0 });
        const last = path[steps - 1]!;
        expect([last.open, last.high, last.low, last.close, last.volume]).toEqual([b.open, b.high, b.low, b.close, b.volume]);
        for (let i = 0; i < steps; i++) {
          const p = path[i]!;
          expect(p.open).toBe(b.open);
          expect(p.high).toBeLessThanOrEqual(b.high);
          expect(p.low).toBeGreaterThanOrEqual(b.low);
          expect(p.close).toBeLessThanOrEqual(p.high);
          expect(p.close).toBeGreaterThanOrEqual(p.low);
          if (i > 0) {
            const q = path[i - 1]!;
            // Running extremes and cumulative volume only grow.
            expect(p.high).toBeGreaterThanOrEqual(q.high);
            expect(p.low).toBeLessThanOrEqual(q.low);
            expect(p.volume).toBeGreaterThanOrEqual(q.volume);
          }
        }
        expect(last.volume).toBe(b.volume);
      }),
      { numRuns: 500 },
    );
  });

  it('visits the low before the high when the bar closes at or above its open, else the high first', () => {
    fc.assert(
      fc.property(anyBar, fc.integer({ min: 4, max: 61 }), (b, steps) => {
        const closes = microPath(b, steps).map((p) => p.close);
        const atLow = closes.indexOf(b.low);
        const atHigh = closes.indexOf(b.high);
        // Both extremes are stopped at before the last step (which is the close).
        expect(atLow).toBeGreaterThanOrEqual(0);
        expect(atHigh).toBeGreaterThanOrEqual(0);
        if (b.high === b.low) return;
        if (b.close >= b.open) expect(atLow).toBeLessThan(atHigh);
        else expect(atHigh).toBeLessThan(atLow);
      }),
      { numRuns: 500 },
    );
  });

  it('reuses the output it is given instead of allocating per step', () => {
    const out = microPath(bar(10, 14, 8, 12, 100), 9);
    const objects = [...out];
    const again = microPath(bar(20, 21, 19, 19.5, 5), 9, out);
    expect(again).toBe(out);
    expect(again.every((p, i) => p === objects[i])).toBe(true);
    expect(again[8]).toEqual({ open: 20, high: 21, low: 19, close: 19.5, volume: 5 });
  });

  it('refuses fewer than two steps', () => {
    expect(() => microPath(bar(1, 1, 1, 1, 1), 1)).toThrow(RangeError);
  });

  it('states its rule for the docs', () => {
    expect(MICRO_PATH_RULE).toMatch(/low first|dips to the low first/);
  });
});
