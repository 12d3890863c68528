/**
 * The two-parameter grid behind the parameter heatmap: every evaluated set falls into the cell of its
 * (x, y) values, and the cell shows the best objective over all the other parameters, so a heatmap of
 * any two parameters of a larger search still answers "how good can it get here?".
 */

export type ParamValue = number | string;
export type Direction = 'maximize' | 'minimize';

/** One evaluated parameter set, as the optimization's result rows give it. */
export interface ParamRow {
  params: Readonly<Record<string, ParamValue>>;
  /** Null when the objective could not be computed (no trades, a failed run). */
  objective: number | null;
  /** False when the set broke a constraint; its objective does not compete. */
  feasible: boolean;
}

export interface GridCell {
  x: ParamValue;
  y: ParamValue;
  /** Best objective over the feasible rows with a value; null when there is none. */
  best: number | null;
  /** The full parameter set that gave `best` (the first such row on ties). */
  bestParams: Readonly<Record<string, ParamValue>> | null;
  /** Every row that fell in the cell, infeasible and valueless ones included. */
  count: number;
}

export interface ParamGrid {
  /** Distinct values: ascending when all are numbers, else in order of first appearance. */
  xValues: ParamValue[];
  yValues: ParamValue[];
  /** cells[j][i] is the cell at (xValues[i], yValues[j]), as an ObjectiveSurface's z. */
  cells: GridCell[][];
  /** Lowest and highest cell value; null when no cell has one. */
  range: { min: number; max: number } | null;
}

/**
 * Groups `rows` by their `xParam` and `yParam` values. Rows that lack either parameter belong to no
 * cell and are left out, so a heatmap of a conditional parameter shows only the sets that use it.
 */
export function buildParamGrid(rows: readonly ParamRow[], xParam: string, yParam: string, direction: Direction): ParamGrid {
  const placed = rows.filter((r) => r.params[xParam] !== undefined && r.params[yParam] !== undefined);
  const xValues = axisValues(placed.map((r) => r.params[xParam]));
  const yValues = axisValues(placed.map((r) => r.params[yParam]));
  const xIndex = new Map(xValues.map((v, i) => [v, i]));
  const yIndex = new Map(yValues.map((v, j) => [v, j]));
  const cells = yValues.map((y) => xValues.map((x): GridCell => ({ x, y, best: null, bestParams: null, count: 0 })));
  const better = direction === 'maximize' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;

  for (const row of placed) {
    const cell = cells[yIndex.get(row.params[yParam])!][xIndex.get(row.params[xParam])!];
    cell.count++;
    if (!row.feasible || row.objective === null || !Number.isFinite(row.objective)) continue;
    if (cell.best === null || better(row.objective, cell.best)) {
      cell.best = row.objective;
      cell.bestParams = row.params;
    }
  }
  return { xValues, yValues, cells, range: rangeOf(cells) };
}

/**
 * Distinct values in axis order. Numbers read as a scale and are sorted; string choices (or a mix)
 * keep the order the search met them in, which is the order the setup listed them.
 */
export function axisValues(values: readonly ParamValue[]): ParamValue[] {
  const distinct = [...new Set(values)];
  return distinct.every((v) => typeof v === 'number') ? (distinct as number[]).sort((a, b) => a - b) : distinct;
}

/** Indexes [i, j] of the cell holding `highlight`'s values, or null when it is not on the grid. */
export function highlightedCell(grid: ParamGrid, xParam: string, yParam: string, highlight: Readonly<Record<string, ParamValue>> | undefined): [number, number] | null {
  if (!highlight) return null;
  // Compared as text: a best set read back from JSON may carry 10 where the grid has 10, or "10".
  const i = grid.xValues.findIndex((v) => String(v) === String(highlight[xParam]));
  const j = grid.yValues.findIndex((v) => String(v) === String(highlight[yParam]));
  return i >= 0 && j >= 0 ? [i, j] : null;
}

function rangeOf(cells: readonly GridCell[][]): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const row of cells) {
    for (const c of row) {
      if (c.best === null) continue;
      min = Math.min(min, c.best);
      max = Math.max(max, c.best);
    }
  }
  return min <= max ? { min, max } : null;
}
