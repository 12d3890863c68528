import { Alert, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientError } from '../../client/client-error.ts';
import { useClient, useQuery } from '../../client/hooks.ts';
import { useJobs } from '../../jobs/jobs-context.ts';
import { notifyError } from '../../shell/notify-error.ts';
import { OptimizationHistory } from './history/OptimizationHistory.tsx';
import { OptimizeSetup } from './setup/OptimizeSetup.tsx';
import { useStoredState } from '../../ui/use-stored-state.ts';
import { DEFAULT_OPTIMIZE_FORM } from './setup/optimize-form.ts';
import { OptimizationView } from './view/OptimizationView.tsx';

/**
 * The optimization workspace: the setup on the left; on the right the history of optimizations and
 * the chosen one — its progress while it runs, then its results, heatmap and safeguards.
 */
export function OptimizePage() {
  const client = useClient();
  const { watch } = useJobs();
  const strategiesQ = useQuery('backtest.strategies', {}, { refetchOn: ['backtest.strategies.changed'] });
  const instrumentsQ = useQuery('instruments.list', {}, { refetchOn: ['instruments.changed'] });
  const listQ = useQuery('optimize.list', {}, { refetchOn: ['optimize.changed'] });
  const [form, updateForm] = useStoredState('candlewick.optimize.setup', DEFAULT_OPTIMIZE_FORM);
  const [selected, setSelected] = useState<string | null>(null);
  const list = listQ.data;
  const watching = useRef<(() => void)[]>([]);
  useEffect(() => () => watching.current.forEach((unwatch) => unwatch()), []);

  useEffect(() => {
    // Only when nothing is shown: one just started may be chosen before the list is refetched.
    if (list && list.length > 0 && selected === null) setSelected(list[0]!.id);
  }, [list, selected]);
  // A job followed on this page is not also notified when it ends.
  const follow = useCallback(
    (optimizationId: string, jobId: string) => {
      watching.current.push(watch(jobId));
      setSelected(optimizationId);
    },
    [watch],
  );
  const resume = useCallback(
    (optimizationId: string) => {
      client.call('optimize.resume', { optimizationId }).then(({ jobId }) => follow(optimizationId, jobId), (error: ClientError) => notifyError(error));
    },
    [client, follow],
  );
  const remove = useCallback(
    (optimizationId: string) => {
      client.call('optimize.remove', { optimizationId }).catch((error: ClientError) => notifyError(error));
      setSelected((id) => (id === optimizationId ? (list?.find((o) => o.id !== optimizationId)?.id ?? null) : id));
    },
    [client, list],
  );
  const failure = strategiesQ.error ?? instrumentsQ.error ?? listQ.error;

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
        <Paper withBorder radius="md" p="md">
          <Title order={4} mb="sm">
            Optimize
          </Title>
          {strategiesQ.data && instrumentsQ.data ? (
            <OptimizeSetup strategies={strategiesQ.data} instruments={instrumentsQ.data} form={form} onChange={updateForm} onStarted={follow} />
          ) : (
            <Text size="sm" c="dimmed">
              Loading strategies and instruments…
            </Text>
          )}
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
        <Stack gap="md">
          {failure && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load the optimization workspace">
              {failure.code}: {failure.message}
            </Alert>
          )}
          <Paper withBorder radius="md" p="md">
            <Text size="sm" fw={500} mb="xs">
              Optimizations
            </Text>
            <OptimizationHistory optimizations={list ?? []} selectedId={selected} onSelect={setSelected} onResume={resume} onRemove={remove} />
          </Paper>
          <Paper withBorder radius="md" p="md">
            {selected ? (
              <OptimizationView key={selected} optimizationId={selected} onResumed={follow} />
            ) : (
              <Text size="sm" c="dimmed">
                An optimization shows here: its progress and best so far while it runs, then every set, the heatmap of any two parameters, and the safeguards against overfitting.
              </Text>
            )}
          </Paper>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
