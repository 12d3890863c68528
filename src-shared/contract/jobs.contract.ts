import { z } from 'zod';
import { JobIdSchema, JobRecordSchema } from '../domain/job.ts';
import type { RequestDef } from './define.ts';

export const jobRequests = {
  'jobs.list': {
    summary: 'Recent jobs, newest first, with state, progress and result.',
    input: z.object({ limit: z.number().int().positive().max(1000).default(50) }).strict(),
    output: z.array(JobRecordSchema),
  },
  'jobs.cancel': {
    summary: 'Cancel a queued or running job; a finished job is left as it is.',
    input: z.object({ jobId: JobIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
} satisfies Record<string, RequestDef>;

export const jobEvents = {
  'jobs.updated': JobRecordSchema,
};
