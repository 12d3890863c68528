import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';

/**
 * N instruments' bars on one timeline: the union of their bar times, ascending. Matrices are flat and
 * time-major (entry `t * count + k` is instrument k at timeline bar t) so that the engine's per-bar
 * loop over instruments reads adjacent memory.
 *
 * The alignment rule (docs/backtesting.md, "Portfolio rebalancing"): at a time where an instrument
 * has no bar it is valued at its last close and cannot trade; before its first bar it has no price,
 * holds nothing and is not tradable.
 */
export interface Timeline {
  /** Bar open times, ms UTC, strictly ascending: every time at which some instrument has a bar. */
  time: Float64Array;
  /** Instruments. */
  count: number;
  /** Index into instrument k's own columns of its latest bar at or before time[t]; −1 before its first bar. */
  local: Int32Array;
  /** 1 where instrument k has a bar exactly at time[t] (it can trade at that bar's open). */
  has: Uint8Array;
}

/**
 * Merges the instruments' time columns (each strictly ascending) into a {@link Timeline}. O(T × N).
 *
 * @throws AppFailure `VALIDATION_FAILED` when a series is empty or its times are not strictly ascending.
 */
export function alignBars(series: readonly BarColumns[], symbols: readonly string[]): Timeline {
  const count = series.length;
  let total = 0;
  for (let k = 0; k < count; k++) {
    checkAscending(series[k]!.time, symbols[k]!);
    total += series[k]!.time.length;
  }
  // The union is at most the sum of the lengths; it is trimmed once at the end.
  const union = new Float64Array(total);
  const cursor = new Int32Array(count);
  let t = 0;
  for (;;) {
    let next = Infinity;
    for (let k = 0; k < count; k++) {
      const times = series[k]!.time;
      if (cursor[k]! < times.length && times[cursor[k]!]! < next) next = times[cursor[k]!]!;
    }
    if (next === Infinity) break;
    union[t++] = next;
    for (let k = 0; k < count; k++) {
      const times = series[k]!.time;
      if (cursor[k]! < times.length && times[cursor[k]!] === next) cursor[k]!++;
    }
  }
  const time = union.slice(0, t);
  const local = new Int32Array(t * count);
  const has = new Uint8Array(t * count);
  cursor.fill(0);
  for (let i = 0; i < t; i++) {
    for (let k = 0; k < count; k++) {
      const times = series[k]!.time;
      const c = cursor[k]!;
      const here = c < times.length && times[c] === time[i];
      if (here) cursor[k] = c + 1;
      has[i * count + k] = here ? 1 : 0;
      local[i * count + k] = cursor[k]! - 1;
    }
  }
  return { time, count, local, has };
}

function checkAscending(time: Float64Array, symbol: string): void {
  if (time.length === 0) throw new AppFailure('VALIDATION_FAILED', `${symbol} has no bars in the chosen range`, { symbol });
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(time[i]!) || (i > 0 && !(time[i]! > time[i - 1]!))) {
      const after = i > 0 ? ` after ${time[i - 1]}` : '';
      throw new AppFailure('VALIDATION_FAILED', `${symbol}: bar times must be finite and strictly ascending, but bar ${i} is at ${time[i]}${after}`, { symbol, bar: i });
    }
  }
}
