import { z } from 'zod';
import { EpochMsSchema, Float64ColumnSchema } from '../domain/bars.ts';
import { BacktestSettingsSchema } from '../domain/backtest.ts';
import { JobIdSchema } from '../domain/job.ts';
import { SafeguardsReportSchema } from '../domain/safeguards.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import type { RequestDef } from './define.ts';
import { AppErrorSchema } from './errors.ts';
import { InstrumentIdSchema } from './instruments.contract.ts';

/** Optimizations have their own ids, so an id says what it names (the CLI prints it as `runId`). */
export const OptimizationIdSchema = z.string().regex(/^opt_[A-Za-z0-9_-]{6,40}$/);

/** A parameter's searched range: numbers from min to max by step, or a list of choices. */
export const ParamRangeSchema = z.union([
  z.object({ min: z.number().finite(), max: z.number().finite(), step: z.number().finite().positive() }).strict(),
  z.object({ choices: z.array(z.string().max(80)).min(1).max(200) }).strict(),
]);
export type ParamRange = z.infer<typeof ParamRangeSchema>;

export const OptimizeMethodSchema = z.enum(['grid', 'random', 'genetic']);

/** Rolling (or anchored) windows of `inSample` bars optimized, then `outOfSample` bars run with the best set. */
export const WalkForwardSchema = z
  .object({ inSample: z.number().int().min(2), outOfSample: z.number().int().min(1), anchored: z.boolean().default(false) })
  .strict();

export const OptimizeStartInputSchema = z
  .object({
    instrumentId: InstrumentIdSchema,
    timeframe: TimeframeSchema,
    from: EpochMsSchema.optional(),
    to: EpochMsSchema.optional(),
    strategyId: z.string().min(1).max(80),
    /** Ranges by parameter name; a parameter left out stays at its default. */
    ranges: z.record(z.string().max(60), ParamRangeSchema),
    method: OptimizeMethodSchema.default('grid'),
    /** Evaluations at most (random and genetic, per walk-forward window; grid evaluates the whole space). */
    budget: z.number().int().min(1).max(10_000_000).optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    /** A metric name (`sharpe`, `calmar`, …) or a formula over metrics and parameters. */
    objective: z.string().min(1).max(400).default('sharpe'),
    /** Expressions that must hold (`"fast<slow"`, `"maxDrawdown<0.25"`, `"tradeCount>=30"`). */
    constraints: z.array(z.string().min(1).max(400)).max(20).default([]),
    walkForward: WalkForwardSchema.optional(),
    settings: BacktestSettingsSchema.prefault({}),
    calendar: z.enum(['stock', 'crypto']).default('stock'),
  })
  .strict();
export type OptimizeStartInput = z.input<typeof OptimizeStartInputSchema>;
/** The start input with its defaults filled in: what an optimization stores as its setup. */
export type OptimizeSetup = z.output<typeof OptimizeStartInputSchema>;

export const OptimizationStateSchema = z.enum(['running', 'done', 'cancelled', 'failed']);
export type OptimizationState = z.infer<typeof OptimizationStateSchema>;

const ParamValuesSchema = z.record(z.string(), z.union([z.number(), z.string()]));
/** Scalar metrics by name (docs/metrics.md, docs/optimization.md); null when undefined; `maxDrawdown` is the depth ≤ 0. */
const MetricsRowSchema = z.record(z.string(), z.number().nullable());

/** One problem with a setup: the field as the user wrote it (`ranges.fast.step`, `constraints[1]`), its value, and what is wrong. */
export const SetupIssueSchema = z.object({ field: z.string(), value: z.unknown(), message: z.string() });
export type SetupIssueOutput = z.infer<typeof SetupIssueSchema>;

/** The size of a setup before it runs. */
export const SetupEstimateSchema = z.object({
  /** Sets in the grid before the strategy's check and the parameter constraints. */
  combinations: z.number(),
  /** Sets that pass them: counted exactly, or estimated from a sample (with its standard error). */
  feasible: z.object({ count: z.number(), exact: z.boolean(), standardError: z.number() }),
  /** Evaluations per optimization (per walk-forward window): the feasible grid, or the budget. */
  evaluations: z.number(),
  windows: z.number(),
  /** Every backtest of the run, out-of-sample runs included. */
  totalEvaluations: z.number(),
  memoryBytes: z.number(),
  estimatedMs: z.number().nullable(),
});

