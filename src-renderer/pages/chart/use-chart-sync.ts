import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChartLayout, ChartMarker } from '../../../src-shared/domain/chart.ts';
import type { Instrument } from '../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import type { PaneRect } from './controller/chart-controller.ts';
import type { ColorScheme } from './controller/chart-theme.ts';
import type { IndicatorView } from './controller/indicator-series.ts';
import type { ChartEngine } from './controller/use-chart-engine.ts';
import type { IndicatorRequest, SessionStatus } from './data/chart-session.ts';

interface SyncInput {
  engine: ChartEngine | null;
  layout: ChartLayout | null;
  instrument: Instrument | undefined;
  timeframe: Timeframe | null;
  views: readonly IndicatorView[];
  requests: readonly IndicatorRequest[];
  scheme: ColorScheme;
  markers: readonly ChartMarker[];
  replaying: boolean;
  /** The catalogue is known (indicators can be drawn). */
  ready: boolean;
  /** The user dragged a pane separator. */
  onPaneHeights(heights: number[]): void;
}

export interface ChartSync {
  readonly status: SessionStatus;
  /** Window index of the bar under the crosshair. */
  readonly hover: number | null;
  readonly paneRects: readonly PaneRect[];
  onPointerDown(): void;
  onPointerUp(): void;
}

const EMPTY: SessionStatus = { loading: false, loaded: 0, first: null, last: null, atStart: false, atEnd: false, resampledFrom: null, error: null };

/** Keeps the chart in line with the layout, and the page in line with the chart (status, hover, panes). */
export function useChartSync(p: SyncInput): ChartSync {
  const { engine, layout } = p;
  const [status, setStatus] = useState<SessionStatus>(EMPTY);
  const [hover, setHover] = useState<number | null>(null);
  const [paneRects, setPaneRects] = useState<readonly PaneRect[]>([]);
  const heightsAtDown = useRef<string>('');
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  const measure = useCallback(() => {
    if (!engine) return;
    // After lightweight-charts laid the panes out.
    requestAnimationFrame(() => setPaneRects(engine.controller.paneRects()));
  }, [engine]);

  useEffect(() => {
    if (!engine) return;
    setStatus(engine.session.status);
    const offStatus = engine.session.onStatus(setStatus);
    let frame = 0;
    let next: number | null = null;
    const offCross = engine.controller.onCrosshairMove((info) => {
      next = info.index;
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setHover(next)));
    });
    const resize = new ResizeObserver(measure);
    resize.observe(engine.controller.container);
    return () => {
      offStatus();
      offCross();
      cancelAnimationFrame(frame);
      resize.disconnect();
    };
  }, [engine, measure]);

  useEffect(() => engine?.controller.setScheme(p.scheme), [engine, p.scheme]);
  useEffect(() => {
    if (engine && layout) engine.controller.setChartType(layout.chartType);
  }, [engine, layout?.chartType]);
  useEffect(() => {
    if (engine && layout) engine.controller.setVolumeVisible(layout.showVolume);
  }, [engine, layout?.showVolume]);
  useEffect(() => {
    if (engine && layout) engine.controller.setPriceLines(layout.priceLines);
  }, [engine, layout?.priceLines]);
  useEffect(() => {
    if (engine && layout) engine.controller.setPaneHeights(layout.paneHeights);
  }, [engine, layout?.paneHeights]);
  useEffect(() => engine?.controller.setMarkers(p.markers), [engine, p.markers]);

  // Indicators before the data: the series exist when the first block is drawn.
  useEffect(() => {
    if (!engine || !p.ready) return;
    engine.controller.setIndicators(p.views);
    void engine.session.setIndicators(p.requests);
    measure();
  }, [engine, p.ready, p.views, p.requests, measure]);

  const instrumentId = p.instrument?.id;
  useEffect(() => {
    if (!engine || !p.instrument || !p.timeframe || !p.ready || p.replaying) return;
    engine.controller.setTimeframe(p.timeframe);
    void engine.session.open(p.instrument, p.timeframe, p.requests).then(measure);
    // Only a new symbol or timeframe reopens the chart; indicator changes are applied above.
  }, [engine, instrumentId, p.timeframe, p.ready]);

  return {
    status,
    hover,
    paneRects,
    onPointerDown: () => {
      if (engine) heightsAtDown.current = JSON.stringify(engine.controller.paneHeights());
    },
    onPointerUp: () => {
      if (!engine) return;
      // A dragged pane separator: keep the new heights in the layout.
      const heights = engine.controller.paneHeights();
      if (heights.length > 1 && JSON.stringify(heights) !== heightsAtDown.current) {
        p.onPaneHeights(heights);
      }
      measure();
    },
  };
}
