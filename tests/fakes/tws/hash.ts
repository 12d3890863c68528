/** Stateless randomness: every number is a hash of where it is used, so any slot is computed on its own. */

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

/**
 * A hash of an index under a salted seed, as a uniform in [-1, 1). Slot indexes stay below 2^32
 * until the year 2650, so `Math.imul` sees them whole.
 */
export function signed(salted: number, index: number): number {
  return mix32(Math.imul(index, 0x9e3779b1) ^ salted) / 2_147_483_648 - 1;
}

/** The seed of one use of randomness (an octave, the slot bits…) of one instrument. */
export const salt = (seed: number, n: number) => mix32(seed ^ Math.imul(n, 0x632be5ab));
