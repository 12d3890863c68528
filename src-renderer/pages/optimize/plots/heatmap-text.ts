import type { GridCell } from './param-grid.ts';
import { formatObjective, formatParamValue } from './plot-format.ts';

/**
 * A heatmap cell's tooltip: `fast 10 · slow 135 · sharpe 0.530 (3 sets)`. A cell whose sets all
 * failed or broke a constraint says so, and one the search never reached says that instead.
 */
export function cellTitle(cell: GridCell, xParam: string, yParam: string, objectiveLabel: string): string {
  const where = `${xParam} ${formatParamValue(cell.x)} · ${yParam} ${formatParamValue(cell.y)}`;
  if (cell.count === 0) return `${where} · not evaluated`;
  const sets = `${cell.count} ${cell.count === 1 ? 'set' : 'sets'}`;
  if (cell.best === null) return `${where} · ${objectiveLabel} — (${sets}, none feasible with a value)`;
  return `${where} · ${objectiveLabel} ${formatObjective(cell.best)} (${sets})`;
}
