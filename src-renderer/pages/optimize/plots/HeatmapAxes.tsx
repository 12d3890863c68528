import { FONT, INK } from '../../../ui/plot/plot-style.ts';
import { AxisTitle } from '../../../ui/plot/svg-axes.tsx';
import { GRID_AREA, MIN_X_LABEL_SPACING, MIN_Y_LABEL_SPACING } from './heatmap-layout.ts';
import { labelEvery, truncateLabel } from './label-thinning.ts';
import { formatParamValue } from './plot-format.ts';
import type { ParamValue } from './param-grid.ts';

/** Longest value label before it is cut; the cell tooltips carry the full value. */
const MAX_X_CHARS = 7;
const MAX_Y_CHARS = 9;

/**
 * The heatmap's two category axes: parameter values under the columns and beside the rows, thinned
 * to every n-th when the cells are narrower than a label (37 values of a slow period).
 */
export function HeatmapAxes({ xValues, yValues, xParam, yParam, cellWidth, cellHeight }: { xValues: readonly ParamValue[]; yValues: readonly ParamValue[]; xParam: string; yParam: string; cellWidth: number; cellHeight: number }) {
  const everyX = labelEvery(cellWidth, MIN_X_LABEL_SPACING);
  const everyY = labelEvery(cellHeight, MIN_Y_LABEL_SPACING);
  return (
    <g aria-hidden>
      {xValues.map((v, i) =>
        i % everyX === 0 ? (
          <text key={`x${i}`} x={GRID_AREA.left + (i + 0.5) * cellWidth} y={GRID_AREA.bottom + 13} textAnchor="middle" fontSize={FONT.tick} style={{ fill: INK.label }}>
            {truncateLabel(formatParamValue(v), MAX_X_CHARS)}
          </text>
        ) : null,
      )}
      {yValues.map((v, j) =>
        j % everyY === 0 ? (
          <text key={`y${j}`} x={GRID_AREA.left - 5} y={GRID_AREA.bottom - (j + 0.5) * cellHeight} dy="0.32em" textAnchor="end" fontSize={FONT.tick} style={{ fill: INK.label }}>
            {truncateLabel(formatParamValue(v), MAX_Y_CHARS)}
          </text>
        ) : null,
      )}
      <AxisTitle x={(GRID_AREA.left + GRID_AREA.right) / 2} y={GRID_AREA.bottom + 32} text={xParam} />
      <AxisTitle x={14} y={(GRID_AREA.top + GRID_AREA.bottom) / 2} text={yParam} rotate />
    </g>
  );
}
