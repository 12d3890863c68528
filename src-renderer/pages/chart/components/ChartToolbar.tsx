import { ActionIcon, Button, Divider, Group, SegmentedControl, Tooltip } from '@mantine/core';
import {
  IconChartBar,
  IconChartCandle,
  IconChartHistogram,
  IconChartLine,
  IconMaximize,
  IconPlayerPlay,
  IconPlus,
} from '@tabler/icons-react';
import type { ReactNode, Ref } from 'react';
import type { ChartLayout } from '../../../../src-shared/domain/chart.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { SymbolSelect } from './SymbolSelect.tsx';

interface Props {
  instruments: readonly Instrument[];
  layout: ChartLayout;
  timeframe: Timeframe | null;
  timeframes: readonly Timeframe[];
  symbolRef: Ref<HTMLInputElement>;
  replaying: boolean;
  onInstrument(id: number): void;
  onTimeframe(tf: Timeframe): void;
  onChartType(type: ChartLayout['chartType']): void;
  onVolume(show: boolean): void;
  onAddIndicator(): void;
  onFit(): void;
  onReplay(): void;
  /** Presets and price-line controls, rendered by the page. */
  extra: ReactNode;
}

const TYPES = [
  { value: 'candles', label: 'Candles', icon: IconChartCandle },
  { value: 'bars', label: 'Bars', icon: IconChartBar },
  { value: 'line', label: 'Line', icon: IconChartLine },
] as const;

export function ChartToolbar(p: Props) {
  return (
    <Group gap="xs" wrap="wrap" role="toolbar" aria-label="Chart">
      <SymbolSelect instruments={p.instruments} value={p.layout.instrumentId} onChange={p.onInstrument} inputRef={p.symbolRef} />
      <SegmentedControl
        aria-label="Timeframe"
        size="xs"
        data={p.timeframes.map((tf) => ({ value: tf, label: tf }))}
        value={p.timeframe ?? ''}
        onChange={(tf) => p.onTimeframe(tf as Timeframe)}
        disabled={p.replaying || p.timeframes.length === 0}
      />
      <Divider orientation="vertical" />
      <SegmentedControl
        aria-label="Chart type"
        size="xs"
        value={p.layout.chartType}
        onChange={(type) => p.onChartType(type as ChartLayout['chartType'])}
        data={TYPES.map((t) => ({
          value: t.value,
          label: (
            <Tooltip label={t.label} openDelay={400}>
              <t.icon size={16} aria-label={t.label} style={{ display: 'block' }} />
            </Tooltip>
          ),
        }))}
      />
      <Tooltip label={p.layout.showVolume ? 'Hide volume' : 'Show volume'}>
        <ActionIcon
          variant={p.layout.showVolume ? 'light' : 'default'}
          size="md"
          aria-label="Volume"
          aria-pressed={p.layout.showVolume}
          onClick={() => p.onVolume(!p.layout.showVolume)}
        >
          <IconChartHistogram size={16} />
        </ActionIcon>
      </Tooltip>
      <Divider orientation="vertical" />
      <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={p.onAddIndicator}>
        Add indicator
      </Button>
      {p.extra}
      <Divider orientation="vertical" />
      <Tooltip label="Fit the chart (F)">
        <ActionIcon variant="default" size="md" aria-label="Fit chart" onClick={p.onFit}>
          <IconMaximize size={16} />
        </ActionIcon>
      </Tooltip>
      <Button
        size="xs"
        variant={p.replaying ? 'filled' : 'default'}
        color={p.replaying ? 'orange' : undefined}
        leftSection={<IconPlayerPlay size={14} />}
        onClick={p.onReplay}
        aria-pressed={p.replaying}
      >
        Replay
      </Button>
    </Group>
  );
}
