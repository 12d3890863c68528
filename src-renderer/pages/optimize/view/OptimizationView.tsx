import { Alert, Badge, Button, Group, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconPlayerPlay } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import type { ResultRow } from '../../../../src-shared/contract/optimize.contract.ts';
import { useClient, useQuery } from '../../../client/hooks.ts';
import type { ClientError } from '../../../client/client-error.ts';
import { notifyError } from '../../../shell/notify-error.ts';
import { formatCount, formatLocalTime } from '../../../ui/format.ts';
import { StateBadge } from '../history/StateBadge.tsx';
import { BestSetCard } from './BestSetCard.tsx';
import { downloadText } from './download.ts';
import { HeatmapPanel } from './HeatmapPanel.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { csvFileName, resultsCsv } from './results-csv.ts';
import { ResultsTable } from './ResultsTable.tsx';
import { RobustnessView } from './RobustnessView.tsx';
import { SetComparison } from './SetComparison.tsx';
import { fetchAllResults, fetchResultRow, useAllResults } from './use-all-results.ts';
import { useSendToBacktest } from './use-send-to-backtest.ts';
import { WalkForwardView } from './WalkForwardView.tsx';

/** Sets compared at once: beyond this the columns stop being readable. */
const MAX_CHOSEN = 8;
const rowKey = (r: Pick<ResultRow, 'window' | 'seq'>) => `${r.window}:${r.seq}`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One optimization: its progress or outcome, the best set, every result, the heatmap, the safeguards. */
export function OptimizationView({ optimizationId, onResumed }: { optimizationId: string; onResumed(optimizationId: string, jobId: string): void }) {
  const client = useClient();
  const detailQ = useQuery('optimize.get', { optimizationId }, { refetchOn: ['optimize.changed'] });
  const detail = detailQ.data;
  const all = useAllResults(optimizationId, detail?.state);
  const sendToBacktest = useSendToBacktest(detail);
  const [chosen, setChosen] = useState<ResultRow[]>([]);
  const [tab, setTab] = useState<string | null>('results');
  const toggleChosen = useCallback(
    (row: ResultRow) =>
      setChosen((rows) => (rows.some((r) => rowKey(r) === rowKey(row)) ? rows.filter((r) => rowKey(r) !== rowKey(row)) : rows.length < MAX_CHOSEN ? [...rows, row] : rows)),
    [],
  );
  // A set picked on the heatmap was loaded without its metrics: the comparison reads the whole row.
  const compare = useCallback(
    (picked: ResultRow) => {
      fetchResultRow(client, optimizationId, picked).then((row) => {
        if (!row) return;
        setChosen((rows) => (rows.some((r) => rowKey(r) === rowKey(row)) || rows.length >= MAX_CHOSEN ? rows : [...rows, row]));
        setTab('compare');
      }, (error: ClientError) => notifyError(error));
    },
    [client, optimizationId],
  );

  if (detailQ.error) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load the optimization">
        {detailQ.error.code}: {detailQ.error.message}
      </Alert>
    );
  }
  if (!detail) return <Text size="sm" c="dimmed">Loading the optimization…</Text>;
  const resume = () =>
    client.call('optimize.resume', { optimizationId }).then(({ jobId }) => onResumed(optimizationId, jobId), (error: ClientError) => notifyError(error));
  const exportCsv = () =>
    fetchAllResults(client, optimizationId, { withMetrics: true }).then(
      ({ rows }) => downloadText(csvFileName(['optimization', detail.symbol, detail.timeframe, detail.strategyId, detail.id]), resultsCsv(rows, detail.objective)),
      (error: ClientError) => notifyError(error),
    );
  const backtestRow = (row: ResultRow) => sendToBacktest(row.params);

  return (
    <Stack gap="sm" data-testid="optimization-view" data-state={detail.state} data-evaluated={detail.evaluated}>
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Group gap="xs">
            <Text fw={600}>
              {detail.strategyId} · {detail.symbol} {detail.timeframe}
            </Text>
            <StateBadge state={detail.state} />
            <Badge variant="outline" size="sm">
              {detail.method}
              {detail.setup.walkForward ? ' · walk-forward' : ''}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {day(detail.fromTime)} → {day(detail.toTime)} · {formatCount(detail.bars)} bars · {formatCount(detail.evaluated)} of {formatCount(detail.planned)} sets · objective {detail.objective} ({detail.direction})
            {detail.setup.constraints.length > 0 ? ` · ${detail.setup.constraints.join(', ')}` : ''} · seed {detail.setup.seed} · started {formatLocalTime(detail.createdAt)}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          {(detail.state === 'cancelled' || detail.state === 'failed') && (
            <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={() => void resume()}>
              Resume
            </Button>
          )}
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => void exportCsv()} disabled={detail.evaluated === 0}>
            Export CSV
          </Button>
        </Group>
      </Group>
      {detail.error && detail.state !== 'running' && (
        <Alert color={detail.state === 'cancelled' ? 'yellow' : 'red'} p="xs" title={detail.state === 'cancelled' ? 'Stopped before the end' : 'Failed'}>
          {detail.error.message} · the {formatCount(detail.evaluated)} sets evaluated are kept; Resume evaluates only the rest.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="sm">
        <BestSetCard detail={detail} onBacktest={sendToBacktest} />
        <ProgressPanel detail={detail} rows={all.rows} total={all.total} />
      </SimpleGrid>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="results">Results</Tabs.Tab>
          <Tabs.Tab value="heatmap">Heatmap</Tabs.Tab>
          <Tabs.Tab value="robustness">Robustness</Tabs.Tab>
          {detail.setup.walkForward && <Tabs.Tab value="walk-forward">Walk-forward</Tabs.Tab>}
          <Tabs.Tab value="compare">Compare{chosen.length > 0 ? ` (${chosen.length})` : ''}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="results" pt="sm">
          <ResultsTable detail={detail} chosen={chosen} onToggleChosen={toggleChosen} onBacktest={backtestRow} />
        </Tabs.Panel>
        <Tabs.Panel value="heatmap" pt="sm">
          <HeatmapPanel detail={detail} rows={all.rows} onCompare={compare} onBacktest={backtestRow} />
        </Tabs.Panel>
        <Tabs.Panel value="robustness" pt="sm">
          <RobustnessView detail={detail} />
        </Tabs.Panel>
        {detail.setup.walkForward && (
          <Tabs.Panel value="walk-forward" pt="sm">
            {detail.walkForward ? <WalkForwardView result={detail.walkForward} /> : <Text size="sm" c="dimmed">The walk-forward report is ready once every window has run.</Text>}
          </Tabs.Panel>
        )}
        <Tabs.Panel value="compare" pt="sm">
          <SetComparison rows={chosen} objective={detail.objective} direction={detail.direction} onRemove={toggleChosen} onClear={() => setChosen([])} onBacktest={backtestRow} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
