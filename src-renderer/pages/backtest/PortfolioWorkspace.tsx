import { Paper, Text } from '@mantine/core';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useClient, useQuery } from '../../client/hooks.ts';
import { DEFAULT_PORTFOLIO_FORM, type PortfolioForm } from './portfolio/portfolio-form.ts';
import { PortfolioHistory } from './portfolio/PortfolioHistory.tsx';
import { PortfolioResults } from './portfolio/PortfolioResults.tsx';
import { PortfolioSetup } from './portfolio/PortfolioSetup.tsx';
import { useRunOpener } from './use-run-opener.ts';
import { WorkspaceLayout } from './WorkspaceLayout.tsx';

/** Portfolio backtests: instruments, target weights and a schedule on the left; saved runs on the right. */
export function PortfolioWorkspace({ header }: { header: ReactNode }) {
  const client = useClient();
  const instrumentsQ = useQuery('instruments.list', {}, { refetchOn: ['instruments.changed'] });
  const runsQ = useQuery('portfolio.runs', {}, { refetchOn: ['portfolio.runs.changed'] });
  const [form, setForm] = useState<PortfolioForm>(DEFAULT_PORTFOLIO_FORM);
  const update = useCallback((fn: (f: PortfolioForm) => PortfolioForm) => setForm(fn), []);
  const [selected, setSelected] = useState<string | null>(null);
  const runs = runsQ.data;

  useEffect(() => {
    if (runs && runs.length > 0 && selected === null) setSelected(runs[0]!.id);
  }, [runs, selected]);
  const started = useRunOpener('portfolio.runs.changed', setSelected);
  const rerun = useCallback(
    (runId: string) => {
      client.call('portfolio.rerun', { runId }).then(({ runId: next, jobId }) => started(next, jobId), () => {});
    },
    [client, started],
  );
  const remove = useCallback(
    (runId: string) => {
      void client.call('portfolio.remove', { runId }).catch(() => {});
      setSelected((id) => (id === runId ? null : id));
    },
    [client],
  );

  return (
    <WorkspaceLayout
      header={header}
      setup={
        instrumentsQ.data ? (
          <PortfolioSetup instruments={instrumentsQ.data} form={form} onChange={update} onStarted={started} />
        ) : (
          <Text size="sm" c="dimmed">
            Loading instruments…
          </Text>
        )
      }
      runs={
        <>
          <Paper withBorder radius="md" p="md">
            <Text size="sm" fw={500} mb="xs">
              Portfolio runs
            </Text>
            <PortfolioHistory runs={runs ?? []} selectedId={selected} onSelect={setSelected} onRerun={rerun} onRemove={remove} />
          </Paper>
          <Paper withBorder radius="md" p="md">
            {selected ? (
              <PortfolioResults key={selected} runId={selected} onRerun={rerun} />
            ) : (
              <Text size="sm" c="dimmed">
                Results appear here: equity against buy and hold of the first weights, drawdowns, weights over time, every rebalance and fill.
              </Text>
            )}
          </Paper>
        </>
      }
      failure={instrumentsQ.error ?? runsQ.error}
    />
  );
}
