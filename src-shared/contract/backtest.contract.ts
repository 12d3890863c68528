import { z } from 'zod';
import { EpochMsSchema, Float64ColumnSchema } from '../domain/bars.ts';
import { BacktestSettingsSchema, FillSchema, TradeSchema } from '../domain/backtest.ts';
import { IndicatorParamSchema } from '../domain/indicator.ts';
import { JobIdSchema } from '../domain/job.ts';
import { MetricsSchema, TradeAnalysisSchema } from '../domain/metrics.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import { StrategyProblemSchema } from '../domain/user-strategy.ts';
import type { RequestDef } from './define.ts';
import { InstrumentIdSchema } from './instruments.contract.ts';

export const StrategyDescriptorSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.string(),
  params: z.array(IndicatorParamSchema),
  /** Shipped with Candlewick, or a `.ts` file in the workspace's strategies folder. */
  origin: z.enum(['builtin', 'user']),
  /** A user strategy's file, relative to the workspace (`strategies/breakout.ts`). */
  file: z.string().optional(),
});
export type StrategyDescriptor = z.infer<typeof StrategyDescriptorSchema>;

export const RunIdSchema = z.string().regex(/^run_[A-Za-z0-9_-]{6,40}$/);

export const BacktestStartInputSchema = z
  .object({
    instrumentId: InstrumentIdSchema,
    timeframe: TimeframeSchema,
    from: EpochMsSchema.optional(),
    to: EpochMsSchema.optional(),
    strategyId: z.string().min(1).max(80),
    params: z.record(z.string().max(60), z.union([z.number().finite(), z.string().max(200)])).prefault({}),
    settings: BacktestSettingsSchema.prefault({}),
    /** Annualization calendar: 252 trading days (stocks) or 365 days (crypto). */
    calendar: z.enum(['stock', 'crypto']).default('stock'),
  })
  .strict();
export type BacktestStartInput = z.input<typeof BacktestStartInputSchema>;

export const RunSummarySchema = z.object({
  id: RunIdSchema,
  createdAt: z.number(),
  instrumentId: z.number(),
  symbol: z.string(),
  timeframe: z.string(),
  fromTime: z.number(),
  toTime: z.number(),
  bars: z.number(),
  strategyId: z.string(),
  strategyVersion: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  finalEquity: z.number(),
  totalReturn: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
  tradeCount: z.number(),
  rerunOf: z.string().nullable(),
  /** For a re-run: whether every fill, trade and equity value came out identical to the original. */
  identical: z.boolean().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunDetailSchema = RunSummarySchema.extend({
  /**
   * The time range the run read (the requested one, an open end filled in from the data): a re-run
   * reads exactly this. Not the first and last bar times: a bar built from lower ones (a week from
   * days) would be cut short by ending at its open.
   */
  range: z.object({ from: z.number(), to: z.number() }),
  settings: BacktestSettingsSchema,
  calendar: z.enum(['stock', 'crypto']),
  dataFingerprint: z.string(),
  strategyHash: z.string(),
  engineVersion: z.string(),
  resultHash: z.string(),
  metrics: MetricsSchema,
  fills: z.array(FillSchema),
  trades: z.array(TradeSchema),
  rejections: z.array(z.object({ orderId: z.number(), barIndex: z.number(), time: z.number(), reason: z.string() })),
  time: Float64ColumnSchema,
  equity: Float64ColumnSchema,
  drawdown: Float64ColumnSchema,
  benchmark: Float64ColumnSchema,
});
export type RunDetail = z.infer<typeof RunDetailSchema>;

/** What the look-ahead check found: the cuts tried, and each order or fill that changed before its cut. */
export const LookAheadReportSchema = z.object({
  cuts: z.array(z.number().int()),
  findings: z.array(
    z.object({
      cut: z.number().int(),
      kind: z.enum(['order', 'fill']),
      barIndex: z.number().int(),
      time: z.number(),
      full: z.string(),
      truncated: z.string(),
    }),
  ),
  clean: z.boolean(),
});
export type LookAheadReportOutput = z.infer<typeof LookAheadReportSchema>;

export const backtestRequests = {
  'backtest.strategies': {
    summary: 'The strategies a backtest can run, with their typed parameters (defaults and ranges).',
    input: z.object({}).strict(),
    output: z.array(StrategyDescriptorSchema),
  },
  'backtest.strategyProblems': {
    summary: "Why user strategy files did not load: compile errors, forbidden imports, bad declarations, each with file, line and column.",
    input: z.object({}).strict(),
    output: z.array(StrategyProblemSchema),
  },
  'backtest.start': {
    summary: 'Validate a backtest and start it as a job; the run is saved under runId when it finishes.',
    input: BacktestStartInputSchema,
    output: z.object({ runId: RunIdSchema, jobId: JobIdSchema }),
  },
  'backtest.rerun': {
    summary: 'Run a saved backtest again with exactly its inputs; the new run says whether it came out identical.',
    input: z.object({ runId: RunIdSchema }).strict(),
    output: z.object({ runId: RunIdSchema, jobId: JobIdSchema }),
  },
  'backtest.runs': {
    summary: 'Saved backtest runs, newest first.',
    input: z.object({}).strict(),
    output: z.array(RunSummarySchema),
  },
  'backtest.get': {
    summary: 'One saved run with its metrics, fills, trades and curves.',
    input: z.object({ runId: RunIdSchema }).strict(),
    output: RunDetailSchema,
  },
  'backtest.analysis': {
    summary: "A saved run's trades analysed: win/loss statistics and P&L by weekday, hour and month of entry.",
    input: z.object({ runId: RunIdSchema }).strict(),
    output: TradeAnalysisSchema,
  },
  'backtest.checkLookAhead': {
    summary: "Re-run a saved run's strategy on truncated histories (as a job) and report any signal or fill that changes when future bars are removed.",
    input: z.object({ runId: RunIdSchema }).strict(),
    output: LookAheadReportSchema,
  },
  'backtest.remove': {
    summary: 'Delete a saved run.',
    input: z.object({ runId: RunIdSchema }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
} satisfies Record<string, RequestDef>;

export const backtestEvents = {
  'backtest.runs.changed': z.object({ runIds: z.array(z.string()) }),
  /** The strategies folder was re-read and its strategies or problems changed: fetch both again. */
  'backtest.strategies.changed': z.object({ strategyIds: z.array(z.string()), problems: z.number().int().min(0) }),
};
