import { FONT, INK, VIEW_WIDTH } from '../../../ui/plot/plot-style.ts';
import { AxisTitle } from '../../../ui/plot/svg-axes.tsx';
import { rampColour } from './colour-ramp.ts';
import { LEGEND_AREA } from './heatmap-layout.ts';
import { formatObjective } from './plot-format.ts';

/**
 * The colour bar beside the heatmap: the ramp drawn as thin slices, bright (best) at the top, with
 * the best value above and the worst below, so the direction of the search reads off the legend.
 */
export function HeatmapLegend({ best, worst, objectiveLabel }: { best: number; worst: number; objectiveLabel: string }) {
  const { left, width, top, bottom, slices } = LEGEND_AREA;
  const sliceHeight = (bottom - top) / slices;
  return (
    <g aria-hidden>
      {Array.from({ length: slices }, (_, k) => (
        // Slice k from the top shows goodness 1 − (k + 0.5) / slices; a hair of overlap hides seams.
        <rect key={k} x={left} y={top + k * sliceHeight} width={width} height={sliceHeight + 0.3} fill={rampColour(1 - (k + 0.5) / slices)} />
      ))}
      <rect x={left} y={top} width={width} height={bottom - top} fill="none" style={{ stroke: INK.axis }} />
      <text x={left + width + 4} y={top} dy="0.7em" fontSize={FONT.tick} style={{ fill: INK.label }}>
        {formatObjective(best)}
      </text>
      <text x={left + width + 4} y={bottom} fontSize={FONT.tick} style={{ fill: INK.label }}>
        {formatObjective(worst)}
      </text>
      <AxisTitle x={VIEW_WIDTH - 6} y={(top + bottom) / 2} text={objectiveLabel} rotate />
    </g>
  );
}
