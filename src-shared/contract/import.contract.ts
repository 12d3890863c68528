import { z } from 'zod';
import { DetectionSchema, ParseOptionsSchema, RejectedRowSchema } from '../domain/import.ts';
import { InstrumentSpecSchema } from '../domain/instrument.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import type { RequestDef } from './define.ts';

/** Imports larger than this are refused before they are read (the CLI has no such limit). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export const StagedIdSchema = z.string().regex(/^stg_[A-Za-z0-9_-]{6,40}$/, 'not a staged file id');

export const ImportPreviewSchema = z.object({
  stagedId: StagedIdSchema,
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  detection: DetectionSchema,
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  instrumentId: z.number().int().positive(),
  symbol: z.string(),
  timeframe: TimeframeSchema,
  inserted: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** The first rejected rows (at most 1,000); `rejectedCount` has them all. */
  rejected: z.array(RejectedRowSchema),
  rejectedCount: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const importRequests = {
  'import.preview': {
    summary: 'Stage a file and detect its format; returns the proposed options and the first rows.',
    input: z
      .object({
        fileName: z.string().min(1).max(255),
        data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_UPLOAD_BYTES, {
          message: `file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
        }),
      })
      .strict(),
    output: ImportPreviewSchema,
  },
  'import.start': {
    summary: 'Import a staged file as a job; progress and result arrive as jobs.updated events.',
    input: z
      .object({
        stagedId: StagedIdSchema,
        options: ParseOptionsSchema,
        instrument: InstrumentSpecSchema,
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'import.discard': {
    summary: 'Forget a staged file without importing it.',
    input: z.object({ stagedId: StagedIdSchema }).strict(),
    output: z.object({ discarded: z.boolean() }),
  },
} satisfies Record<string, RequestDef>;
