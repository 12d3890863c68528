import { AREA } from '../../../ui/plot/plot-style.ts';

/**
 * Where the parameter heatmap draws inside the shared viewBox: the grid takes the plot area less a
 * strip on the right for the colour legend and its min/max labels.
 */
export const GRID_AREA = { left: AREA.left, right: 322, top: AREA.top, bottom: AREA.bottom } as const;
export const LEGEND_AREA = { left: 336, width: 10, top: AREA.top, bottom: AREA.bottom, slices: 48 } as const;

/** Closest label spacing in viewBox units: numbers side by side need more room than stacked rows. */
export const MIN_X_LABEL_SPACING = 22;
export const MIN_Y_LABEL_SPACING = 12;

/** Cells at least this large get a gap between them; smaller ones would turn into a mesh of gaps. */
export const GAP_FROM_CELL_SIZE = 8;

/**
 * The cell keyboard focus moves to from [i, j] on `key`, staying inside an `nx` × `ny` grid; null for
 * a key that does not move. y grows upwards on the plot, so ArrowUp raises j.
 */
export function moveFocus([i, j]: readonly [number, number], key: string, nx: number, ny: number): [number, number] | null {
  const clampX = (v: number) => Math.min(nx - 1, Math.max(0, v));
  const clampY = (v: number) => Math.min(ny - 1, Math.max(0, v));
  switch (key) {
    case 'ArrowLeft':
      return [clampX(i - 1), j];
    case 'ArrowRight':
      return [clampX(i + 1), j];
    case 'ArrowUp':
      return [i, clampY(j + 1)];
    case 'ArrowDown':
      return [i, clampY(j - 1)];
    case 'Home':
      return [0, j];
    case 'End':
      return [nx - 1, j];
    default:
      return null;
  }
}
