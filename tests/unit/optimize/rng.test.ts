import { describe, expect, it } from 'vitest';
import { IndexSampler } from '../../../src-workers/optimize/index-sampler.ts';
import { deriveSeed, Rng } from '../../../src-workers/optimize/rng.ts';

const draw = (seed: number, n: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.nextUint32());
};

/** Pearson's χ² of counts against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

describe('Rng', () => {
  it('gives the same stream for the same seed and unrelated streams for neighbouring seeds', () => {
    expect(draw(42, 1000)).toEqual(draw(42, 1000));
    const a = draw(1, 1000);
    const b = draw(2, 1000);
    expect(a.filter((x, i) => x === b[i]).length).toBe(0);
  });

  it('pins the first outputs of seed 1, so a change of algorithm or platform shows', () => {
    // Integer-only arithmetic: these values are the same on every engine and CPU. If this fails,
    // saved optimizations can no longer be reproduced from their seed.
    expect(draw(1, 4)).toEqual(PINNED_SEED_1);
  });

  it('matches sfc32 seeded by splitmix32 as written independently in BigInt arithmetic', () => {
    for (const seed of [0, 1, 42, 123_456_789, 2 ** 32 - 1]) expect(draw(seed, 50)).toEqual(referenceStream(seed, 50));
  });

  it('keeps integers up to 2^53 apart as seeds and accepts negative ones', () => {
    expect(draw(2 ** 32, 8)).not.toEqual(draw(0, 8));
    expect(draw(2 ** 40 + 1, 8)).not.toEqual(draw(2 ** 40, 8));
    expect(draw(-5, 8)).not.toEqual(draw(5, 8));
    expect(() => new Rng(NaN)).toThrow(/finite/);
  });

  it('draws below(n) uniformly (χ² with 9 degrees of freedom under the 99.9 % point, 27.88)', () => {
    const rng = new Rng(7);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.below(10)]++;
    expect(chiSquare(counts)).toBeLessThan(27.88);
  });

  it('draws floats in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(11);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      sq += x * x;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // Standard error of the mean is √(1/12 / n) ≈ 0.0009; 5 of them is a generous bound.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('includes both ends in int(min, max) and handles ranges wider than 2^32', () => {
    const rng = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(-2, 2));
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2].sort());
    for (let i = 0; i < 1000; i++) {
      const v = rng.below(2 ** 40);
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 40).toBe(true);
    }
    expect(() => rng.below(0)).toThrow(RangeError);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
  });

  it('shuffles into every order equally often (χ² over the 6 orders of 3 items, 5 d.o.f., 99.9 % point 20.52)', () => {
    const rng = new Rng(5);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = rng.shuffle([0, 1, 2]).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    expect(chiSquare([...counts.values()])).toBeLessThan(20.52);
  });

  it('derives distinct, reproducible sub-seeds per window', () => {
    const seeds = Array.from({ length: 100 }, (_, k) => deriveSeed(9, k));
    expect(new Set(seeds).size).toBe(100);
    expect(deriveSeed(9, 3)).toBe(seeds[3]);
    expect(deriveSeed(10, 3)).not.toBe(seeds[3]);
  });
});

describe('IndexSampler', () => {
  it('draws every index of the range exactly once, then −1', () => {
    const sampler = new IndexSampler(1000, new Rng(1));
    const drawn = Array.from({ length: 1000 }, () => sampler.next());
    expect(new Set(drawn).size).toBe(1000);
    expect(Math.min(...drawn)).toBe(0);
    expect(Math.max(...drawn)).toBe(999);
    expect(sampler.next()).toBe(-1);
  });

  it('draws without replacement from a range of 10^12 in memory proportional to the draws', () => {
    const sampler = new IndexSampler(1e12, new Rng(2));
    const drawn = Array.from({ length: 10_000 }, () => sampler.next());
    expect(new Set(drawn).size).toBe(10_000);
    expect(drawn.every((i) => i >= 0 && i < 1e12)).toBe(true);
  });

  it('puts each index first equally often (χ², 4 d.o.f., 99.9 % point 18.47)', () => {
    const counts = new Array(5).fill(0);
    for (let s = 0; s < 20_000; s++) counts[new IndexSampler(5, new Rng(s)).next()]++;
    expect(chiSquare(counts)).toBeLessThan(18.47);
  });
});

const PINNED_SEED_1 = [1828152527, 3394835397, 2967886022, 2251045104];

/**
 * sfc32 seeded by splitmix32, written again from the published algorithms in BigInt arithmetic
 * (explicit mod 2^32), as an independent check of the 32-bit integer tricks in Rng.
 */
function referenceStream(seed: number, n: number): number[] {
  const M = 2n ** 32n;
  const u = (x: bigint) => ((x % M) + M) % M;
  const mul = (a: bigint, b: bigint) => u(a * b);
  const xorShift = (z: bigint, s: bigint) => z ^ (z >> s);
  let s = u(BigInt(seed));
  const splitmix = () => {
    s = u(s + 0x9e3779b9n);
    let z = mul(xorShift(s, 16n), 0x85ebca6bn);
    z = mul(xorShift(z, 13n), 0xc2b2ae35n);
    return xorShift(z, 16n);
  };
  let [a, b, c, d] = [splitmix(), splitmix(), splitmix(), splitmix() | 1n];
  const next = () => {
    const t = u(a + b + d);
    d = u(d + 1n);
    a = b ^ (b >> 9n);
    b = u(c + (c << 3n));
    c = u((c << 21n) | (c >> 11n));
    c = u(c + t);
    return Number(t);
  };
  for (let i = 0; i < 12; i++) next();
  return Array.from({ length: n }, next);
}
