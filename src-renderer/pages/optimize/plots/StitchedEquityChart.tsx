import { useMemo } from 'react';
import { formatBarTime } from '../../../ui/format.ts';
import { linearScale } from '../../../ui/plot/linear-scale.ts';
import { AREA, FONT, INK } from '../../../ui/plot/plot-style.ts';
import { PlotSvg, YAxis } from '../../../ui/plot/svg-axes.tsx';
import { timeTicks } from './date-ticks.ts';
import { spacedIndexes } from './label-thinning.ts';
import { buildStitched } from './stitched-model.ts';
import { TimeAxis } from './TimeAxis.tsx';

export interface StitchedEquityChartProps {
  /** Bar open times, epoch ms, ascending. */
  time: ArrayLike<number>;
  /** Equity at each bar, the out-of-sample segments chained one after the other. */
  equity: ArrayLike<number>;
  /** Index into `time` where each out-of-sample window starts, in window order. */
  starts: readonly number[];
}

const LINE_COLOUR = 'var(--mantine-primary-color-filled)';
/** Closest two window numbers may stand, in viewBox units, before the later one is left out. */
const MIN_WINDOW_LABEL_GAP = 12;

/**
 * The walk-forward's stitched out-of-sample equity: only trading no optimization has seen, window
 * after window, each window's start marked by a faint line and its number.
 */
export function StitchedEquityChart({ time, equity, starts }: StitchedEquityChartProps) {
  const model = useMemo(() => buildStitched(time, equity, starts), [time, equity, starts]);
  if (!model.timeDomain) {
    return (
      <div data-testid="stitched-equity">
        <PlotSvg label="Stitched out-of-sample equity: no data">
          <text x={(AREA.left + AREA.right) / 2} y={(AREA.top + AREA.bottom) / 2} textAnchor="middle" fontSize={FONT.axis} style={{ fill: INK.label }}>
            No out-of-sample equity
          </text>
        </PlotSvg>
      </div>
    );
  }
  const [from, to] = model.timeDomain;
  const x = linearScale([from, to], [AREA.left, AREA.right]);
  const y = linearScale([model.yScale.min, model.yScale.max], [AREA.bottom, AREA.top]);
  const { line } = model;
  const path = line.time.map((t, k) => `${k === 0 ? 'M' : 'L'}${x(t).toFixed(2)} ${y(line.value[k]).toFixed(2)}`).join('');
  const labelled = new Set(spacedIndexes(model.windows.map((w) => x(w.time)), MIN_WINDOW_LABEL_GAP));
  const label = `Stitched out-of-sample equity over ${model.windows.length} windows, ${formatBarTime(from, '1d')} to ${formatBarTime(to, '1d')}`;

  return (
    <div data-testid="stitched-equity">
      <PlotSvg label={label}>
        <YAxis scale={model.yScale} y={y} label="Equity" />
        <TimeAxis ticks={timeTicks(from, to)} x={x} label="Out-of-sample time" />
        {model.windows.map((w, k) => (
          <g key={w.window}>
            <line x1={x(w.time)} x2={x(w.time)} y1={AREA.top} y2={AREA.bottom} strokeWidth={0.75} strokeOpacity={0.5} strokeDasharray="2 2" style={{ stroke: INK.label }}>
              <title>{`Window ${w.window} starts ${formatBarTime(w.time, '1h')}`}</title>
            </line>
            {labelled.has(k) && (
              <text x={x(w.time) + 2} y={AREA.top - 3} fontSize={8} style={{ fill: INK.label }} aria-hidden>
                {w.window}
              </text>
            )}
          </g>
        ))}
        <path d={path} fill="none" strokeWidth={1.5} strokeLinejoin="round" style={{ stroke: LINE_COLOUR }} />
      </PlotSvg>
    </div>
  );
}
