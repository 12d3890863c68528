import { useMemo } from 'react';
import { linearScale } from '../../../ui/plot/linear-scale.ts';
import { AREA, INK } from '../../../ui/plot/plot-style.ts';
import { PlotSvg, XAxis, YAxis } from '../../../ui/plot/svg-axes.tsx';
import { bestSoFar, type SearchPoint } from './best-so-far.ts';
import type { Direction } from './param-grid.ts';
import { formatObjective } from './plot-format.ts';

export interface BestSoFarChartProps {
  /** Every evaluation, in any order; `seq` is its place in evaluation order (0-based). */
  points: readonly SearchPoint[];
  direction: Direction;
  /** The objective's name for the axis: "sharpe". */
  objectiveLabel: string;
}

const LINE_COLOUR = 'var(--mantine-primary-color-filled)';

/**
 * The search's progress: each evaluation as a faint dot, the best found so far as a bold step line.
 * A line that flattens early says more evaluations would hardly have helped.
 */
export function BestSoFarChart({ points, direction, objectiveLabel }: BestSoFarChartProps) {
  const model = useMemo(() => bestSoFar(points, direction), [points, direction]);
  const x = linearScale([model.xScale.min, model.xScale.max], [AREA.left, AREA.right]);
  const y = linearScale([model.yScale.min, model.yScale.max], [AREA.bottom, AREA.top]);
  const path = model.steps.map((v, k) => `${k === 0 ? 'M' : 'L'}${x(v.seq).toFixed(2)} ${y(v.best).toFixed(2)}`).join('');
  const label =
    model.final === null
      ? `Best ${objectiveLabel} so far: no evaluation has a value yet`
      : `Best ${objectiveLabel} so far over ${model.points.length} evaluations, reaching ${formatObjective(model.final)}`;

  return (
    <div data-testid="best-so-far" data-best={model.final === null ? '' : String(model.final)}>
      <PlotSvg label={label}>
        <YAxis scale={model.yScale} y={y} label={objectiveLabel} />
        <XAxis scale={model.xScale} x={x} label="Evaluation" />
        <g style={{ fill: INK.label }} fillOpacity={0.45}>
          {model.dots.map((p, k) =>
            p.objective === null || !Number.isFinite(p.objective) ? null : (
              <circle key={k} cx={x(p.seq)} cy={y(p.objective)} r={1.6}>
                <title>{`#${p.seq} · ${objectiveLabel} ${formatObjective(p.objective)}`}</title>
              </circle>
            ),
          )}
        </g>
        {path && <path d={path} fill="none" strokeWidth={2} strokeLinejoin="round" style={{ stroke: LINE_COLOUR }} />}
      </PlotSvg>
    </div>
  );
}
