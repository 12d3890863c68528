import { Button, Group, Paper, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import type { OptimizationDetail, ResultRow } from '../../../../src-shared/contract/optimize.contract.ts';
import { JobProgress } from '../../../jobs/JobProgress.tsx';
import { useJob, useJobs } from '../../../jobs/jobs-context.ts';
import { formatCount } from '../../../ui/format.ts';
import { BestSoFarChart } from '../plots/index.ts';
import { ALL_RESULTS_LIMIT } from './use-all-results.ts';

interface Props {
  detail: OptimizationDetail;
  rows: readonly ResultRow[];
  total: number;
}

/** The search as it goes: the job's progress (rate, ETA, best so far), Cancel, and the best-so-far curve. */
export function ProgressPanel({ detail, rows, total }: Props) {
  const job = useJob(detail.jobId);
  const { cancel } = useJobs();
  // A walk-forward's windows are separate searches: the curve follows the newest one.
  const window = rows.length > 0 ? rows[rows.length - 1]!.window : 0;
  const points = rows.filter((r) => r.window === window && r.feasible).map((r) => ({ seq: r.seq, objective: r.objective }));
  return (
    <Paper withBorder radius="md" p="sm">
      {job && detail.state === 'running' && (
        <Group align="flex-end" gap="sm" wrap="nowrap" mb="xs">
          <div style={{ flex: 1 }} data-testid="optimization-progress">
            <JobProgress job={job} />
          </div>
          <Button size="xs" color="red" variant="light" leftSection={<IconPlayerStop size={14} />} onClick={() => void cancel(job.id)}>
            Cancel
          </Button>
        </Group>
      )}
      <Text size="xs" c="dimmed" mb={4}>
        Best {detail.objective} so far{detail.setup.walkForward ? ` · window ${window + 1}` : ''} · each dot one feasible set
        {total > ALL_RESULTS_LIMIT ? ` · first ${formatCount(ALL_RESULTS_LIMIT)} of ${formatCount(total)} shown` : ''}
      </Text>
      <BestSoFarChart points={points} direction={detail.direction} objectiveLabel={detail.objective} />
    </Paper>
  );
}
