/**
 * Thinning a long line for drawing: a path through 100k points costs far more than the pixels it
 * lights. Splitting the time span into equal buckets (about one per pixel column) and keeping each
 * bucket's lowest and highest point draws the same picture — every spike and every drawdown stays.
 */

export interface LinePoints {
  time: number[];
  value: number[];
}

/**
 * At most `maxPoints` (≥ 4) of the points, in their original order: the first, the last and, in
 * each of (maxPoints − 2) / 2 time buckets, the minimum and maximum value. Points with a non-finite
 * time or value are dropped; a series short enough is returned whole.
 */
export function downsampleMinMax(time: ArrayLike<number>, value: ArrayLike<number>, maxPoints: number): LinePoints {
  const kept: number[] = [];
  const n = Math.min(time.length, value.length);
  for (let k = 0; k < n; k++) if (Number.isFinite(time[k]) && Number.isFinite(value[k])) kept.push(k);
  if (kept.length <= Math.max(4, maxPoints)) return pick(time, value, kept);

  const buckets = Math.floor((Math.max(4, maxPoints) - 2) / 2);
  const first = kept[0];
  const last = kept[kept.length - 1];
  const t0 = time[first];
  const span = time[last] - t0;
  const lowest = new Array<number>(buckets).fill(-1);
  const highest = new Array<number>(buckets).fill(-1);
  for (let m = 1; m < kept.length - 1; m++) {
    const k = kept[m];
    // Equal time slices are equal pixel columns; with no time span, fall back to equal counts.
    const share = span > 0 ? (time[k] - t0) / span : m / kept.length;
    const b = Math.min(buckets - 1, Math.max(0, Math.floor(share * buckets)));
    if (lowest[b] < 0 || value[k] < value[lowest[b]]) lowest[b] = k;
    if (highest[b] < 0 || value[k] > value[highest[b]]) highest[b] = k;
  }
  const chosen = [first];
  for (let b = 0; b < buckets; b++) {
    if (lowest[b] < 0) continue;
    const [a, c] = lowest[b] <= highest[b] ? [lowest[b], highest[b]] : [highest[b], lowest[b]];
    chosen.push(a);
    if (c !== a) chosen.push(c);
  }
  chosen.push(last);
  return pick(time, value, chosen);
}

function pick(time: ArrayLike<number>, value: ArrayLike<number>, indexes: readonly number[]): LinePoints {
  return { time: indexes.map((k) => time[k]), value: indexes.map((k) => value[k]) };
}
