import { CategoryAxis, PlotSvg, ReferenceLine, YAxis } from '../../../ui/plot/svg-axes.tsx';
import { linearScale } from '../../../ui/plot/linear-scale.ts';
import { niceScale } from '../../../ui/plot/nice-ticks.ts';
import { AREA, TONE_COLOR, type Tone } from '../../../ui/plot/plot-style.ts';

export interface BarDatum {
  /** Short category label under the bar: "Mon". */
  label: string;
  value: number;
  tone: Tone;
  /** Tooltip text. */
  title: string;
}

export interface BarPlotProps {
  label: string;
  bars: readonly BarDatum[];
  xLabel: string;
  yLabel: string;
}

/** Signed bars from a zero baseline over evenly spaced categories. */
export function BarPlot({ label, bars, xLabel, yLabel }: BarPlotProps) {
  const values = bars.map((b) => b.value);
  const yScale = niceScale(Math.min(0, ...values), Math.max(0, ...values), 4);
  const y = linearScale([yScale.min, yScale.max], [AREA.bottom, AREA.top]);
  const band = (AREA.right - AREA.left) / Math.max(1, bars.length);
  const center = (i: number) => AREA.left + band * (i + 0.5);
  const barWidth = band * 0.7;
  const zero = y(0);

  return (
    <PlotSvg label={label}>
      <YAxis scale={yScale} y={y} label={yLabel} />
      <CategoryAxis labels={bars.map((b) => b.label)} center={center} label={xLabel} />
      {bars.map((b, i) => {
        const end = y(b.value);
        return (
          <g key={`${i}-${b.label}`}>
            <title>{b.title}</title>
            <rect x={center(i) - band / 2} y={AREA.top} width={band} height={AREA.bottom - AREA.top} fill="transparent" />
            <rect
              x={center(i) - barWidth / 2}
              y={Math.min(end, zero)}
              width={barWidth}
              height={Math.abs(zero - end)}
              style={{ fill: TONE_COLOR[b.tone] }}
            />
          </g>
        );
      })}
      <ReferenceLine y={zero} title="Zero" />
    </PlotSvg>
  );
}
