import { Button, Group, Paper, Text } from '@mantine/core';
import { IconArrowsDiff, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useClient, useQuery } from '../../client/hooks.ts';
import { RunComparison } from './compare/RunComparison.tsx';
import { RunHistory } from './history/RunHistory.tsx';
import { RunResults } from './results/RunResults.tsx';
import { BacktestSetup } from './setup/BacktestSetup.tsx';
import { StrategyProblems } from './setup/StrategyProblems.tsx';
import { useStoredState } from '../../ui/use-stored-state.ts';
import { DEFAULT_FORM } from './setup/setup-form.ts';
import { takeOpenRequest } from './open-request.ts';
import { useRunOpener } from './use-run-opener.ts';
import { WorkspaceLayout } from './WorkspaceLayout.tsx';

/** Most runs compared at once: beyond this the curves stop being readable. */
const MAX_COMPARED = 8;

/**
 * Strategy backtests: the setup on the left; on the right the run history and either the chosen
 * run's results or a comparison of the ticked runs. A finished run opens by itself.
 */
export function StrategyWorkspace({ header }: { header: ReactNode }) {
  const client = useClient();
  const strategiesQ = useQuery('backtest.strategies', {}, { refetchOn: ['backtest.strategies.changed'] });
  const problemsQ = useQuery('backtest.strategyProblems', {}, { refetchOn: ['backtest.strategies.changed'] });
  const instrumentsQ = useQuery('instruments.list', {}, { refetchOn: ['instruments.changed'] });
  const runsQ = useQuery('backtest.runs', {}, { refetchOn: ['backtest.runs.changed'] });
  const [form, updateForm] = useStoredState('candlewick.backtest.setup', DEFAULT_FORM);
  const [selected, setSelected] = useState<string | null>(null);
  const [compareIds, setCompareIds] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  const runs = runsQ.data;

  useEffect(() => {
    // Only when nothing is open: a run just saved may be selected before the list is refetched.
    if (runs && runs.length > 0 && selected === null) setSelected(runs[0]!.id);
  }, [runs, selected]);
  const open = useCallback((runId: string) => {
    setSelected(runId);
    setComparing(false);
  }, []);
  const started = useRunOpener('backtest.runs.changed', open);
  // A run sent here from another page: opened when its save event arrives, or at once if it was
  // saved before this page mounted (the event then came while no one listened).
  const requested = useRef<string | null>(null);
  useEffect(() => {
    const request = takeOpenRequest();
    if (!request) return;
    requested.current = request.runId;
    if (request.setup) updateForm((f) => ({ ...f, ...request.setup }));
    started(request.runId, request.jobId);
  }, [started, updateForm]);
  useEffect(() => {
    if (requested.current && runs?.some((r) => r.id === requested.current)) {
      open(requested.current);
      requested.current = null;
    }
  }, [runs, open]);
  const rerun = useCallback(
    (runId: string) => {
      // A failure to start is shown by the client.
      client.call('backtest.rerun', { runId }).then(({ runId: next, jobId }) => started(next, jobId), () => {});
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

  const setup =
    strategiesQ.data && instrumentsQ.data ? (
      <>
        <StrategyProblems problems={problemsQ.data ?? []} />
        <BacktestSetup strategies={strategiesQ.data} instruments={instrumentsQ.data} form={form} onChange={updateForm} onStarted={started} />
      </>
    ) : (
      <Text size="sm" c="dimmed">
        Loading strategies and instruments…
      </Text>
    );
  const history = (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Text size="sm" fw={500}>
          Run history
        </Text>
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
      <RunHistory
        runs={runs ?? []}
        selectedId={comparing ? null : selected}
        compareIds={compareIds}
        onSelect={open}
        onToggleCompare={toggleCompare}
        onRerun={rerun}
        onRemove={remove}
      />
    </Paper>
  );
  const results = (
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
  );
  return (
    <WorkspaceLayout
      header={header}
      setup={setup}
      runs={
        <>
          {history}
          {results}
        </>
      }
      failure={strategiesQ.error ?? instrumentsQ.error ?? runsQ.error}
    />
  );
}
