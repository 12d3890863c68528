import { Divider, Stack, Text } from '@mantine/core';
import { isFinished } from '../../../../src-shared/domain/job.ts';
import { JobRow } from '../../../jobs/JobRow.tsx';
import { useJobs } from '../../../jobs/jobs-context.ts';

/** How many finished backtests stay listed under the running ones. */
const RECENT = 3;

/** Backtests queued and running (progress, cancel), then the last few that finished. */
export function BacktestQueue() {
  const { jobs } = useJobs();
  const backtests = jobs.filter((j) => j.kind === 'backtest');
  const running = backtests.filter((j) => !isFinished(j.state));
  const shown = [...running, ...backtests.filter((j) => isFinished(j.state)).slice(0, RECENT)];
  if (shown.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Runs appear here with their progress.
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="backtest-queue">
      <Text size="xs" c="dimmed">
        {running.length} running · all cores are used when several run at once
      </Text>
      {shown.map((job, i) => (
        <div key={job.id}>
          {i > 0 && <Divider mb="xs" />}
          <JobRow job={job} />
        </div>
      ))}
    </Stack>
  );
}
