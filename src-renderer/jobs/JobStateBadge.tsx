import { Badge } from '@mantine/core';
import type { JobState } from '../../src-shared/domain/job.ts';

const COLORS: Record<JobState, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
  cancelled: 'yellow',
};

export function JobStateBadge({ state }: { state: JobState }) {
  return (
    <Badge color={COLORS[state]} variant="light" size="sm" style={{ flexShrink: 0 }}>
      {state}
    </Badge>
  );
}
