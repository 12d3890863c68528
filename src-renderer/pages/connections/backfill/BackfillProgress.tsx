import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { BackfillRecord } from '../../../../src-shared/contract/backfill.contract.ts';
import { JobProgress } from '../../../jobs/JobProgress.tsx';
import { useJob, useJobs } from '../../../jobs/jobs-context.ts';
import { useNow } from '../status/use-now.ts';
import { BACKFILL_STATE_COLOR, backfillRow, formatEta, jobEtaMs } from './backfill-rows.ts';

/**
 * A started backfill: its job's progress bar with the time left, Cancel, and the counts of its
 * record as `backfill.changed` reports them. The job shown here is not also notified when it ends.
 */
export function BackfillProgress({ record, connectionName }: { record: BackfillRecord; connectionName: string }) {
  const { watch, cancel } = useJobs();
  const job = useJob(record.jobId);
  const running = job ? job.state === 'queued' || job.state === 'running' : record.state === 'running';
  const now = useNow(running);
  const row = backfillRow(record, connectionName);
  useEffect(() => (record.jobId ? watch(record.jobId) : undefined), [record.jobId, watch]);

  return (
    <Stack gap="xs" data-testid="backfill-progress" data-state={record.state}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {row.what}
        </Text>
        <Badge color={BACKFILL_STATE_COLOR[record.state]} variant="light">
          {record.state}
        </Badge>
      </Group>
      {job && running && <JobProgress job={job} size="lg" />}
      {running && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed" data-testid="backfill-eta">
            {job ? formatEta(jobEtaMs(job, now)) : 'waiting for the job…'}
          </Text>
          {record.jobId && (
            <Button size="xs" variant="default" color="red" leftSection={<IconPlayerStop size={14} />} onClick={() => void cancel(record.jobId!)}>
              Cancel
            </Button>
          )}
        </Group>
      )}
      <Text size="xs" ff="monospace">
        Checkpoint {row.cursor} · {row.counts} · {row.requests} requests
      </Text>
      {record.error && (
        <Alert color="red" p="xs">
          {record.error}
        </Alert>
      )}
    </Stack>
  );
}
