import { Box, useComputedColorScheme } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { useClient } from '../../../client/hooks.ts';
import { useChartEngine } from '../../chart/controller/use-chart-engine.ts';
import { FOCUS_COLOR, tradeMarkers } from './trade-markers.ts';

interface Props {
  instrument: Instrument;
  timeframe: Timeframe;
  trades: readonly Trade[];
  focus: Trade | null;
}

/**
 * The run's instrument with every trade marked; the focused trade is brought into view (entry to
 * exit, with context either side) and its entry and exit prices drawn as lines. The visible time
 * span is published on the element so tests and tools can read where the chart looks.
 */
export function TradeChart({ instrument, timeframe, trades, focus }: Props) {
  const client = useClient();
  const scheme = useComputedColorScheme('dark');
  const container = useRef<HTMLDivElement>(null);
  const engine = useChartEngine(container, client, scheme);
  const markers = useMemo(() => tradeMarkers(trades, focus?.id ?? null), [trades, focus]);

  useEffect(() => engine?.controller.setScheme(scheme), [engine, scheme]);
  useEffect(() => {
    if (!engine) return;
    engine.controller.setTimeframe(timeframe);
    void engine.session.open(instrument, timeframe, []);
  }, [engine, instrument, timeframe]);
  useEffect(() => engine?.controller.setMarkers(markers), [engine, markers]);

  useEffect(() => {
    if (!engine || !focus) return;
    engine.controller.setPriceLines([
      { price: focus.entryPrice, color: FOCUS_COLOR, title: `Entry #${focus.id}` },
      ...(focus.open ? [] : [{ price: focus.exitPrice, color: FOCUS_COLOR, title: `Exit #${focus.id}` }]),
    ]);
    let cancelled = false;
    void engine.session.showSpan(focus.entryTime, focus.exitTime).then(() => {
      // After lightweight-charts applied the range on its next frame.
      requestAnimationFrame(() => {
        const element = container.current;
        const range = engine.controller.visibleRange();
        const bars = engine.session.window.bars;
        if (cancelled || !element || !range || bars.length === 0) return;
        const at = (x: number) => bars[Math.min(bars.length - 1, Math.max(0, Math.round(x)))]!.time;
        element.dataset.visibleFrom = String(at(range.from));
        element.dataset.visibleTo = String(at(range.to));
        element.dataset.focusedTrade = String(focus.id);
      });
    });
    return () => {
      cancelled = true;
    };
  }, [engine, focus]);

  return (
    <Box pos="relative" h={320} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden' }}>
      <div ref={container} style={{ position: 'absolute', inset: 0 }} role="img" aria-label={`${instrument.symbol} ${timeframe} with the run's trades`} data-testid="trade-chart" />
    </Box>
  );
}
