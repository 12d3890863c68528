import { notifications } from '@mantine/notifications';
import type { JobRecord } from '../../src-shared/domain/job.ts';

/** Tells the user that a job they are not watching has ended. */
export function notifyJobFinished(job: JobRecord): void {
  if (job.state === 'done') {
    notifications.show({ id: `job:${job.id}`, color: 'teal', title: 'Job finished', message: job.title });
  } else if (job.state === 'failed') {
    const reason = job.error ? `${job.error.code}: ${job.error.message}` : 'no reason given';
    notifications.show({ id: `job:${job.id}`, color: 'red', title: 'Job failed', message: `${job.title} — ${reason}`, autoClose: 10_000 });
  } else if (job.state === 'cancelled') {
    notifications.show({ id: `job:${job.id}`, color: 'yellow', title: 'Job cancelled', message: job.title });
  }
}
