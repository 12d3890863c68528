import { CategoryAxis, PlotSvg, YAxis } from '../../ui/plot/svg-axes.tsx';
import { linearScale } from '../../ui/plot/linear-scale.ts';
import { niceScale } from '../../ui/plot/nice-ticks.ts';
import { AREA } from '../../ui/plot/plot-style.ts';
import type { PeriodBar } from './quality-view.ts';

/** The score of each period (year, or month for intraday) as a bar from 0 to 100, coloured by band. */
export function PeriodScorePlot({ bars }: { bars: readonly PeriodBar[] }) {
  const yScale = niceScale(0, 100, 5);
  const y = linearScale([yScale.min, yScale.max], [AREA.bottom, AREA.top]);
  const band = (AREA.right - AREA.left) / Math.max(1, bars.length);
  const center = (i: number) => AREA.left + band * (i + 0.5);
  const width = Math.max(1, band * 0.75);
  return (
    <PlotSvg label="Quality score per period" role="group">
      <YAxis scale={yScale} y={y} label="Score" />
      <CategoryAxis labels={bars.map((b) => b.label)} center={center} label="Period" />
      {bars.map((b, i) => (
        <g key={`${i}-${b.label}`} data-period={b.label}>
          <title>{b.title}</title>
          {/* The whole band takes the pointer, so a low bar's tooltip is easy to reach. */}
          <rect x={center(i) - band / 2} y={AREA.top} width={band} height={AREA.bottom - AREA.top} fill="transparent" />
          <rect x={center(i) - width / 2} y={y(b.value)} width={width} height={Math.max(0, AREA.bottom - y(b.value))} style={{ fill: `var(--mantine-color-${b.color}-filled)` }} />
        </g>
      ))}
    </PlotSvg>
  );
}
