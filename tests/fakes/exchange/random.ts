/**
 * Stateless randomness for the fake exchange: every number is a hash of where it is used
 * (symbol, level, index), so any minute of any symbol is computed on its own, in any order,
 * and always comes out the same.
 */

/** A 32-bit avalanche mix (lowbias32): nearby inputs give unrelated outputs. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of three integers; `c` may exceed 32 bits (minute indexes since 1970 do not, but be safe). */
export function hash3(a: number, b: number, c: number): number {
  const high = Math.floor(c / 4_294_967_296);
  return mix32(a ^ mix32(b ^ mix32((c >>> 0) ^ mix32(high + 0x9e3779b9))));
}

/** FNV-1a of a string: a stable seed per symbol. */
export function stringSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator of uniforms in [0, 1), for the draws inside one minute. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Roughly standard normal (Irwin–Hall with 4 uniforms, rescaled to variance 1), bounded in ±3.46. */
export function roughGaussian(uniform: () => number): number {
  const sum = uniform() + uniform() + uniform() + uniform();
  return (sum - 2) * Math.sqrt(3);
}
