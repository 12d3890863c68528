import { Group, Progress, Text } from '@mantine/core';
import type { JobRecord } from '../../src-shared/domain/job.ts';
import { formatCount } from '../ui/format.ts';
import { progressPercent } from './job-merge.ts';

/** The progress bar of a queued or running job, with its phase ("Writing bars · 1,200 / 5,036"). */
export function JobProgress({ job, size = 'sm' }: { job: JobRecord; size?: 'sm' | 'lg' }) {
  const percent = progressPercent(job);
  const p = job.progress;
  const phase = job.state === 'queued' ? 'Waiting to start' : (p?.phase ?? 'Starting');
  const counts = p && p.total > 0 ? `${formatCount(p.done)} / ${formatCount(p.total)}` : '';
  return (
    <div>
      <Progress
        value={percent ?? 100}
        striped={percent === null}
        animated={percent === null || job.state === 'running'}
        size={size === 'lg' ? 'lg' : 'sm'}
        aria-label={`Progress of ${job.title}`}
      />
      <Group justify="space-between" mt={4} gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed" truncate>
          {phase}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {percent === null ? counts : `${counts}  ${Math.floor(percent)}%`}
        </Text>
      </Group>
    </div>
  );
}
