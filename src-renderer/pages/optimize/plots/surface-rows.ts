import type { ObjectiveSurface } from '../../../../src-shared/domain/safeguards.ts';
import type { ParamRow, ParamValue } from './param-grid.ts';

/**
 * The robustness safeguard's objective surface as heatmap rows, so the neighbourhood of the best set
 * is drawn by the same ParamHeatmap as the whole search. Each (x[i], y[j]) becomes one feasible row
 * with the objective z[j][i], null where that set was not evaluated or failed.
 */
export function surfaceRows(surface: ObjectiveSurface): ParamRow[] {
  const rows: ParamRow[] = [];
  surface.y.forEach((y, j) => {
    surface.x.forEach((x, i) => {
      rows.push({ params: { [surface.xParam]: x, [surface.yParam]: y }, objective: surface.z[j]?.[i] ?? null, feasible: true });
    });
  });
  return rows;
}

/** The best set's position on the surface, as ParamHeatmap's `highlight`. */
export function surfaceHighlight(surface: ObjectiveSurface): Record<string, ParamValue> {
  return { [surface.xParam]: surface.bestX, [surface.yParam]: surface.bestY };
}
