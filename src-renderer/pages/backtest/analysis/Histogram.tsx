import { linearScale } from '../../../ui/plot/linear-scale.ts';
import { niceScale } from '../../../ui/plot/nice-ticks.ts';
import { AREA, TONE_COLOR, type CountSeries } from '../../../ui/plot/plot-style.ts';
import { PlotSvg, ReferenceLine, XAxis, YAxis } from '../../../ui/plot/svg-axes.tsx';

/** A vertical line at `value` on the x axis (zero, the mean). */
export interface HistogramMarker {
  value: number;
  title: string;
  dashed?: boolean;
}

export interface HistogramProps {
  /** What the plot shows, for screen readers. */
  label: string;
  /** Bin edges, ascending; one more than each series' counts. */
  edges: readonly number[];
  /** Stacked bottom-up in the order given. */
  series: readonly CountSeries[];
  xLabel: string;
  yLabel: string;
  /** The bin's range as tooltip text, e.g. "+1.00 % to +2.00 %". */
  formatRange: (lo: number, hi: number) => string;
  markers?: readonly HistogramMarker[];
}

/** Bars of stacked counts over contiguous bins; each bin's tooltip lists every series' count. */
export function Histogram({ label, edges, series, xLabel, yLabel, formatRange, markers = [] }: HistogramProps) {
  const bins = edges.length - 1;
  const totals = Array.from({ length: bins }, (_, i) => series.reduce((sum, s) => sum + s.counts[i], 0));
  // Markers widen the domain so a zero line is always visible for context.
  const xs = [edges[0], edges[bins], ...markers.map((m) => m.value)];
  const xScale = niceScale(Math.min(...xs), Math.max(...xs), 5);
  // Counts are whole numbers: a floor of 4 keeps the axis from ticking at 0.5 for tiny samples.
  const yScale = niceScale(0, Math.max(4, ...totals), 4);
  const x = linearScale([xScale.min, xScale.max], [AREA.left, AREA.right]);
  const y = linearScale([yScale.min, yScale.max], [AREA.bottom, AREA.top]);

  return (
    <PlotSvg label={label}>
      <YAxis scale={yScale} y={y} label={yLabel} />
      <XAxis scale={xScale} x={x} label={xLabel} />
      {totals.map((total, i) => {
        const left = x(edges[i]);
        // A hair of gap between neighbours, but never a bar thinner than one unit.
        const width = Math.max(1, x(edges[i + 1]) - left - 1);
        let base = 0;
        const detail = series.map((s) => `${s.counts[i]} ${s.name}`).join(', ');
        return (
          <g key={i}>
            <title>{`${formatRange(edges[i], edges[i + 1])}: ${total} (${detail})`}</title>
            {/* Hover target for the whole column, so short bars are easy to point at. */}
            <rect x={left} y={AREA.top} width={width} height={AREA.bottom - AREA.top} fill="transparent" />
            {series.map((s) => {
              const count = s.counts[i];
              if (count === 0) return null;
              const top = y(base + count);
              const height = y(base) - top;
              base += count;
              return <rect key={s.name} x={left + 0.5} y={top} width={width} height={height} style={{ fill: TONE_COLOR[s.tone] }} />;
            })}
          </g>
        );
      })}
      {markers.map((m) => (
        <ReferenceLine key={m.title} x={x(m.value)} title={m.title} dashed={m.dashed} />
      ))}
    </PlotSvg>
  );
}
