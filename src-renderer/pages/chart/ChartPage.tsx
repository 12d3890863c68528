import { Alert, Box, Center, Group, Loader, ScrollArea, Stack, Text, useComputedColorScheme } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Instrument } from '../../../src-shared/domain/instrument.ts';
import { useClient, useQuery } from '../../client/hooks.ts';
import { groupBySource } from '../data/group-instruments.ts';
import { ChartLegend } from './components/ChartLegend.tsx';
import { ChartStatusBar } from './components/ChartStatusBar.tsx';
import { ChartToolbar } from './components/ChartToolbar.tsx';
import { IndicatorEditor } from './components/IndicatorEditor.tsx';
import { IndicatorList } from './components/IndicatorList.tsx';
import { IndicatorPicker } from './components/IndicatorPicker.tsx';
import { tickDecimals } from './components/legend-format.ts';
import { PresetsMenu } from './components/PresetsMenu.tsx';
import { AddPriceLine, PriceLineList } from './components/PriceLinePanel.tsx';
import { ReplayBar } from './components/ReplayBar.tsx';
import { WatchlistPanel } from './components/WatchlistPanel.tsx';
import { PALETTES } from './controller/chart-theme.ts';
import { useChartEngine } from './controller/use-chart-engine.ts';
import { availableTimeframes, pickTimeframe } from './data/timeframes.ts';
import { indicatorRequests, indicatorViews } from './layout/indicator-views.ts';
import * as model from './layout/layout-model.ts';
import { useChartLayout } from './layout/use-chart-layout.ts';
import { useChartKeys } from './use-chart-keys.ts';
import { useChartSync } from './use-chart-sync.ts';
import { useReplay } from './replay/use-replay.ts';
import { LiveToggle } from './live/LiveToggle.tsx';
import { useLiveChart } from './live/use-live-chart.ts';

/** The instrument a layout without one (or with a deleted one) opens: the first imported, else the demo. */
function defaultInstrument(instruments: readonly Instrument[]): Instrument | undefined {
  return groupBySource(instruments).flatMap((g) => g.instruments).find((i) => i.series.some((s) => s.count > 0));
}

