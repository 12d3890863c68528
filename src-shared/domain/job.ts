import { z } from 'zod';
import { AppErrorSchema } from '../contract/errors.ts';

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const JobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobStateSchema>;

export const JOB_KINDS = ['import', 'indicators', 'backtest', 'optimize', 'backfill'] as const;
export const JobKindSchema = z.enum(JOB_KINDS);
export type JobKind = z.infer<typeof JobKindSchema>;

export const JobProgressSchema = z.object({
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  /** What is happening now, e.g. "Parsing rows" or "Writing bars". */
  phase: z.string(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const JobIdSchema = z.string().regex(/^job_[A-Za-z0-9_-]{6,40}$/, 'not a job id');

export const JobRecordSchema = z.object({
  id: JobIdSchema,
  kind: JobKindSchema,
  /** One line a trader recognises: "Import orcl-1995-2014.csv as ORCL 1d". */
  title: z.string(),
  state: JobStateSchema,
  progress: JobProgressSchema.nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  error: AppErrorSchema.nullable(),
  result: z.unknown().nullable(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;

export function isFinished(state: JobState): boolean {
  return state === 'done' || state === 'failed' || state === 'cancelled';
}
