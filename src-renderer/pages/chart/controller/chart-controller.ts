import {
  BarSeries,
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type LogicalRange,
  type MouseEventParams,
  type Time,
} from 'lightweight-charts';
import type { ChartLayout, ChartMarker } from '../../../../src-shared/domain/chart.ts';
import { isDailyOrLonger } from '../../../ui/format.ts';
import type { BarWindow, WindowShift } from '../data/bar-window.ts';
import type { PriceLine } from '../layout/layout-model.ts';
import { chartOptions, PALETTES, type ChartPalette, type ColorScheme } from './chart-theme.ts';
import { IndicatorSeries, type IndicatorView } from './indicator-series.ts';
import { closePoint, pricePoint, toSeriesMarkers, volumePoint } from './series-data.ts';

export type ChartType = ChartLayout['chartType'];
type PriceSeries = ISeriesApi<'Candlestick'> | ISeriesApi<'Bar'> | ISeriesApi<'Line'>;

/** Where the view goes after new data: kept in place (shifted by what moved), or to one end. */
export type ViewAfter =
  | { readonly keep: WindowShift }
  | { readonly latest: number }
  | { readonly first: number }
  | { readonly at: number; readonly bars: number }
  /** The bars from one time to another, with `pad` bars either side (a trade, entry to exit). */
  | { readonly span: readonly [number, number]; readonly pad: number };

export interface PaneRect {
  readonly top: number;
  readonly height: number;
}

export interface CrosshairInfo {
  /** Index into the window of the bar under the cursor, null when the cursor left the chart. */
  readonly index: number | null;
  readonly price: number | null;
  readonly paneIndex: number | null;
}

const PRICE_MARGINS = { top: 0.08, bottom: 0.08 };
const PRICE_MARGINS_WITH_VOLUME = { top: 0.08, bottom: 0.24 };

/**
 * The one place that talks to lightweight-charts: the price series (candles, bars or a line),
 * volume on its own scale under the price, indicator series over the price or in panes below,
 * price lines and markers. It draws a {@link BarWindow}; it never holds the whole history.
 */
export class ChartController {
  readonly chart: IChartApi;
  private palette: ChartPalette;
  private type: ChartType = 'candles';
  private price: PriceSeries;
  private volume: ISeriesApi<'Histogram'>;
  private markersApi: ISeriesMarkersPluginApi<Time>;
  private readonly indicators: IndicatorSeries;
  private window: BarWindow | null = null;
  private markers: ChartMarker[] = [];
  private lines: PriceLine[] = [];
  private drawnLines: IPriceLine[] = [];
  private volumeVisible = true;
  private paneFractions: readonly number[] = [];
  private rangeListeners = new Set<(range: LogicalRange | null) => void>();
  private altClickListeners = new Set<(price: number) => void>();
  private crosshairListeners = new Set<(info: CrosshairInfo) => void>();

