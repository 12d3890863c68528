import {
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
} from 'lightweight-charts';
import type { IndicatorOutput } from '../../../../src-shared/domain/indicator.ts';
import type { BarWindow } from '../data/bar-window.ts';
import type { ChartPalette } from './chart-theme.ts';
import { valuePoint } from './series-data.ts';

/** What the chart needs to draw one indicator. */
export interface IndicatorView {
  readonly key: string;
  readonly label: string;
  /** 0: over the price; 1, 2, …: the pane below the price, in order. */
  readonly pane: number;
  readonly visible: boolean;
  readonly outputs: readonly (Pick<IndicatorOutput, 'id' | 'label' | 'style'> & { readonly color: string })[];
  /** Guide levels (RSI 30/70) drawn in the indicator's pane. */
  readonly levels: readonly number[];
}

type OutputSeries = ISeriesApi<'Line'> | ISeriesApi<'Histogram'>;

interface Drawn {
  view: IndicatorView;
  series: Map<string, OutputSeries>;
  levels: IPriceLine[];
}

/** The series of every indicator on the chart, rebuilt when panes change and restyled in place otherwise. */
export class IndicatorSeries {
  private drawn = new Map<string, Drawn>();
  private structure = '';

  constructor(
    private readonly chart: IChartApi,
    private palette: ChartPalette,
  ) {}

  /** Brings the series in line with `views`; returns true when they were recreated (data must be set again). */
  setViews(views: readonly IndicatorView[]): boolean {
    const structure = JSON.stringify(
      [...views].sort((a, b) => a.pane - b.pane).map((v) => [v.key, v.pane, v.outputs.map((o) => [o.id, o.style]), v.levels]),
    );
    if (structure !== this.structure) {
      this.rebuild(views);
      this.structure = structure;
      return true;
    }
    for (const view of views) this.restyle(view);
    return false;
  }

  setPalette(palette: ChartPalette): void {
    this.palette = palette;
    for (const d of this.drawn.values()) {
      for (const line of d.levels) line.applyOptions({ color: palette.level });
      this.restyle(d.view, true);
    }
  }

  /** Sets every point of one indicator (or all) from the window. */
  setData(window: BarWindow, key?: string): void {
    for (const d of this.drawn.values()) {
      if (key !== undefined && d.view.key !== key) continue;
      const values = window.values.get(d.view.key);
      for (const output of d.view.outputs) {
        const column = values?.get(output.id);
        const histogram = this.histogramColors(output);
        const data = window.bars.map((bar, i) => valuePoint(bar.time, column ? column[i]! : NaN, histogram));
        d.series.get(output.id)!.setData(data);
      }
    }
  }

  /** The last bar changed or was added: one update per series. */
  updateLast(window: BarWindow): void {
    const i = window.length - 1;
    if (i < 0) return;
    const time = window.bars[i]!.time;
    for (const d of this.drawn.values()) {
      const values = window.values.get(d.view.key);
      for (const output of d.view.outputs) {
        const value = values?.get(output.id)?.[i] ?? NaN;
        d.series.get(output.id)!.update(valuePoint(time, value, this.histogramColors(output)));
      }
    }
  }

  /** The pane index each drawn indicator ended up in (panes are created in order). */
  paneOf(key: string): number | null {
    const d = this.drawn.get(key);
    const first = d?.series.values().next().value;
    return first ? first.getPane().paneIndex() : null;
  }

  clear(): void {
    for (const d of this.drawn.values()) for (const s of d.series.values()) this.chart.removeSeries(s);
    this.drawn.clear();
    this.structure = '';
  }

  private rebuild(views: readonly IndicatorView[]): void {
    this.clear();
    // Panes are created in index order, so sub-pane indicators are added pane by pane.
    const ordered = [...views].sort((a, b) => a.pane - b.pane);
    for (const view of ordered) {
      const series = new Map<string, OutputSeries>();
      for (const output of view.outputs) {
        const common = {
          color: output.color,
          visible: view.visible,
          title: '',
          lastValueVisible: view.visible,
          priceLineVisible: false,
          crosshairMarkerVisible: output.style === 'line',
        };
        const s =
          output.style === 'line'
            ? this.chart.addSeries(LineSeries, { ...common, lineWidth: 2 }, view.pane)
            : this.chart.addSeries(HistogramSeries, { ...common, base: 0 }, view.pane);
        series.set(output.id, s);
      }
      const first = series.values().next().value;
      const levels = first
        ? view.levels.map((price) =>
            first.createPriceLine({
              price,
              color: this.palette.level,
              lineWidth: 1,
              lineStyle: LineStyle.Dashed,
              axisLabelVisible: false,
              title: '',
            }),
          )
        : [];
      this.drawn.set(view.key, { view, series, levels });
    }
  }

  private restyle(view: IndicatorView, force = false): void {
    const d = this.drawn.get(view.key);
    if (!d) return;
    const recolor = force || view.outputs.some((o, n) => o.color !== d.view.outputs[n]?.color);
    for (const output of view.outputs) {
      d.series.get(output.id)?.applyOptions({ color: output.color, visible: view.visible, lastValueVisible: view.visible });
    }
    for (const line of d.levels) line.applyOptions({ lineVisible: view.visible });
    const histogramRecolor = recolor && view.outputs.some((o) => o.style !== 'line');
    d.view = view;
    if (histogramRecolor) this.recolorHistograms(d);
  }

  /** Histogram points carry their own colour; a new colour means setting them again. */
  private recolorHistograms(d: Drawn): void {
    for (const output of d.view.outputs) {
      if (output.style === 'line') continue;
      const series = d.series.get(output.id)!;
      const colors = this.histogramColors(output)!;
      series.setData(
        series.data().map((p) => ('value' in p ? { time: p.time, value: p.value, color: p.value >= 0 ? colors.up : colors.down } : p)),
      );
    }
  }

  private histogramColors(output: IndicatorView['outputs'][number]): { up: string; down: string } | undefined {
    if (output.style === 'line') return undefined;
    if (output.style === 'signal') return { up: output.color, down: output.color };
    return { up: output.color, down: this.palette.down };
  }
}
