import { useComputedColorScheme } from '@mantine/core';
import { AreaSeries, createChart, LineSeries, type IChartApi, type LineData, type PriceFormat } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { chartOptions, PALETTES } from '../../chart/controller/chart-theme.ts';
import { toChartTime } from '../../chart/controller/series-data.ts';
import type { Curve } from './curve.ts';

export type { Curve } from './curve.ts';


interface Props {
  /** The upper pane (equity, benchmark) and the lower one (drawdowns, drawn as filled areas). */
  readonly top: readonly Curve[];
  readonly bottom: readonly Curve[];
  readonly topFormat: 'money' | 'percent';
  readonly height: number;
  readonly label: string;
}

const PERCENT: PriceFormat = { type: 'custom', formatter: (v: number) => `${v.toFixed(1)} %`, minMove: 0.01 };
const MONEY: PriceFormat = { type: 'price', precision: 0, minMove: 1 };

function points(c: Curve): LineData[] {
  const scale = c.scale ?? 1;
  const out: LineData[] = new Array(c.time.length);
  for (let i = 0; i < c.time.length; i++) out[i] = { time: toChartTime(c.time[i]!), value: c.values[i]! * scale };
  return out;
}

/**
 * Curves of a run (or of several runs, compared) in two panes sharing one time axis. Recreated when
 * the curves change: a run's curves are drawn once, they never stream.
 */
export function CurvesChart({ top, bottom, topFormat, height, label }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const scheme = useComputedColorScheme('dark');
  const chartRef = useRef<IChartApi | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const palette = PALETTES[scheme];
    const chart = createChart(element, {
      ...chartOptions(palette),
      autoSize: true,
      localization: { locale: 'en-US' },
      // A run of thousands of bars fits the width: the default 0.5 px minimum spacing would cut it.
      timeScale: { borderColor: palette.border, rightOffset: 2, minBarSpacing: 0.01 },
    });
    chartRef.current = chart;
    for (const c of top) {
      const series = chart.addSeries(
        LineSeries,
        { color: c.color, lineWidth: 2, lineStyle: c.dashed ? 2 : 0, title: c.label, priceFormat: topFormat === 'money' ? MONEY : PERCENT, priceLineVisible: false },
        0,
      );
      series.setData(points(c));
    }
    for (const c of bottom) {
      const series = chart.addSeries(
        AreaSeries,
        { lineColor: c.color, topColor: `${c.color}10`, bottomColor: `${c.color}66`, lineWidth: 1, title: c.label, priceFormat: PERCENT, priceLineVisible: false, invertFilledArea: true },
        1,
      );
      series.setData(points(c));
    }
    const panes = chart.panes();
    if (panes.length > 1) {
      panes[0]!.setStretchFactor(3);
      panes[1]!.setStretchFactor(1);
    }
    // The whole run in view, and again whenever the chart gets its size (autoSize measures later)
    // or is resized: a run's curves are read whole.
    const fit = () => chart.timeScale().fitContent();
    fit();
    chart.timeScale().subscribeSizeChange(fit);
    element.dataset.curves = String(top.length + bottom.length);
    return () => {
      chart.timeScale().unsubscribeSizeChange(fit);
      chartRef.current = null;
      chart.remove();
    };
  }, [top, bottom, topFormat, scheme]);

  return <div ref={container} style={{ height, position: 'relative' }} role="img" aria-label={label} data-testid="curves-chart" />;
}
