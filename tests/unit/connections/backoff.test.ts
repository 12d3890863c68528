import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from '../../../src-main/connections/backoff.ts';

/** A small seeded generator (mulberry32), so the statistics below are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const policy = { initialMs: 1_000, maxMs: 30_000 };

describe('backoff with full jitter', () => {
  it('doubles the window from initialMs until it reaches maxMs', () => {
    // 1000·2^k, capped at 30000: worked out by hand.
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 40, 1_000_000].map((k) => backoffCeiling(k, policy));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('over 10,000 draws keeps every delay within [0, cap] with a mean of about cap/2, at every attempt', () => {
    const random = seeded(42);
    for (const attempt of [0, 2, 7]) {
      const cap = Math.min(30_000, 1_000 * 2 ** attempt);
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < 10_000; i++) {
        const d = backoffDelay(attempt, policy, random);
        sum += d;
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      const mean = sum / 10_000;
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThanOrEqual(cap);
      // Uniform on [0, cap): the mean of 10,000 draws has a standard error of cap/√120000 ≈ 0.29% of cap.
      expect(Math.abs(mean - cap / 2)).toBeLessThan(cap * 0.015);
      // Full jitter spreads over the whole window, not just its top.
      expect(min).toBeLessThan(cap * 0.01);
      expect(max).toBeGreaterThan(cap * 0.99);
    }
  });

  it('with Math.random stays within the window too', () => {
    for (let i = 0; i < 1_000; i++) {
      const d = backoffDelay(3, policy);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(8_000);
    }
  });

  it("never waits less than the venue's Retry-After, even when the draw is smaller", () => {
    expect(backoffDelay(0, policy, () => 0, 5_000)).toBe(5_000);
    expect(backoffDelay(0, policy, () => 0.5, 200)).toBe(500);
    expect(backoffDelay(10, policy, () => 0, 90_000)).toBe(90_000);
    expect(backoffDelay(0, policy, () => 0.25, 1_234.2)).toBe(1_235);
  });

  it('refuses a negative attempt, a broken policy and a random source outside [0, 1)', () => {
    expect(() => backoffDelay(-1, policy)).toThrow(/non-negative integer, got -1/);
    expect(() => backoffDelay(0, { initialMs: 5_000, maxMs: 1_000 })).toThrow(/initialMs ≤ maxMs/);
    expect(() => backoffDelay(0, policy, () => 1)).toThrow(/\[0, 1\), got 1/);
  });
});
