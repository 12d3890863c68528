import { niceScale, type NiceScale } from '../../../ui/plot/nice-ticks.ts';
import { downsampleMinMax, type LinePoints } from './downsample.ts';

/** An out-of-sample window's start, numbered from 1 as the walk-forward table numbers them. */
export interface WindowMark {
  window: number;
  time: number;
}

export interface StitchedModel {
  line: LinePoints;
  /** First and last time drawn; null when there is nothing to draw. */
  timeDomain: [number, number] | null;
  yScale: NiceScale;
  windows: WindowMark[];
}

/** About one point per pixel column of a wide screen, twice (each column keeps its min and max). */
export const MAX_PATH_POINTS = 1500;

/**
 * The stitched out-of-sample curve ready to draw: thinned to MAX_PATH_POINTS, its equity axis, and
 * each window's start time. A start outside the series (a window without bars) is left out.
 */
export function buildStitched(time: ArrayLike<number>, equity: ArrayLike<number>, starts: readonly number[], maxPoints = MAX_PATH_POINTS): StitchedModel {
  const line = downsampleMinMax(time, equity, maxPoints);
  const n = Math.min(time.length, equity.length);
  const windows = starts.flatMap((start, k) => (Number.isInteger(start) && start >= 0 && start < n ? [{ window: k + 1, time: time[start] }] : []));
  if (line.time.length === 0) return { line, timeDomain: null, yScale: niceScale(0, 1), windows: [] };
  // The min/max thinning keeps every extreme, so the thinned line spans the same values as the whole.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of line.value) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const yScale = niceScale(lo, hi, 4);
  return { line, timeDomain: [line.time[0], line.time[line.time.length - 1]], yScale, windows };
}