  constructor(
    readonly container: HTMLElement,
    scheme: ColorScheme,
  ) {
    this.palette = PALETTES[scheme];
    this.chart = createChart(container, {
      ...chartOptions(this.palette),
      autoSize: true,
      timeScale: { rightOffset: 6, barSpacing: 8, borderColor: this.palette.border },
      localization: { locale: 'en-US' },
    });
    this.volume = this.chart.addSeries(
      HistogramSeries,
      { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false },
      0,
    );
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.price = this.addPriceSeries();
    this.markersApi = createSeriesMarkers(this.price, []);
    this.indicators = new IndicatorSeries(this.chart, this.palette);
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onRange);
    this.chart.subscribeCrosshairMove(this.onCrosshair);
    this.chart.subscribeClick(this.onClick);
  }

  destroy(): void {
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onRange);
    this.chart.unsubscribeCrosshairMove(this.onCrosshair);
    this.chart.unsubscribeClick(this.onClick);
    this.chart.remove();
  }

  setScheme(scheme: ColorScheme): void {
    this.palette = PALETTES[scheme];
    this.chart.applyOptions(chartOptions(this.palette));
    this.price.applyOptions(this.priceStyle());
    this.indicators.setPalette(this.palette);
    if (this.window) this.volume.setData(this.window.bars.map((b) => volumePoint(b, this.palette.volumeUp, this.palette.volumeDown)));
  }

  setChartType(type: ChartType): void {
    if (type === this.type) return;
    this.type = type;
    this.chart.removeSeries(this.price);
    this.price = this.addPriceSeries();
    this.markersApi = createSeriesMarkers(this.price, []);
    this.drawnLines = [];
    if (this.window) this.price.setData(this.priceData(this.window));
    this.setPriceLines(this.lines);
    this.setMarkers(this.markers);
  }

  setTimeframe(timeframe: string): void {
    this.chart.applyOptions({ timeScale: { timeVisible: !isDailyOrLonger(timeframe), secondsVisible: false } });
  }

  setVolumeVisible(visible: boolean): void {
    this.volumeVisible = visible;
    this.volume.applyOptions({ visible });
    this.price.priceScale().applyOptions({ scaleMargins: visible ? PRICE_MARGINS_WITH_VOLUME : PRICE_MARGINS });
  }

  /** Indicator series in line with the layout; panes are created and removed as needed. */
  setIndicators(views: readonly IndicatorView[]): void {
    if (this.indicators.setViews(views)) {
      if (this.window) this.indicators.setData(this.window);
      this.applyPaneFractions();
    }
  }

  /** Draws the whole window, then places the view. */
  setWindow(window: BarWindow, view: ViewAfter): void {
    const before = this.chart.timeScale().getVisibleLogicalRange();
    this.window = window;
    this.price.setData(this.priceData(window));
    this.volume.setData(window.bars.map((b) => volumePoint(b, this.palette.volumeUp, this.palette.volumeDown)));
    this.indicators.setData(window);
    this.setMarkers(this.markers);
    this.placeView(view, before);
  }

  /** Moves the view over the bars already drawn (`keep` shifts the range the view had before). */
  placeView(view: ViewAfter, before = this.chart.timeScale().getVisibleLogicalRange()): void {
    const window = this.window;
    if (!window) return;
    const n = window.length;
    const ts = this.chart.timeScale();
    if ('keep' in view) {
      if (before) {
        const move = view.keep.addedLeft - view.keep.droppedLeft;
        ts.setVisibleLogicalRange({ from: before.from + move, to: before.to + move });
      }
    } else if ('latest' in view) {
      // A short history fills the width rather than hugging the right edge.
      ts.setVisibleLogicalRange({ from: Math.max(-2, n - view.latest), to: n + 5 });
    } else if ('first' in view) {
      ts.setVisibleLogicalRange({ from: -2, to: Math.min(view.first, n + 5) });
    } else if ('span' in view) {
      const from = Math.max(0, window.indexAtOrBefore(view.span[0]));
      const to = Math.max(from, window.indexAtOrBefore(view.span[1]));
      ts.setVisibleLogicalRange({ from: from - view.pad, to: to + view.pad });
    } else {
      const i = Math.max(0, window.indexAtOrBefore(view.at));
      ts.setVisibleLogicalRange({ from: i - view.bars + 1, to: i + 5 });
    }
  }

  /** Values of one indicator changed (new parameters, or computed for the first time). */
  refreshIndicator(key: string): void {
    if (this.window) this.indicators.setData(this.window, key);
  }

  /** The window's last bar was replaced or appended by a live update. */
  updateLast(): void {
    const window = this.window;
    if (!window || window.length === 0) return;
    const bar = window.bars[window.length - 1]!;
    this.price.update(this.type === 'line' ? closePoint(bar) : pricePoint(bar));
    this.volume.update(volumePoint(bar, this.palette.volumeUp, this.palette.volumeDown));
    this.indicators.updateLast(window);
  }

  /**
   * Markers on the price series (trades, fills, replay start and end). A marker between two bars
   * is drawn on the bar at or before its time; markers outside the window wait until it holds them.
   */
  setMarkers(markers: readonly ChartMarker[]): void {
    this.markers = [...markers];
    const window = this.window;
    const shown = window
      ? markers
          .map((m) => {
            const i = window.indexAtOrBefore(m.time);
            return i < 0 ? null : { ...m, time: window.bars[i]!.time };
          })
          .filter((m): m is ChartMarker => m !== null && m.time >= (window.firstTime ?? Infinity))
      : [];
    this.markersApi.setMarkers(toSeriesMarkers(shown));
    this.container.dataset.markers = String(this.markersApi.markers().length);
  }

  setPriceLines(lines: readonly PriceLine[]): void {
    for (const line of this.drawnLines) this.price.removePriceLine(line);
    this.lines = [...lines];
    this.drawnLines = lines.map((l) =>
      this.price.createPriceLine({
        price: l.price,
        color: l.color,
        lineWidth: 1,
        lineStyle: LineStyle.Solid,
        axisLabelVisible: true,
        title: l.title,
      }),
    );
  }

  fit(): void {
    this.chart.timeScale().fitContent();
    for (const pane of this.chart.panes()) for (const s of pane.getSeries()) s.priceScale().setAutoScale(true);
  }

  /** Scrolls by a number of bars (negative: back in time). */
  scrollBars(bars: number): void {
    const ts = this.chart.timeScale();
    const range = ts.getVisibleLogicalRange();
    if (range) ts.setVisibleLogicalRange({ from: range.from + bars, to: range.to + bars });
  }

  visibleRange(): LogicalRange | null {
    return this.chart.timeScale().getVisibleLogicalRange();
  }

  /** Window index of the last bar on screen. */
  lastVisibleIndex(): number | null {
    const range = this.visibleRange();
    if (!range || !this.window || this.window.length === 0) return null;
    return Math.max(0, Math.min(this.window.length - 1, Math.floor(range.to)));
  }

  /** Pane heights as fractions of the total, price pane first. */
  paneHeights(): number[] {
    const heights = this.chart.panes().map((p) => p.getHeight());
    const total = heights.reduce((a, b) => a + b, 0) || 1;
    return heights.map((h) => Math.round((h / total) * 1000) / 1000);
  }

  /** Restores saved pane heights (ignored when they do not fit the panes shown). */
  setPaneHeights(fractions: readonly number[]): void {
    this.paneFractions = fractions;
    this.applyPaneFractions();
  }

  /** Where each pane sits in the container, for legends drawn over them. */
  paneRects(): PaneRect[] {
    const box = this.container.getBoundingClientRect();
    return this.chart.panes().map((pane) => {
      const rect = pane.getHTMLElement()?.getBoundingClientRect();
      return rect ? { top: rect.top - box.top, height: rect.height } : { top: 0, height: pane.getHeight() };
    });
  }

  paneOf(key: string): number | null {
    return this.indicators.paneOf(key);
  }

  priceAt(y: number): number | null {
    return this.price.coordinateToPrice(y);
  }

  onRangeChange(listener: (range: LogicalRange | null) => void): () => void {
    this.rangeListeners.add(listener);
    return () => this.rangeListeners.delete(listener);
  }

  onCrosshairMove(listener: (info: CrosshairInfo) => void): () => void {
    this.crosshairListeners.add(listener);
    return () => this.crosshairListeners.delete(listener);
  }

  /** Alt+click on the price pane, with the price under the cursor. */
  onAltClick(listener: (price: number) => void): () => void {
    this.altClickListeners.add(listener);
    return () => this.altClickListeners.delete(listener);
  }

  private onClick = (param: MouseEventParams<Time>): void => {
    if (!param.point || !param.sourceEvent?.altKey || param.paneIndex !== 0) return;
    const price = this.price.coordinateToPrice(param.point.y);
    if (price !== null) for (const listener of this.altClickListeners) listener(price);
  };

  private onRange = (range: LogicalRange | null): void => {
    for (const listener of this.rangeListeners) listener(range);
  };

  private onCrosshair = (param: MouseEventParams<Time>): void => {
    const n = this.window?.length ?? 0;
    const logical = param.logical;
    const index = param.point && logical !== undefined && logical >= 0 && logical < n ? Math.round(logical) : null;
    const price = param.point && param.paneIndex === 0 ? this.price.coordinateToPrice(param.point.y) : null;
    const info: CrosshairInfo = { index, price, paneIndex: param.paneIndex ?? null };
    for (const listener of this.crosshairListeners) listener(info);
  };

  private applyPaneFractions(): void {
    const panes = this.chart.panes();
    const fractions = this.paneFractions.length === panes.length ? this.paneFractions : defaultFractions(panes.length);
    panes.forEach((pane, i) => pane.setStretchFactor(fractions[i]!));
  }

  private addPriceSeries(): PriceSeries {
    const common = { priceLineVisible: true, lastValueVisible: true };
    const series =
      this.type === 'candles'
        ? this.chart.addSeries(CandlestickSeries, { ...common, ...this.priceStyle() }, 0)
        : this.type === 'bars'
          ? this.chart.addSeries(BarSeries, { ...common, ...this.priceStyle() }, 0)
          : this.chart.addSeries(LineSeries, { ...common, ...this.priceStyle() }, 0);
    series.priceScale().applyOptions({ scaleMargins: this.volumeVisible ? PRICE_MARGINS_WITH_VOLUME : PRICE_MARGINS });
    return series;
  }

  private priceStyle() {
    const p = this.palette;
    if (this.type === 'candles') {
      return { upColor: p.up, downColor: p.down, borderUpColor: p.up, borderDownColor: p.down, wickUpColor: p.up, wickDownColor: p.down };
    }
    if (this.type === 'bars') return { upColor: p.up, downColor: p.down, thinBars: false };
    return { color: p.line, lineWidth: 2 as const };
  }

  private priceData(window: BarWindow) {
    return this.type === 'line' ? window.bars.map(closePoint) : window.bars.map(pricePoint);
  }
}

/** The price pane gets the most room; each indicator pane a share of what is left. */
function defaultFractions(panes: number): number[] {
  if (panes <= 1) return [1];
  const sub = Math.min(0.22, 0.5 / (panes - 1));
  return [1 - sub * (panes - 1), ...new Array<number>(panes - 1).fill(sub)];
}
