import type { Rng } from './rng.ts';

/**
 * Draws distinct integers from [0, size) in random order — a Fisher–Yates shuffle done lazily, with
 * the swapped-out slots in a map instead of an array, so k draws from a space of 10¹² cost O(k)
 * memory. Sampling without replacement for any indexable space.
 */
export class IndexSampler {
  private readonly swapped = new Map<number, number>();
  private drawn = 0;

  constructor(
    readonly size: number,
    private readonly rng: Rng,
  ) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`IndexSampler needs a safe integer size, got ${size}`);
  }

  get remaining(): number {
    return this.size - this.drawn;
  }

  /** The next index, or −1 once all have been drawn. */
  next(): number {
    if (this.drawn >= this.size) return -1;
    // Swap slot `drawn` with a uniformly chosen slot at or after it; an untouched slot holds its own index.
    const j = this.drawn + this.rng.below(this.size - this.drawn);
    const picked = this.swapped.get(j) ?? j;
    if (j !== this.drawn) this.swapped.set(j, this.swapped.get(this.drawn) ?? this.drawn);
    this.swapped.delete(this.drawn);
    this.drawn++;
    return picked;
  }
}
