import type { NeighbourStability, ObjectiveSurface } from '../../../src-shared/domain/safeguards.ts';

/**
 * Parameter stability: a best set whose neighbours score nearly as well sits on a plateau and is more
 * likely to hold up than a lone peak among poor neighbours, which usually fits noise.
 */

export type Direction = 'maximize' | 'minimize';

export interface StabilityOptions {
  /** How far from the best a neighbour may be and still count as close, as a fraction of |best| (default 0.1). */
  tolerance?: number;
  direction?: Direction;
}

/**
 * Summary of the objective at the best set's neighbours (±1 step of each parameter, evaluated by the
 * caller; null for a neighbour that was not evaluated or broke a constraint): their mean, min and
 * max, the worst of them for the direction, mean / best and worst / best (only when best > 0: a
 * ratio to a negative or zero objective says nothing), and the share within tolerance × |best| of the
 * best.
 */
export function neighbourStability(best: number, neighbours: readonly (number | null)[], options: StabilityOptions = {}): NeighbourStability {
  const tolerance = options.tolerance ?? 0.1;
  const direction = options.direction ?? 'maximize';
  let evaluated = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let within = 0;
  for (const v of neighbours) {
    if (v == null || !Number.isFinite(v)) continue;
    evaluated++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (Math.abs(v - best) <= tolerance * Math.abs(best)) within++;
  }
  const any = evaluated > 0;
  const mean = any ? sum / evaluated : null;
  const worst = any ? (direction === 'maximize' ? min : max) : null;
  const ratio = (v: number | null) => (v !== null && best > 0 ? v / best : null);
  return {
    best,
    direction,
    neighbours: neighbours.length,
    evaluated,
    mean,
    min: any ? min : null,
    max: any ? max : null,
    worst,
    meanToBest: ratio(mean),
    worstToBest: ratio(worst),
    tolerance,
    shareWithin: any ? within / evaluated : null,
  };
}

/** One evaluated parameter set of the optimization and its objective (null when it failed a constraint). */
export interface EvaluatedRow {
  params: Readonly<Record<string, number | string>>;
  objective: number | null;
}

/** The rows that agree with `best` on every parameter except those in `free`, keyed by their free values. */
function slice(rows: readonly EvaluatedRow[], best: EvaluatedRow['params'], free: readonly string[]): Map<string, number | null> {
  const fixed = Object.keys(best).filter((k) => !free.includes(k));
  const out = new Map<string, number | null>();
  for (const row of rows) {
    if (!fixed.every((k) => row.params[k] === best[k])) continue;
    const key = free.map((k) => String(row.params[k])).join('|');
    if (!out.has(key)) out.set(key, row.objective != null && Number.isFinite(row.objective) ? row.objective : null);
  }
  return out;
}

/** Ascending distinct numeric values of `param` over all rows: the grid axis. */
function axis(rows: readonly EvaluatedRow[], param: string): number[] {
  const values = new Set<number>();
  for (const row of rows) {
    const v = row.params[param];
    if (typeof v === 'number') values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * The objectives at ±1 grid step of each numeric parameter of `best`, the others held at the best's
 * values: the input of {@link neighbourStability} for a grid search. A step is one position along the
 * parameter's distinct evaluated values; choice (string) parameters have no order and are skipped; a
 * parameter at the edge of its range has one neighbour. Values are matched exactly, as the grid
 * generator produced them.
 */
export function gridNeighbours(rows: readonly EvaluatedRow[], best: EvaluatedRow['params']): (number | null)[] {
  const out: (number | null)[] = [];
  for (const [param, value] of Object.entries(best)) {
    if (typeof value !== 'number') continue;
    const values = axis(rows, param);
    const at = values.indexOf(value);
    if (at < 0) continue;
    const line = slice(rows, best, [param]);
    for (const k of [at - 1, at + 1]) {
      if (k >= 0 && k < values.length) out.push(line.get(String(values[k])) ?? null);
    }
  }
  return out;
}

/**
 * The objective over a window of ±`radius` grid steps of two numeric parameters around the best set,
 * with every other parameter at the best's value (the slice of the grid through the best), for the
 * stability view and the heatmap. The window is clipped at the grid's edges. Null when the best set
 * has no numeric value for either parameter or is not among the rows.
 */
export function objectiveSurface(rows: readonly EvaluatedRow[], best: EvaluatedRow['params'], xParam: string, yParam: string, radius = 2): ObjectiveSurface | null {
  const bestX = best[xParam];
  const bestY = best[yParam];
  if (typeof bestX !== 'number' || typeof bestY !== 'number' || xParam === yParam) return null;
  const xs = axis(rows, xParam);
  const ys = axis(rows, yParam);
  const xAt = xs.indexOf(bestX);
  const yAt = ys.indexOf(bestY);
  if (xAt < 0 || yAt < 0) return null;
  const x = xs.slice(Math.max(0, xAt - radius), xAt + radius + 1);
  const y = ys.slice(Math.max(0, yAt - radius), yAt + radius + 1);
  const plane = slice(rows, best, [xParam, yParam]);
  const z = y.map((yv) => x.map((xv) => plane.get(`${xv}|${yv}`) ?? null));
  return { xParam, yParam, x, y, z, bestX, bestY };
}
