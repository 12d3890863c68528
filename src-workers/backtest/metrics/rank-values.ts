import { selectRank } from './select.ts';

/**
 * The values of a few ranks among many doubles, found by counting instead of rearranging: the
 * values are spread over buckets of equal width between their least and greatest, the counts per
 * bucket say which bucket holds each rank, and only those few buckets are sorted. Every step is a
 * pass with no data-dependent branch to mispredict, where a quickselect's partitioning mispredicts
 * about every other comparison; for the optimizer's few hundred VaR candidates per run this is
 * several times faster. Exact: the bucket of a value never decreases as the value grows (a
 * subtraction, a multiplication by a positive factor and a floor all keep the order), so the counts
 * place every rank in its bucket. When the spread cannot be bucketed (infinite, or so small that
 * its reciprocal is) the values are copied and selected by quickselect.
 *
 * One instance serves every run of a batch: its scratch arrays are reused. NaN-free input; −0 and +0
 * count as equal (the callers' returns are never −0).
 */
export class RankValues {
  private readonly counts: Int32Array;
  /** Per bucket: where its values are gathered in `gathered`, or −1 when no rank falls in it. */
  private readonly slot: Int32Array;
  private gathered: Float64Array;
  private copy: Float64Array;
  private readonly buckets: number;
  /** Per rank asked for: its bucket, and its rank among that bucket's values. */
  private bucketOf = new Int32Array(8);
  private within = new Int32Array(8);

  constructor(buckets = 512) {
    this.buckets = buckets;
    this.counts = new Int32Array(buckets);
    this.slot = new Int32Array(buckets).fill(-1);
    // Grown when a run's buckets hold more; the copy only when one cannot be bucketed.
    this.gathered = new Float64Array(256);
    this.copy = new Float64Array(0);
  }

  /**
   * Writes the value of rank `ranks[j]` (0-based, in ascending order of value) among a[0..count)
   * to out[j]. The ranks lie in [0, count); ascending, the bucket counts are walked once.
   */
  find(a: Float64Array, count: number, ranks: readonly number[], out: Float64Array): void {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < count; i++) {
      const x = a[i]!;
      min = x < min ? x : min;
      max = x > max ? x : max;
    }
    if (min === max) {
      for (let j = 0; j < ranks.length; j++) out[j] = min;
      return;
    }
    const buckets = this.buckets;
    const spread = max - min;
    const scale = buckets / spread;
    if (!(Number.isFinite(spread) && Number.isFinite(scale))) return this.byQuickselect(a, count, ranks, out);
    const top = buckets - 1;
    const counts = this.counts;
    counts.fill(0);
    for (let i = 0; i < count; i++) counts[Math.min(top, Math.floor((a[i]! - min) * scale))]++;

    // Each rank's bucket and its rank within the bucket, the buckets' gathering slots in order.
    const slot = this.slot;
    if (this.bucketOf.length < ranks.length) {
      this.bucketOf = new Int32Array(ranks.length);
      this.within = new Int32Array(ranks.length);
    }
    const bucketOf = this.bucketOf;
    const within = this.within;
    let before = 0;
    let b = 0;
    let used = 0;
    for (let j = 0; j < ranks.length; j++) {
      const rank = ranks[j]!;
      if (j > 0 && rank < ranks[j - 1]!) {
        // Below the last rank (with a handful of values, 99 % can reach past 95 %): walk again.
        before = 0;
        b = 0;
      }
      while (before + counts[b]! <= rank) before += counts[b++]!;
      if (slot[b] === -1) {
        slot[b] = used;
        used += counts[b]!;
      }
      bucketOf[j] = b;
      within[j] = rank - before;
    }
    if (this.gathered.length < used) this.gathered = new Float64Array(Math.max(used, 2 * this.gathered.length));
    const gathered = this.gathered;
    // The counts, no longer needed, become the fill cursors of the buckets gathered.
    const cursor = counts;
    for (let j = 0; j < ranks.length; j++) cursor[bucketOf[j]!] = slot[bucketOf[j]!]!;
    for (let i = 0; i < count; i++) {
      const x = a[i]!;
      const k = Math.min(top, Math.floor((x - min) * scale));
      if (slot[k] !== -1) gathered[cursor[k]++] = x;
    }
    for (let j = 0; j < ranks.length; j++) {
      const k = bucketOf[j]!;
      const start = slot[k]!;
      // cursor[k] is now the bucket's end; a bucket is sorted by the first rank that reads it.
      if (j === 0 || bucketOf[j - 1] !== k) sortRange(gathered, start, cursor[k]!);
      out[j] = gathered[start + within[j]!]!;
    }
    for (let j = 0; j < ranks.length; j++) slot[bucketOf[j]!] = -1;
  }

  private byQuickselect(a: Float64Array, count: number, ranks: readonly number[], out: Float64Array): void {
    if (this.copy.length < count) this.copy = new Float64Array(count);
    const sel = this.copy;
    sel.set(a.subarray(0, count));
    for (let j = 0; j < ranks.length; j++) {
      selectRank(sel, 0, count - 1, ranks[j]!);
      out[j] = sel[ranks[j]!]!;
    }
  }
}

/**
 * Sorts a[from..to) ascending: by insertion for the few values a bucket mostly holds (no call, no
 * view allocated), natively for more. NaN-free; −0 and +0 count as equal.
 */
function sortRange(a: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    a.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}