/** The best parameter set found: the best feasible set with a defined objective. */
export const BestSetSchema = z.object({
  /** The walk-forward window it was found in (the last window's best in a walk-forward; else 0). */
  window: z.number().int(),
  /** Its place in the order the optimizer asked for sets. */
  seq: z.number().int(),
  params: ParamValuesSchema,
  objective: z.number(),
  metrics: MetricsRowSchema,
  /** The full backtest of the set over the data it was chosen on, run once the search ended; null before. */
  run: z
    .object({
      finalEquity: z.number(),
      totalReturn: z.number().nullable(),
      maxDrawdown: z.number().nullable(),
      tradeCount: z.number().int(),
      engineVersion: z.string(),
    })
    .nullable(),
});
export type BestSet = z.infer<typeof BestSetSchema>;

export const OptimizationSummarySchema = z.object({
  id: OptimizationIdSchema,
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  instrumentId: z.number(),
  symbol: z.string(),
  timeframe: z.string(),
  /** First and last bar of the data read. */
  fromTime: z.number(),
  toTime: z.number(),
  bars: z.number().int(),
  strategyId: z.string(),
  strategyVersion: z.string(),
  method: OptimizeMethodSchema,
  /** As given: a metric name or a formula. */
  objective: z.string(),
  direction: z.enum(['maximize', 'minimize']),
  walkForward: z.boolean(),
  /** `cancelled` (also after Candlewick stopped mid-run) and `failed` can be resumed. */
  state: OptimizationStateSchema,
  /** Stored result rows (every window of a walk-forward), and the evaluations planned. */
  evaluated: z.number().int(),
  planned: z.number().int(),
  best: z.object({ params: ParamValuesSchema, objective: z.number() }).nullable(),
  error: AppErrorSchema.nullable(),
  /** The job running it now (to follow or cancel it); null when it is not running. */
  jobId: JobIdSchema.nullable(),
});
export type OptimizationSummary = z.infer<typeof OptimizationSummarySchema>;

const WindowRangeSchema = z.object({
  /** Bar indexes [start, end) into the optimization's bars. */
  start: z.number().int(),
  end: z.number().int(),
  /** Open times of the first and last bar. */
  from: z.number(),
  to: z.number(),
});

export const WalkForwardWindowSchema = z.object({
  index: z.number().int(),
  inSample: WindowRangeSchema,
  outOfSample: WindowRangeSchema,
  /** The window's best in-sample set, the one run out of sample, and its in-sample objective. */
  params: ParamValuesSchema,
  objective: z.number().nullable(),
  inSampleReturn: z.number().nullable(),
  outOfSampleReturn: z.number().nullable(),
  inSampleAnnualized: z.number().nullable(),
  outOfSampleAnnualized: z.number().nullable(),
  /** This window's walk-forward efficiency (docs/optimization.md). */
  efficiency: z.number().nullable(),
});

export const WalkForwardResultSchema = z.object({
  /** Walk-forward efficiency over all windows; null when undefined (in-sample return ≤ 0). */
  efficiency: z.number().nullable(),
  /** The out-of-sample segments compounded. */
  outOfSampleReturn: z.number(),
  windows: z.array(WalkForwardWindowSchema),
  /** The out-of-sample equity segments stitched into one curve from the initial cash. */
  stitched: z.object({ time: Float64ColumnSchema, equity: Float64ColumnSchema, starts: z.array(z.number().int()) }),
});
export type WalkForwardResult = z.infer<typeof WalkForwardResultSchema>;

