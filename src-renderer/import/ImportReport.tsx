import { Alert, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlayerStop } from '@tabler/icons-react';
import { ImportResultSchema } from '../../src-shared/contract/import.contract.ts';
import type { JobRecord } from '../../src-shared/domain/job.ts';
import { formatCount } from '../ui/format.ts';
import { RejectedRowsTable } from './RejectedRowsTable.tsx';

/** The outcome of a finished import job: counts and rejected rows, or why it failed. */
export function ImportReport({ job }: { job: JobRecord }) {
  if (job.state === 'cancelled') {
    return (
      <Alert color="yellow" icon={<IconPlayerStop size={18} />} title="Import cancelled">
        Nothing was written.
      </Alert>
    );
  }
  if (job.state === 'failed') {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Import failed" role="alert">
        <Text size="sm">
          {job.error ? `${job.error.code}: ${job.error.message}` : 'The import stopped without a reason.'}
        </Text>
        <Text size="sm" mt={4}>
          Nothing was written.
        </Text>
      </Alert>
    );
  }
  const parsed = ImportResultSchema.safeParse(job.result);
  if (!parsed.success) {
    return <Alert color="green" title="Import finished">{job.title}</Alert>;
  }
  const result = parsed.data;
  const stats = [
    { label: 'Inserted', value: result.inserted },
    { label: 'Updated', value: result.updated },
    { label: 'Unchanged', value: result.unchanged },
    { label: 'Rejected', value: result.rejectedCount },
  ];
  return (
    <Stack>
      <Alert color={result.rejectedCount > 0 ? 'yellow' : 'green'} icon={<IconCircleCheck size={18} />} title="Import finished">
        {result.symbol} · {result.timeframe} · {formatCount(result.rows)} rows read
      </Alert>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {stats.map((stat) => (
          <Paper key={stat.label} withBorder p="sm" aria-label={`${stat.label}: ${formatCount(stat.value)}`}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {stat.label}
            </Text>
            <Text size="xl" fw={700} ff="monospace" c={stat.label === 'Rejected' && stat.value > 0 ? 'red' : undefined}>
              {formatCount(stat.value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {result.rejected.length > 0 && <RejectedRowsTable rows={result.rejected} total={result.rejectedCount} />}
    </Stack>
  );
}