/** Candles, indicators in panes, watchlists and bar replay over a window of the history. */
export function ChartPage() {
  const client = useClient();
  const scheme = useComputedColorScheme('dark');
  const instrumentsQ = useQuery('instruments.list', {}, { refetchOn: ['instruments.changed'] });
  const catalogueQ = useQuery('indicators.catalogue', {});
  const { layout, saveState, update } = useChartLayout();
  const container = useRef<HTMLDivElement>(null);
  const symbolRef = useRef<HTMLInputElement>(null);
  const engine = useChartEngine(container, client, scheme);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [replayOpen, setReplayOpen] = useState(false);

  const instruments = instrumentsQ.data;
  const catalogueList = catalogueQ.data;
  const catalogue = useMemo(() => new Map((catalogueList ?? []).map((d) => [d.id, d])), [catalogueList]);
  const instrument = useMemo(() => {
    if (!instruments || !layout) return undefined;
    return instruments.find((i) => i.id === layout.instrumentId) ?? defaultInstrument(instruments);
  }, [instruments, layout]);
  const timeframes = useMemo(() => availableTimeframes(instrument), [instrument]);
  const timeframe = layout && instrument ? pickTimeframe(instrument, layout.timeframe) : null;
  const indicators = layout?.indicators;
  const views = useMemo(() => (catalogueList ? indicatorViews(indicators ?? [], catalogue) : []), [indicators, catalogue, catalogueList]);
  const requests = useMemo(() => indicatorRequests(indicators ?? [], catalogue), [indicators, catalogue]);
  const replayTarget = useMemo(
    () => (instrument && timeframe ? { instrumentId: instrument.id, timeframe } : null),
    [instrument, timeframe],
  );
  const replay = useReplay(engine, replayTarget, requests);
  const replaying = replay.state !== null;
  const live = useLiveChart(engine, instrument, timeframe, requests, replaying);

  // The layout names what is actually shown (a deleted symbol or a missing timeframe is replaced).
  useEffect(() => {
    if (!layout || !instrument || !timeframe) return;
    if (layout.instrumentId !== instrument.id || layout.timeframe !== timeframe) {
      update((l) => ({ ...l, instrumentId: instrument.id, timeframe }));
    }
  }, [layout, instrument, timeframe, update]);

  const sync = useChartSync({ engine, layout, instrument, timeframe, views, requests, scheme, markers: replay.markers, replaying,
    ready: catalogueList !== undefined || catalogueQ.error !== undefined,
    onPaneHeights: (paneHeights) => update((l) => ({ ...l, paneHeights })),
  });

  const decimals = tickDecimals(instrument?.tickSize ?? 0.01);
  const lastClose = engine?.session.window.bars.at(-1)?.close ?? null;
  const addLine = useCallback(
    (price: number) => update((l) => model.addPriceLine(l, { price, color: '#f59f00', title: '' })),
    [update],
  );
  useEffect(() => engine?.controller.onAltClick((price) => addLine(Number(price.toFixed(decimals)))), [engine, addLine, decimals]);

  const openInstrument = useCallback(
    async (id: number) => {
      if (replaying) await replay.stop();
      update((l) => ({ ...l, instrumentId: id }));
    },
    [replaying, replay, update],
  );

  useChartKeys({
    engine,
    replay,
    onSymbolSearch: () => {
      symbolRef.current?.focus();
      symbolRef.current?.select();
    },
  });

  const visibleIndex = engine?.controller.lastVisibleIndex() ?? null;
  const visibleTime = visibleIndex !== null ? (engine?.session.window.bars[visibleIndex]?.time ?? null) : null;
  const editingIndicator = layout?.indicators.find((i) => i.key === editing) ?? null;
  const total = instrument?.series.find((s) => s.timeframe === timeframe)?.count ?? null;

  return (
    <Stack h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" gap={6} miw={0}>
      {layout && instruments && (
        <ChartToolbar
          instruments={instruments}
          layout={{ ...layout, instrumentId: instrument?.id ?? null }}
          timeframe={timeframe}
          timeframes={timeframes}
          symbolRef={symbolRef}
          replaying={replaying}
          onInstrument={(id) => void openInstrument(id)}
          onTimeframe={(tf) => update((l) => ({ ...l, timeframe: tf }))}
          onChartType={(chartType) => update((l) => ({ ...l, chartType }))}
          onVolume={(showVolume) => update((l) => ({ ...l, showVolume }))}
          onAddIndicator={() => setPickerOpen(true)}
          onFit={() => engine?.controller.fit()}
          onReplay={() => setReplayOpen((o) => !o)}
          extra={
            <>
              <PresetsMenu indicators={layout.indicators} onApply={(list) => update((l) => model.applyPreset(l, list))} />
              <AddPriceLine suggested={lastClose} decimals={decimals} onAdd={(line) => update((l) => model.addPriceLine(l, line))} />
              <LiveToggle live={live} instrument={instrument} instruments={instruments} replaying={replaying} onOpenInstrument={(id) => void openInstrument(id)} />
            </>
          }
        />
      )}
      {instrumentsQ.error && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load the instruments">
          {instrumentsQ.error.code}: {instrumentsQ.error.message}
        </Alert>
      )}
      <Group gap={8} wrap="nowrap" align="stretch" flex={1} mih={0}>
        <Box
          flex={1}
          miw={0}
          pos="relative"
          style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden' }}
          onPointerDown={sync.onPointerDown}
          onPointerUp={sync.onPointerUp}
        >
          <div ref={container} style={{ position: 'absolute', inset: 0 }} data-testid="chart-container" aria-label="Price chart" role="img" />
          {engine && instrument && timeframe && sync.status.loaded > 0 && (
            <ChartLegend
              window={engine.session.window}
              index={sync.hover}
              symbol={instrument.symbol}
              timeframe={timeframe}
              demo={instrument.source === 'demo'}
              decimals={decimals}
              views={views}
              paneRects={sync.paneRects}
              palette={PALETTES[scheme]}
              paneOf={(key) => engine.controller.paneOf(key)}
            />
          )}
          {(!layout || !instruments || (sync.status.loading && sync.status.loaded === 0)) && (
            <Center pos="absolute" inset={0} style={{ zIndex: 4, pointerEvents: 'none' }}>
              <Loader size="sm" />
            </Center>
          )}
          {instruments && layout && !instrument && (
            <Center pos="absolute" inset={0} style={{ zIndex: 4 }}>
              <Text c="dimmed">No instrument with bars yet — import a CSV file on the Data page.</Text>
            </Center>
          )}
        </Box>
        <ScrollArea w={236} type="auto" offsetScrollbars style={{ flexShrink: 0 }} aria-label="Chart side panel">
          {layout && instruments && (
            <Stack gap={0} pr={4}>
              <IndicatorList
                indicators={layout.indicators}
                views={views}
                onEdit={setEditing}
                onRemove={(key) => update((l) => model.removeIndicator(l, key))}
                onToggle={(key) => update((l) => model.updateIndicator(l, key, { visible: !l.indicators.find((i) => i.key === key)?.visible }))}
              />
              <PriceLineList lines={layout.priceLines} decimals={decimals} onRemove={(i) => update((l) => model.removePriceLine(l, i))} />
              <WatchlistPanel instruments={instruments} current={instrument} onOpen={(id) => void openInstrument(id)} />
            </Stack>
          )}
        </ScrollArea>
      </Group>
      {replayOpen && timeframe && (
        <ReplayBar
          replay={replay}
          timeframe={timeframe}
          visibleTime={visibleTime}
          onClose={() => {
            void replay.stop();
            setReplayOpen(false);
          }}
        />
      )}
      <ChartStatusBar status={sync.status} timeframe={timeframe ?? '1d'} total={total} saveState={saveState} />
      <IndicatorPicker
        opened={pickerOpen}
        catalogue={catalogueList ?? []}
        onClose={() => setPickerOpen(false)}
        onPick={(d) => {
          update((l) => model.addIndicator(l, d));
          setPickerOpen(false);
        }}
      />
      <IndicatorEditor
        indicator={editingIndicator}
        descriptor={editingIndicator ? catalogue.get(editingIndicator.config.id) : undefined}
        timeframe={timeframe}
        timeframes={timeframes}
        onClose={() => setEditing(null)}
        onApply={(patch) => {
          if (editing) update((l) => model.updateIndicator(l, editing, patch));
          setEditing(null);
        }}
      />
    </Stack>
  );
}
