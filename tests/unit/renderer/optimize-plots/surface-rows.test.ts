import { describe, expect, it } from 'vitest';
import type { ObjectiveSurface } from '../../../../src-shared/domain/safeguards.ts';
import { buildParamGrid, highlightedCell } from '../../../../src-renderer/pages/optimize/plots/param-grid.ts';
import { surfaceHighlight, surfaceRows } from '../../../../src-renderer/pages/optimize/plots/surface-rows.ts';

const SURFACE: ObjectiveSurface = {
  xParam: 'fast',
  yParam: 'slow',
  x: [10, 20],
  y: [100, 150, 200],
  z: [
    [1, null],
    [2, 3],
    [4, 5],
  ],
  bestX: 20,
  bestY: 200,
};

describe('surfaceRows', () => {
  it('turns z[j][i] into one feasible row per (x[i], y[j])', () => {
    expect(surfaceRows(SURFACE)).toEqual([
      { params: { fast: 10, slow: 100 }, objective: 1, feasible: true },
      { params: { fast: 20, slow: 100 }, objective: null, feasible: true },
      { params: { fast: 10, slow: 150 }, objective: 2, feasible: true },
      { params: { fast: 20, slow: 150 }, objective: 3, feasible: true },
      { params: { fast: 10, slow: 200 }, objective: 4, feasible: true },
      { params: { fast: 20, slow: 200 }, objective: 5, feasible: true },
    ]);
  });

  it('reads a missing z row as not evaluated', () => {
    const rows = surfaceRows({ ...SURFACE, z: [[1, 2]] });
    expect(rows.map((r) => r.objective)).toEqual([1, 2, null, null, null, null]);
  });

  it('lays out on the heatmap grid as the surface does, with the best set highlighted', () => {
    const grid = buildParamGrid(surfaceRows(SURFACE), 'fast', 'slow', 'maximize');
    expect(grid.cells.map((row) => row.map((c) => c.best))).toEqual([
      [1, null],
      [2, 3],
      [4, 5],
    ]);
    expect(highlightedCell(grid, 'fast', 'slow', surfaceHighlight(SURFACE))).toEqual([1, 2]);
  });
});
