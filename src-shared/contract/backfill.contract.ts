import { z } from 'zod';
import { ConnectionIdSchema } from '../domain/connection.ts';
import { JobIdSchema } from '../domain/job.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import type { RequestDef } from './define.ts';

export const BackfillIdSchema = z.string().regex(/^bfl_[A-Za-z0-9_-]{6,40}$/, 'not a backfill id');

/**
 * A backfill and its checkpoint. `cursor` is the open time of the next bar to fetch: everything
 * before it is stored, so a backfill stopped in any way resumes there.
 */
export const BackfillRecordSchema = z.object({
  backfillId: BackfillIdSchema,
  connectionId: ConnectionIdSchema,
  symbol: z.string(),
  timeframe: TimeframeSchema,
  instrumentId: z.number().int().positive().nullable(),
  from: z.number(),
  to: z.number(),
  cursor: z.number(),
  state: z.enum(['running', 'interrupted', 'done', 'failed', 'cancelled']),
  /** Bars received from the venue, and of them inserted, updated (values changed) or already stored. */
  fetched: z.number().int().nonnegative(),
  inserted: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  error: z.string().nullable(),
  jobId: JobIdSchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type BackfillRecord = z.infer<typeof BackfillRecordSchema>;

export const BackfillPlanSchema = z.object({
  /** Ranges not yet stored (incremental: only these are fetched). */
  missing: z.array(z.object({ from: z.number(), to: z.number() })),
  /** Bars the venue should return for them, and requests needed at the venue's page size. */
  bars: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  /** At the connection's rate limit. */
  estimatedMs: z.number().nonnegative(),
});
export type BackfillPlan = z.infer<typeof BackfillPlanSchema>;

const BackfillTargetSchema = z
  .object({
    connectionId: ConnectionIdSchema,
    symbol: z.string().trim().min(1).max(64),
    timeframe: TimeframeSchema,
    from: z.number().finite(),
    /** Default: now. */
    to: z.number().finite().optional(),
  })
  .strict()
  .refine((t) => t.to === undefined || t.to > t.from, { message: 'to must be after from', path: ['to'] });

export const backfillRequests = {
  'backfill.plan': {
    summary: 'What a backfill would fetch: the missing ranges, bars, requests and time at the rate limit.',
    input: BackfillTargetSchema,
    output: BackfillPlanSchema,
  },
  'backfill.start': {
    summary: 'Fetch the missing bars of a range as a job, checkpointed; progress arrives as jobs.updated.',
    input: BackfillTargetSchema,
    output: BackfillRecordSchema,
  },
  'backfill.resume': {
    summary: 'Continue an interrupted or failed backfill from its checkpoint.',
    input: z.object({ backfillId: BackfillIdSchema }).strict(),
    output: BackfillRecordSchema,
  },
  'backfill.list': {
    summary: 'Backfills, newest first, with their checkpoints.',
    input: z.object({ limit: z.number().int().positive().max(500).default(50) }).strict(),
    output: z.array(BackfillRecordSchema),
  },
  'backfill.remove': {
    summary: 'Forget a finished, failed or interrupted backfill (its bars stay).',
    input: z.object({ backfillId: BackfillIdSchema }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
} satisfies Record<string, RequestDef>;

export const backfillEvents = {
  'backfill.changed': BackfillRecordSchema,
};
