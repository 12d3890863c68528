import { z } from 'zod';
import { EpochMsSchema, Float64ColumnSchema } from '../domain/bars.ts';
import { JobIdSchema } from '../domain/job.ts';
import { MetricsSchema } from '../domain/metrics.ts';
import {
  PortfolioConfigSchema,
  PortfolioFillSchema,
  PortfolioRejectionSchema,
  PortfolioSettingsSchema,
  PortfolioTradeSchema,
  RebalanceRecordSchema,
} from '../domain/portfolio.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import type { RequestDef } from './define.ts';
import { InstrumentIdSchema } from './instruments.contract.ts';

/** Portfolio runs have their own ids, so a run id says which kind of run it is. */
export const PortfolioRunIdSchema = z.string().regex(/^prun_[A-Za-z0-9_-]{6,40}$/);

export const PortfolioStartInputSchema = z
  .object({
    /** The instruments, in the order their weights and columns are reported. */
    instrumentIds: z.array(InstrumentIdSchema).min(1).max(50),
    timeframe: TimeframeSchema,
    from: EpochMsSchema.optional(),
    to: EpochMsSchema.optional(),
    config: PortfolioConfigSchema,
    settings: PortfolioSettingsSchema.prefault({}),
    calendar: z.enum(['stock', 'crypto']).default('stock'),
  })
  .strict();
export type PortfolioStartInput = z.input<typeof PortfolioStartInputSchema>;

export const PortfolioRunSummarySchema = z.object({
  id: PortfolioRunIdSchema,
  createdAt: z.number(),
  instrumentIds: z.array(z.number()),
  symbols: z.array(z.string()),
  timeframe: z.string(),
  fromTime: z.number(),
  toTime: z.number(),
  /** Bars on the common timeline. */
  bars: z.number(),
  config: PortfolioConfigSchema,
  finalEquity: z.number(),
  totalReturn: z.number().nullable(),
  benchmarkReturn: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
  /** Rebalances that placed orders (the drift threshold may skip some). */
  rebalanceCount: z.number().int(),
  fillCount: z.number().int(),
  rerunOf: z.string().nullable(),
  /** For a re-run: whether every fill and equity value came out identical to the original. */
  identical: z.boolean().nullable(),
});
export type PortfolioRunSummary = z.infer<typeof PortfolioRunSummarySchema>;

export const PortfolioPositionSchema = z.object({
  symbol: z.string(),
  qty: z.number(),
  price: z.number().nullable(),
  value: z.number(),
  weight: z.number(),
});

export const PortfolioRunDetailSchema = PortfolioRunSummarySchema.extend({
  settings: PortfolioSettingsSchema,
  calendar: z.enum(['stock', 'crypto']),
  /** SHA-256 over every instrument's bars, in order. */
  dataFingerprint: z.string(),
  engineVersion: z.string(),
  resultHash: z.string(),
  metrics: MetricsSchema,
  benchmarkMetrics: MetricsSchema,
  /** The benchmark's weights: the first targets, bought once and never rebalanced. */
  benchmarkTargets: z.array(z.number()),
  fills: z.array(PortfolioFillSchema),
  trades: z.array(PortfolioTradeSchema),
  rejections: z.array(PortfolioRejectionSchema),
  rebalances: z.array(RebalanceRecordSchema),
  positions: z.array(PortfolioPositionSchema),
  totalCommission: z.number(),
  turnover: z.number().nullable(),
  time: Float64ColumnSchema,
  equity: Float64ColumnSchema,
  drawdown: Float64ColumnSchema,
  cash: Float64ColumnSchema,
  benchmark: Float64ColumnSchema,
  /** Weight of each instrument at each close, time-major: weights[t × symbols.length + k]. */
  weights: Float64ColumnSchema,
});
export type PortfolioRunDetail = z.infer<typeof PortfolioRunDetailSchema>;

export const portfolioRequests = {
  'portfolio.start': {
    summary: 'Validate a portfolio backtest (instruments, range, weights, schedule, costs) and start it as a job; saved under runId when it finishes.',
    input: PortfolioStartInputSchema,
    output: z.object({ runId: PortfolioRunIdSchema, jobId: JobIdSchema }),
  },
  'portfolio.rerun': {
    summary: 'Run a saved portfolio backtest again with exactly its inputs; the new run says whether it came out identical.',
    input: z.object({ runId: PortfolioRunIdSchema }).strict(),
    output: z.object({ runId: PortfolioRunIdSchema, jobId: JobIdSchema }),
  },
  'portfolio.runs': {
    summary: 'Saved portfolio runs, newest first.',
    input: z.object({}).strict(),
    output: z.array(PortfolioRunSummarySchema),
  },
  'portfolio.get': {
    summary: 'One saved portfolio run with metrics, fills, rebalances, weights and curves.',
    input: z.object({ runId: PortfolioRunIdSchema }).strict(),
    output: PortfolioRunDetailSchema,
  },
  'portfolio.remove': {
    summary: 'Delete a saved portfolio run.',
    input: z.object({ runId: PortfolioRunIdSchema }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
} satisfies Record<string, RequestDef>;

export const portfolioEvents = {
  'portfolio.runs.changed': z.object({ runIds: z.array(z.string()) }),
};
