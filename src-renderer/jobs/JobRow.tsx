import { Button, Group, Stack, Text } from '@mantine/core';
import { isFinished, type JobRecord } from '../../src-shared/domain/job.ts';
import { formatDuration, formatLocalTime } from '../ui/format.ts';
import { JobProgress } from './JobProgress.tsx';
import { JobStateBadge } from './JobStateBadge.tsx';
import { useJobs } from './jobs-context.ts';

/** One job: title and state, progress and Cancel while it runs, outcome once finished. */
export function JobRow({ job }: { job: JobRecord }) {
  const { cancel } = useJobs();
  const finished = isFinished(job.state);
  return (
    <Stack gap={6}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={500} truncate title={job.title}>
          {job.title}
        </Text>
        <JobStateBadge state={job.state} />
      </Group>
      {finished ? (
        <Text size="xs" c="dimmed">
          {finishedLine(job)}
        </Text>
      ) : (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <div style={{ flex: 1, minWidth: 0 }}>
            <JobProgress job={job} />
          </div>
          <Button size="compact-xs" variant="light" color="red" onClick={() => void cancel(job.id)} aria-label={`Cancel ${job.title}`}>
            Cancel
          </Button>
        </Group>
      )}
      {job.error && job.state === 'failed' && (
        <Text size="xs" c="red">
          {job.error.code}: {job.error.message}
        </Text>
      )}
    </Stack>
  );
}

function finishedLine(job: JobRecord): string {
  const when = formatLocalTime(job.finishedAt ?? job.createdAt);
  const took = job.startedAt !== null && job.finishedAt !== null ? ` · took ${formatDuration(job.finishedAt - job.startedAt)}` : '';
  return `${when}${took}`;
}
