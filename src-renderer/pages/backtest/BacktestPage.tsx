import { Alert, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowsDiff, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, useEvent, useQuery } from '../../client/hooks.ts';
import type { ClientError } from '../../client/client-error.ts';
import { useJobs } from '../../jobs/jobs-context.ts';
import { RunComparison } from './compare/RunComparison.tsx';
import { RunHistory } from './history/RunHistory.tsx';
import { BacktestQueue } from './queue/BacktestQueue.tsx';
import { RunResults } from './results/RunResults.tsx';
import { BacktestSetup } from './setup/BacktestSetup.tsx';
import { StrategyProblems } from './setup/StrategyProblems.tsx';
import { useSetupForm } from './setup/use-setup-form.ts';

/** Most runs compared at once: beyond this the curves stop being readable. */
const MAX_COMPARED = 8;

/**
 * The backtest workspace: setup and queue on the left; on the right the run history and either the
 * chosen run's results or a comparison of the ticked runs. A finished run opens by itself.
 */
export function BacktestPage() {
  const client = useClient();
  const { watch } = useJobs();
  const strategiesQ = useQuery('backtest.strategies', {}, { refetchOn: ['backtest.strategies.changed'] });
  const problemsQ = useQuery('backtest.strategyProblems', {}, { refetchOn: ['backtest.strategies.changed'] });
  const instrumentsQ = useQuery('instruments.list', {}, { refetchOn: ['instruments.changed'] });
  const runsQ = useQuery('backtest.runs', {}, { refetchOn: ['backtest.runs.changed'] });
  const [form, updateForm] = useSetupForm();
  const [selected, setSelected] = useState<string | null>(null);
  const [compareIds, setCompareIds] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  // Runs started from this page: the first to be saved is opened.
  const awaited = useRef(new Set<string>());
  // Jobs started here are on screen in the queue while the page is open: no notification for them.
  const watching = useRef<(() => void)[]>([]);
  useEffect(() => () => watching.current.forEach((unwatch) => unwatch()), []);
  const runs = runsQ.data;

  useEffect(() => {
    // Only when nothing is open: a run just saved may be selected before the list is refetched.
    if (runs && runs.length > 0 && selected === null) setSelected(runs[0]!.id);
  }, [runs, selected]);
  // A short run may be saved before the answer to its start arrives: both orders open it.
  const saved = useRef(new Set<string>());
  const open = useCallback((runId: string) => {
    setSelected(runId);
    setComparing(false);
  }, []);
  useEvent('backtest.runs.changed', ({ runIds }) => {
    for (const id of runIds) {
      if (awaited.current.delete(id)) open(id);
      else saved.current.add(id);
    }
  });

  const started = useCallback(
    (runId: string, jobId: string) => {
      watching.current.push(watch(jobId));
      if (saved.current.has(runId)) open(runId);
      else awaited.current.add(runId);
    },
    [watch, open],
  );
  const rerun = useCallback(
    (runId: string) => {
      client.call('backtest.rerun', { runId }).then(
        ({ runId: next, jobId }) => started(next, jobId),
        (_: ClientError) => {
          // The client has shown the failure.
        },
      );
    },
    [client, started],
  );
  const remove = useCallback(
    (runId: string) => {
      void client.call('backtest.remove', { runId }).catch(() => {});
      setCompareIds((ids) => ids.filter((id) => id !== runId));
      setSelected((id) => (id === runId ? null : id));
    },
    [client],
  );
  const toggleCompare = (runId: string) =>
    setCompareIds((ids) => (ids.includes(runId) ? ids.filter((id) => id !== runId) : ids.length < MAX_COMPARED ? [...ids, runId] : ids));

  const failure = strategiesQ.error ?? instrumentsQ.error ?? runsQ.error;
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
        <Stack gap="md">
          <Paper withBorder radius="md" p="md">
            <Title order={4} mb="sm">
              Backtest
            </Title>
            <StrategyProblems problems={problemsQ.data ?? []} />
            {strategiesQ.data && instrumentsQ.data ? (
              <BacktestSetup strategies={strategiesQ.data} instruments={instrumentsQ.data} form={form} onChange={updateForm} onStarted={started} />
            ) : (
              <Text size="sm" c="dimmed">
                Loading strategies and instruments…
              </Text>
            )}
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Text size="sm" fw={500} mb="xs">
              Queue
            </Text>
            <BacktestQueue />
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
        <Stack gap="md">
          {failure && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load the backtest workspace">
              {failure.code}: {failure.message}
            </Alert>
          )}
          <Paper withBorder radius="md" p="md">
            <Group justify="space-between" mb="xs">
              <Text size="sm" fw={500}>
                Run history
              </Text>
              <Group gap="xs">
                {comparing ? (
                  <Button size="xs" variant="default" leftSection={<IconX size={14} />} onClick={() => setComparing(false)}>
                    Close comparison
                  </Button>
                ) : (
                  <Button size="xs" variant="light" leftSection={<IconArrowsDiff size={14} />} disabled={compareIds.length < 2} onClick={() => setComparing(true)}>
                    Compare {compareIds.length > 0 ? `(${compareIds.length})` : ''}
                  </Button>
                )}
              </Group>
            </Group>
            <RunHistory
              runs={runs ?? []}
              selectedId={comparing ? null : selected}
              compareIds={compareIds}
              onSelect={(id) => {
                setSelected(id);
                setComparing(false);
              }}
              onToggleCompare={toggleCompare}
              onRerun={rerun}
              onRemove={remove}
            />
          </Paper>
          <Paper withBorder radius="md" p="md">
            {comparing && compareIds.length >= 2 ? (
              <RunComparison runIds={compareIds} />
            ) : selected && instrumentsQ.data ? (
              <RunResults key={selected} runId={selected} instruments={instrumentsQ.data} onRerun={rerun} />
            ) : (
              <Text size="sm" c="dimmed">
                Results appear here: equity against buy and hold, drawdowns, metrics, monthly returns and every trade on the chart.
              </Text>
            )}
          </Paper>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
