import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import type { ImportPreview } from '../../src-shared/contract/import.contract.ts';
import { isFinished } from '../../src-shared/domain/job.ts';
import { JobProgress } from '../jobs/JobProgress.tsx';
import { useJob, useJobs } from '../jobs/jobs-context.ts';
import { ImportReport } from './ImportReport.tsx';

interface Props {
  jobId: string;
  preview: ImportPreview;
  onDone(): void;
}

/** Follows the import job through `jobs.updated` until it ends, then shows its report. */
export function JobStep({ jobId, preview, onDone }: Props) {
  const job = useJob(jobId);
  const { cancel, watch } = useJobs();
  useEffect(() => watch(jobId), [watch, jobId]);

  if (job && isFinished(job.state)) {
    return (
      <Stack>
        <ImportReport job={job} />
        <Group justify="flex-end">
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack>
      <Text fw={600}>{job?.title ?? `Importing ${preview.fileName}`}</Text>
      {job ? (
        <JobProgress job={job} size="lg" />
      ) : (
        <Text size="sm" c="dimmed">
          Starting…
        </Text>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          You can close this window: the import goes on in the background and shows under Jobs.
        </Text>
        <Button variant="light" color="red" onClick={() => void cancel(jobId)} disabled={!job}>
          Cancel import
        </Button>
      </Group>
    </Stack>
  );
}
