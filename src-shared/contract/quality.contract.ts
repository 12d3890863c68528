import { z } from 'zod';
import { ConnectionIdSchema } from '../domain/connection.ts';
import { QualityConfigSchema } from '../domain/quality.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import type { RequestDef } from './define.ts';
import { InstrumentIdSchema } from './instruments.contract.ts';

const SeveritySchema = z.enum(['error', 'suspect']);

export const QualityFindingSchema = z.object({
  time: z.number(),
  rule: z.string(),
  severity: SeveritySchema,
  field: z.string(),
  value: z.number(),
  message: z.string(),
});

/** A bar held out of the store (impossible data) until a trader accepts or discards it. */
export const QuarantinedBarSchema = z.object({
  quarantineId: z.number().int().positive(),
  time: z.number(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
  /** Where it came from: 'csv', 'backfill:<connection>', 'live:<connection>', 'check'. */
  source: z.string(),
  rule: z.string(),
  reason: z.string(),
  status: z.enum(['held', 'accepted', 'discarded']),
  heldAt: z.number(),
  decidedAt: z.number().nullable(),
});
export type QuarantinedBar = z.infer<typeof QuarantinedBarSchema>;

/** One change to stored bars: who changed what, from what to what, and why. */
export const AuditEntrySchema = z.object({
  auditId: z.number().int().positive(),
  at: z.number(),
  /** 'quarantine', 'accept', 'discard', 'fill', 'replace' (a conflict resolved), 'revise' (a late trade). */
  action: z.string(),
  time: z.number(),
  source: z.string(),
  /** The bar before and after, as `[open, high, low, close, volume]`; null where there was none. */
  before: z.array(z.number()).length(5).nullable(),
  after: z.array(z.number()).length(5).nullable(),
  reason: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const QualityReportSchema = z.object({
  instrumentId: InstrumentIdSchema,
  timeframe: TimeframeSchema,
  /** The market calendar gaps are judged by ('XNYS', 'CRYPTO', …). */
  calendar: z.string(),
  bars: z.number().int().nonnegative(),
  /** 0..100, null when there are no bars. */
  score: z.number().nullable(),
  counts: z.object({
    errors: z.number().int().nonnegative(),
    suspects: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
    unexpected: z.number().int().nonnegative(),
    quarantined: z.number().int().nonnegative(),
  }),
  /** Per year (or month for intraday), oldest first. */
  periods: z.array(
    z.object({ start: z.number(), label: z.string(), score: z.number().nullable(), bars: z.number(), errors: z.number(), suspects: z.number(), missing: z.number() }),
  ),
  /** Runs of consecutive missing bars, oldest first (at most 1,000). */
  gaps: z.array(z.object({ from: z.number(), to: z.number(), missing: z.number().int().positive() })),
  /** At most 1,000, in bar order. */
  findings: z.array(QualityFindingSchema),
  quarantine: z.array(QuarantinedBarSchema),
  audit: z.array(AuditEntrySchema),
});
export type QualityReportView = z.infer<typeof QualityReportSchema>;

const seriesRef = { instrumentId: InstrumentIdSchema, timeframe: TimeframeSchema };

export const qualityRequests = {
  'quality.report': {
    summary: 'Check a stored series now: score over time, gaps against its market calendar, findings, quarantine, audit trail.',
    input: z.object(seriesRef).strict(),
    output: QualityReportSchema,
  },
  'quality.quarantineErrors': {
    summary: 'Move the stored bars with an error finding into quarantine, in one transaction, each with its reason.',
    input: z.object(seriesRef).strict(),
    output: z.object({ quarantined: z.number().int().nonnegative() }),
  },
  'quality.decide': {
    summary: 'Accept (store as it is) or discard a quarantined bar; either is written to the audit trail.',
    input: z.object({ quarantineId: z.number().int().positive(), action: z.enum(['accept', 'discard']) }).strict(),
    output: QuarantinedBarSchema,
  },
  'quality.fillGaps': {
    summary: 'Fetch the missing bars of a series from the other connections by priority; every bar added is audited.',
    input: z.object({ ...seriesRef, connectionId: ConnectionIdSchema.optional() }).strict(),
    output: z.object({ filled: z.number().int().nonnegative(), stillMissing: z.number().int().nonnegative(), sources: z.array(z.string()) }),
  },
  'quality.config': {
    summary: 'The workspace\'s quality rule thresholds.',
    input: z.object({}).strict(),
    output: QualityConfigSchema,
  },
  'quality.saveConfig': {
    summary: 'Set the quality rule thresholds; a field left out takes its default.',
    input: z.object({ config: QualityConfigSchema }).strict(),
    output: QualityConfigSchema,
  },
} satisfies Record<string, RequestDef>;

export const qualityEvents = {
  'quality.changed': z.object(seriesRef),
};
