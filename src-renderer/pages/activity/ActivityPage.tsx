import { Divider, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { isFinished } from '../../../src-shared/domain/job.ts';
import { JobRow } from '../../jobs/JobRow.tsx';
import { useJobs } from '../../jobs/jobs-context.ts';

type Filter = 'all' | 'active' | 'finished';

/** Every recent job (imports today; backtests and optimizations later) with progress and outcome. */
export function ActivityPage() {
  const { jobs, active } = useJobs();
  const [filter, setFilter] = useState<Filter>('all');
  const shown = jobs.filter((job) =>
    filter === 'all' ? true : filter === 'active' ? !isFinished(job.state) : isFinished(job.state),
  );
  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2}>Activity</Title>
          <Text size="sm" c="dimmed">
            {active.length} running · {jobs.length} recent
          </Text>
        </div>
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'active', label: 'Running' },
            { value: 'finished', label: 'Finished' },
          ]}
          aria-label="Show jobs"
        />
      </Group>
      <Paper withBorder radius="md" p="md">
        {shown.length === 0 ? (
          <Text c="dimmed">{jobs.length === 0 ? 'No jobs yet. Imports appear here while they run and after.' : 'No jobs in this view.'}</Text>
        ) : (
          <Stack gap="sm">
            {shown.map((job, i) => (
              <div key={job.id}>
                {i > 0 && <Divider mb="sm" />}
                <JobRow job={job} />
              </div>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
