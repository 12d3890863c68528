/**
 * Rearranges a[lo..hi] so that a[rank] holds the value of that rank (0-based within the whole
 * array: everything in a[lo..rank) is ≤ it, everything in (rank..hi] ≥ it). Hoare quickselect with
 * a median-of-three pivot, O(n) on average; after too many rounds the rest of the range is simply
 * sorted, so adversarial input cannot make it quadratic. Ranks outside [lo, hi] are left alone.
 * NaN-free input (the callers check).
 */
export function selectRank(a: Float64Array, lo: number, hi: number, rank: number): void {
  if (rank < lo || rank > hi) return;
  let rounds = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
  while (hi > lo) {
    if (rounds-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (rank <= j) hi = j;
    else if (rank >= i) lo = i;
    else return;
  }
}
