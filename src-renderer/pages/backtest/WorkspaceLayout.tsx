import { Alert, Grid, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ClientError } from '../../client/client-error.ts';
import { BacktestQueue } from './queue/BacktestQueue.tsx';

interface Props {
  /** The title and the switch between strategy and portfolio runs. */
  header: ReactNode;
  setup: ReactNode;
  /** The run history and the chosen run (or comparison). */
  runs: ReactNode;
  failure: ClientError | undefined;
}

/** Setup and queue on the left, runs on the right: the same frame for strategy and portfolio backtests. */
export function WorkspaceLayout({ header, setup, runs, failure }: Props) {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
        <Stack gap="md">
          <Paper withBorder radius="md" p="md">
            {header}
            {setup}
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
          {runs}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
