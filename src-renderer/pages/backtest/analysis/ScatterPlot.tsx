import { linearScale } from '../../../ui/plot/linear-scale.ts';
import { niceScale } from '../../../ui/plot/nice-ticks.ts';
import { AREA, INK, TONE_COLOR, type Tone } from '../../../ui/plot/plot-style.ts';
import { PlotSvg, ReferenceLine, XAxis, YAxis } from '../../../ui/plot/svg-axes.tsx';

export interface ScatterPoint {
  x: number;
  y: number;
  tone: Tone;
  title: string;
}

/** A diagonal through the origin: y = x (slope 1) or y = −x (slope −1). */
export interface Diagonal {
  slope: 1 | -1;
  title: string;
}

export interface ScatterPlotProps {
  label: string;
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  diagonal?: Diagonal;
}

/** Points over value axes that always include zero, with a zero line and an optional diagonal. */
export function ScatterPlot({ label, points, xLabel, yLabel, diagonal }: ScatterPlotProps) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const xScale = niceScale(Math.min(0, ...xs), Math.max(0, ...xs), 5);
  const yScale = niceScale(Math.min(0, ...ys), Math.max(0, ...ys), 4);
  const x = linearScale([xScale.min, xScale.max], [AREA.left, AREA.right]);
  const y = linearScale([yScale.min, yScale.max], [AREA.bottom, AREA.top]);
  const segment = diagonal ? diagonalSegment(diagonal.slope, xScale, yScale) : null;

  return (
    <PlotSvg label={label}>
      <YAxis scale={yScale} y={y} label={yLabel} />
      <XAxis scale={xScale} x={x} label={xLabel} />
      <ReferenceLine y={y(0)} title="Zero return" />
      {diagonal && segment && (
        <line x1={x(segment[0])} y1={y(diagonal.slope * segment[0])} x2={x(segment[1])} y2={y(diagonal.slope * segment[1])} strokeOpacity={0.5} strokeDasharray="4 3" style={{ stroke: INK.reference }}>
          <title>{diagonal.title}</title>
        </line>
      )}
      {points.map((p, i) => (
        <circle key={i} cx={x(p.x)} cy={y(p.y)} r={3} fillOpacity={0.65} style={{ fill: TONE_COLOR[p.tone] }}>
          <title>{p.title}</title>
        </circle>
      ))}
    </PlotSvg>
  );
}

/** The x-range over which y = slope·x stays inside both domains, or null when it misses the box. */
function diagonalSegment(slope: 1 | -1, xd: { min: number; max: number }, yd: { min: number; max: number }): [number, number] | null {
  const lo = Math.max(xd.min, slope === 1 ? yd.min : -yd.max);
  const hi = Math.min(xd.max, slope === 1 ? yd.max : -yd.min);
  return lo < hi ? [lo, hi] : null;
}
