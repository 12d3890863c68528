import { SimpleGrid } from '@mantine/core';
import { useMemo } from 'react';
import type { MonteCarloReport } from '../../../../src-shared/domain/safeguards.ts';
import { formatCount } from '../../../ui/format.ts';
import { linearScale } from '../../../ui/plot/linear-scale.ts';
import { AREA, FONT, INK } from '../../../ui/plot/plot-style.ts';
import { PlotSvg, ReferenceLine, XAxis } from '../../../ui/plot/svg-axes.tsx';
import { monteCarloPanels, type BoxPanel, type SchemeBox } from './monte-carlo-model.ts';
import { formatPercentValue } from './plot-format.ts';

export interface MonteCarloPlotProps {
  report: MonteCarloReport;
}

const BOX_COLOUR = 'var(--mantine-primary-color-filled)';

/**
 * The Monte Carlo safeguard as two horizontal box plots, final equity and maximum drawdown, each
 * with one box per resampling scheme: whiskers p5–p95, box p25–p75, a bar at the median.
 */
export function MonteCarloPlot({ report }: MonteCarloPlotProps) {
  const model = useMemo(() => monteCarloPanels(report), [report]);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="monte-carlo-plot">
      <BoxPlotPanel panel={model.finalEquity} format={formatCount} trades={report.trades} />
      <BoxPlotPanel panel={model.maxDrawdown} format={formatPercentValue} trades={report.trades} />
    </SimpleGrid>
  );
}

function BoxPlotPanel({ panel, format, trades }: { panel: BoxPanel; format: (v: number) => string; trades: number }) {
  const x = linearScale([panel.scale.min, panel.scale.max], [AREA.left, AREA.right]);
  const band = (AREA.bottom - AREA.top) / panel.boxes.length;
  return (
    <PlotSvg label={`${panel.title} over resampled orders of ${trades} trades, by scheme`}>
      <XAxis scale={panel.scale} x={x} label={panel.title} />
      <ReferenceLine x={x(panel.reference)} title={`${panel.referenceTitle}: ${format(panel.reference)}`} dashed />
      {panel.boxes.map((b, k) => (
        <Box key={b.scheme} box={b} x={x} centre={AREA.top + (k + 0.5) * band} height={band * 0.4} format={format} />
      ))}
    </PlotSvg>
  );
}

function Box({ box, x, centre, height, format }: { box: SchemeBox; x: (v: number) => number; centre: number; height: number; format: (v: number) => string }) {
  const { p5, p25, p50, p75, p95 } = box.box;
  const top = centre - height / 2;
  const boxWidth = x(p75) - x(p25);
  const title =
    `${box.label} (${box.simulations} paths): p5 ${format(p5)} · p25 ${format(p25)} · median ${format(p50)} · ` +
    `p75 ${format(p75)} · p95 ${format(p95)} · ruin ${formatPercentValue(box.probabilityOfRuin * 100)}`;
  return (
    <g>
      <title>{title}</title>
      <text x={AREA.left - 5} y={centre} dy="0.32em" textAnchor="end" fontSize={FONT.tick} style={{ fill: INK.label }} aria-hidden>
        {box.label}
      </text>
      <line x1={x(p5)} x2={x(p95)} y1={centre} y2={centre} strokeWidth={1} style={{ stroke: INK.reference }} />
      {[p5, p95].map((v, k) => (
        <line key={k} x1={x(v)} x2={x(v)} y1={centre - height / 4} y2={centre + height / 4} strokeWidth={1} style={{ stroke: INK.reference }} />
      ))}
      {/* A reshuffle's final equity never varies: its box has no width, so give it a sliver to see. */}
      <rect x={boxWidth >= 1 ? x(p25) : x(p50) - 0.5} y={top} width={Math.max(1, boxWidth)} height={height} fillOpacity={0.35} strokeWidth={1} style={{ fill: BOX_COLOUR, stroke: BOX_COLOUR }} />
      <line x1={x(p50)} x2={x(p50)} y1={top} y2={top + height} strokeWidth={2} style={{ stroke: INK.reference }} />
    </g>
  );
}
