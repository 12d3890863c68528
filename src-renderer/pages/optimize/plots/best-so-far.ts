import { niceScale, type NiceScale } from '../../../ui/plot/nice-ticks.ts';
import type { Direction } from './param-grid.ts';

/** One evaluation of the search: `seq` is its place in evaluation order (0-based). */
export interface SearchPoint {
  seq: number;
  objective: number | null;
}

/** A vertex of the running-best step line, in data units. */
export interface StepVertex {
  seq: number;
  best: number;
}

export interface BestSoFarModel {
  /** The evaluations in `seq` order. */
  points: SearchPoint[];
  /**
   * The evaluations drawn as dots: all of them up to {@link MAX_DOTS}, else an even sample of them
   * (every k-th in seq order). Tens of thousands of SVG circles would stall the page while a grid
   * runs; the step line still goes through every improvement.
   */
  dots: SearchPoint[];
  /**
   * The running best as a step line: flat until an evaluation beats it, then straight up (or down)
   * to the new best, ending at the last evaluation. Empty while no evaluation has a value.
   */
  steps: StepVertex[];
  /** The best objective of the whole search; null when none has a value. */
  final: number | null;
  xScale: NiceScale;
  yScale: NiceScale;
}

export const MAX_DOTS = 2000;

/** At most this many intervals on each axis; an axis over seq 0..2 gets 2 (no fractional seq ticks). */
const MAX_X_INTERVALS = 5;
const MAX_Y_INTERVALS = 4;

export function bestSoFar(input: readonly SearchPoint[], direction: Direction): BestSoFarModel {
  const points = [...input].sort((a, b) => a.seq - b.seq);
  const better = direction === 'maximize' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  const steps: StepVertex[] = [];
  let final: number | null = null;
  let lo = Infinity;
  let hi = -Infinity;

  for (const p of points) {
    if (p.objective === null || !Number.isFinite(p.objective)) continue;
    lo = Math.min(lo, p.objective);
    hi = Math.max(hi, p.objective);
    if (final !== null && !better(p.objective, final)) continue;
    // The old best holds up to this evaluation, where the line jumps to the new one.
    if (final !== null) steps.push({ seq: p.seq, best: final });
    steps.push({ seq: p.seq, best: p.objective });
    final = p.objective;
  }
  const lastSeq = points.length > 0 ? points[points.length - 1].seq : 0;
  if (final !== null && steps[steps.length - 1].seq < lastSeq) steps.push({ seq: lastSeq, best: final });

  const stride = Math.ceil(points.length / MAX_DOTS);
  const dots = stride <= 1 ? points : points.filter((_, k) => k % stride === 0);
  return { points, dots, steps, final, xScale: seqScale(points), yScale: lo <= hi ? niceScale(lo, hi, MAX_Y_INTERVALS) : niceScale(0, 1, MAX_Y_INTERVALS) };
}

/** The evaluation axis: whole numbers from the first seq, at least one evaluation wide. */
function seqScale(points: readonly SearchPoint[]): NiceScale {
  const first = points.length > 0 ? points[0].seq : 0;
  const last = points.length > 0 ? points[points.length - 1].seq : 1;
  const end = Math.max(last, first + 1);
  return niceScale(first, end, Math.min(MAX_X_INTERVALS, end - first));
}