export const OptimizationDetailSchema = OptimizationSummarySchema.extend({
  setup: OptimizeStartInputSchema,
  /** The range the bars were read with (a resume reads exactly this). */
  range: z.object({ from: z.number(), to: z.number() }),
  dataFingerprint: z.string(),
  strategyHash: z.string(),
  estimate: SetupEstimateSchema,
  warnings: z.array(SetupIssueSchema),
  best: BestSetSchema.nullable(),
  /** Computed once the search ended (null while running, or when it was cancelled). */
  safeguards: SafeguardsReportSchema.nullable(),
  walkForward: WalkForwardResultSchema.nullable(),
});
export type OptimizationDetail = z.infer<typeof OptimizationDetailSchema>;

export const OptimizeResultsInputSchema = z
  .object({
    optimizationId: OptimizationIdSchema,
    /** `objective`, `seq` (the order asked), a metric name, or a parameter name. */
    sortBy: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a metric or parameter name').max(60).default('objective'),
    descending: z.boolean().default(true),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(100),
    /** Only sets that met every constraint. */
    feasibleOnly: z.boolean().default(false),
    /** One walk-forward window's rows (all windows when left out). */
    window: z.number().int().min(0).optional(),
    /** Only the set asked for at this place (with `window`, one row). */
    seq: z.number().int().min(0).optional(),
    /** False: rows come with empty metrics, for plots that read only parameters and the objective. */
    withMetrics: z.boolean().default(true),
  })
  .strict();

export const ResultRowSchema = z.object({
  window: z.number().int(),
  seq: z.number().int(),
  params: ParamValuesSchema,
  metrics: MetricsRowSchema,
  objective: z.number().nullable(),
  feasible: z.boolean(),
  /** The constraints that did not hold, as written. */
  violations: z.array(z.string()),
  /** Why the set could not be backtested (its metrics are then empty). */
  error: z.string().nullable(),
});
export type ResultRow = z.infer<typeof ResultRowSchema>;

/** What `optimize.validate` finds: every problem with its field and value, the warnings, and the size. */
export const OptimizeCheckSchema = z.object({
  ok: z.boolean(),
  errors: z.array(SetupIssueSchema),
  warnings: z.array(SetupIssueSchema),
  estimate: SetupEstimateSchema.nullable(),
  /** Bars in the chosen range. */
  bars: z.number().int(),
});
export type OptimizeCheck = z.infer<typeof OptimizeCheckSchema>;

const StartedSchema = z.object({ optimizationId: OptimizationIdSchema, jobId: JobIdSchema });
const ByIdSchema = z.object({ optimizationId: OptimizationIdSchema }).strict();

export const optimizeRequests = {
  'optimize.validate': {
    summary: 'Check an optimization setup without starting it: every problem with its field and value, the warnings, and its size and memory.',
    input: OptimizeStartInputSchema,
    output: OptimizeCheckSchema,
  },
  'optimize.start': {
    summary: 'Validate an optimization (space, objective, constraints, budget, time and memory estimate) and start it as a job.',
    input: OptimizeStartInputSchema,
    output: StartedSchema,
  },
  'optimize.list': {
    summary: 'Saved optimizations, newest first.',
    input: z.object({}).strict(),
    output: z.array(OptimizationSummarySchema),
  },
  'optimize.get': {
    summary: 'One optimization: its setup, state, counts, best set with metrics, safeguards and walk-forward report.',
    input: ByIdSchema,
    output: OptimizationDetailSchema,
  },
  'optimize.results': {
    summary: "An optimization's evaluated parameter sets, sorted by the objective, a metric or a parameter, a page at a time.",
    input: OptimizeResultsInputSchema,
    output: z.object({ total: z.number().int(), rows: z.array(ResultRowSchema) }),
  },
  'optimize.resume': {
    summary: 'Continue a cancelled or interrupted optimization: stored results are reused, only the rest is evaluated.',
    input: ByIdSchema,
    output: StartedSchema,
  },
  'optimize.remove': {
    summary: 'Delete a saved optimization and its results (a running one is refused: cancel it first).',
    input: ByIdSchema,
    output: z.object({ removed: z.boolean() }),
  },
} satisfies Record<string, RequestDef>;

export const optimizeEvents = {
  /** Created, progressed (at most about once a second), finished, resumed or removed. */
  'optimize.changed': z.object({ optimizationIds: z.array(z.string()) }),
};
