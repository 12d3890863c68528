/**
 * A seeded pseudo-random generator for the optimizers: the same seed gives the same numbers on every
 * platform and every JavaScript engine, because everything is 32-bit integer arithmetic
 * (`Math.imul`, `>>>`, `|`) — no `Math.random`, no floating-point transcendental functions.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG, PractRand-clean, period
 * ≥ 2³² and 2¹²⁸ on average). Its 128-bit state is filled from the seed by splitmix32 so that
 * neighbouring seeds (1, 2, 3 …) give unrelated streams.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed any finite number; integers up to 2⁵³ are all distinct seeds. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    const whole = Math.trunc(Math.abs(seed));
    let s = splitmix32Init(whole % 2 ** 32, Math.floor(whole / 2 ** 32) + (seed < 0 ? 0x9e3779b9 : 0));
    const take = () => ((s = splitmix32Step(s)), splitmix32Out(s));
    this.a = take();
    this.b = take();
    this.c = take();
    this.d = take() | 1;
    // sfc32's authors discard the first outputs so the state mixes before use.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1) with 53 random bits (every double of that grid equally likely). */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n), n a positive safe integer; unbiased (rejection sampling). */
  below(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`below(n) needs a positive safe integer, got ${n}`);
    if (n <= 2 ** 32) {
      // Reject the top sliver of 2³² that would make small values more likely than large ones.
      const limit = 2 ** 32 - (2 ** 32 % n);
      for (;;) {
        const u = this.nextUint32();
        if (u < limit) return u % n;
      }
    }
    const limit = 2 ** 53 - (2 ** 53 % n);
    for (;;) {
      const u = (this.nextUint32() >>> 11) * 4294967296 + this.nextUint32();
      if (u < limit) return u % n;
    }
  }

  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`int(min, max) needs safe integers with min ≤ max, got ${min}, ${max}`);
    }
    return min + this.below(max - min + 1);
  }

  /** A uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[this.below(items.length)]!;
  }

  /** Shuffles in place (Fisher–Yates, every order equally likely) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}

/**
 * A seed for a sub-task derived from a run's seed and the sub-task's position (walk-forward window k,
 * worker j), so that sub-tasks get unrelated streams and the whole run still depends on one seed.
 */
export function deriveSeed(seed: number, ...parts: readonly number[]): number {
  let h = splitmix32Init(Math.trunc(Math.abs(seed)) % 2 ** 32, Math.floor(Math.abs(seed) / 2 ** 32));
  for (const part of parts) h = splitmix32Out(splitmix32Step(h ^ (Math.trunc(part) >>> 0)));
  return splitmix32Out(splitmix32Step(h)) >>> 0;
}

function splitmix32Init(lo: number, hi: number): number {
  return (lo ^ Math.imul(hi | 0, 0x85ebca6b)) | 0;
}

function splitmix32Step(s: number): number {
  return (s + 0x9e3779b9) | 0;
}

function splitmix32Out(s: number): number {
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
