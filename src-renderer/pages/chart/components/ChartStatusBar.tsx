import { Group, Loader, Text } from '@mantine/core';
import { formatBarTime, formatCount } from '../../../ui/format.ts';
import type { SessionStatus } from '../data/chart-session.ts';
import type { SaveState } from '../layout/use-chart-layout.ts';

const SAVE_TEXT: Record<SaveState, string> = {
  loading: 'Loading layout…',
  saved: 'Layout saved',
  pending: 'Saving layout…',
  failed: 'Layout not saved',
};

/** What the chart holds (a window of the history), and whether the layout is saved. */
export function ChartStatusBar({ status, timeframe, total, saveState }: { status: SessionStatus; timeframe: string; total: number | null; saveState: SaveState }) {
  return (
    <Group justify="space-between" gap="xs" px={4} wrap="nowrap">
      <Group gap={6} wrap="nowrap">
        {status.loading && <Loader size={10} />}
        <Text size="xs" c="dimmed" data-testid="chart-window">
          {status.loaded === 0
            ? status.loading
              ? 'Loading bars…'
              : 'No bars'
            : `${formatCount(status.loaded)} bars loaded${total !== null ? ` of ${formatCount(total)}` : ''} · ${formatBarTime(status.first, timeframe)} → ${formatBarTime(status.last, timeframe)}`}
          {status.atStart && status.loaded > 0 ? ' · start of history' : ''}
          {status.resampledFrom ? ` · aggregated from ${status.resampledFrom}` : ''}
        </Text>
      </Group>
      <Group gap="md" wrap="nowrap">
        <Text size="xs" c="dimmed" visibleFrom="md">
          F fit · Home/End first/last bar · Alt+click price line · Ctrl+K symbol
        </Text>
        <Text size="xs" c={saveState === 'failed' ? 'red' : 'dimmed'} data-testid="layout-save-state">
          {SAVE_TEXT[saveState]}
        </Text>
      </Group>
    </Group>
  );
}
