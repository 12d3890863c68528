import { z } from 'zod';
import { BacktestSettingsSchema, FillSchema, SideSchema, TradeSchema } from './backtest.ts';

/**
 * The vocabulary of portfolio backtests (several instruments, target weights, scheduled rebalancing).
 * The engine is src-workers/backtest/portfolio; the rules are in docs/backtesting.md, "Portfolio
 * rebalancing".
 */

/** A rebalance is decided on the first bar of each new UTC period (weeks start on Monday). */
export const REBALANCE_SCHEDULES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export const RebalanceScheduleSchema = z.enum(REBALANCE_SCHEDULES);
export type RebalanceSchedule = z.infer<typeof RebalanceScheduleSchema>;

/**
 * Target weights, fractions of equity. `equal`: 1/M over the M instruments whose first bar has come;
 * `fixed`: the given weight per symbol (sum ≤ 1, the rest stays cash; symbols left out get 0);
 * `inverse-volatility`: ∝ 1 / the sample standard deviation of the last `lookback` close-to-close
 * returns of the instrument's own bars up to the decision bar, normalized to sum 1.
 */
export const TargetWeightsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('equal') }),
  z.object({
    kind: z.literal('fixed'),
    weights: z
      .record(z.string().min(1), z.number().finite().min(0).max(1))
      .refine((w) => Object.values(w).reduce((s, x) => s + x, 0) <= 1 + 1e-9, { message: 'fixed weights must sum to at most 1 (the rest is cash)' }),
  }),
  z.object({ kind: z.literal('inverse-volatility'), lookback: z.number().int().min(2).max(10_000) }),
]);
export type TargetWeights = z.infer<typeof TargetWeightsSchema>;

export const PortfolioConfigSchema = z.object({
  schedule: RebalanceScheduleSchema,
  weights: TargetWeightsSchema.default({ kind: 'equal' }),
  /**
   * Drift threshold: a scheduled rebalance runs only when some instrument's weight is more than this
   * far (absolute, 0.05 = 5 points) from its target. Null: every scheduled rebalance runs.
   */
  drift: z.number().finite().min(0).max(1).nullable().default(null),
});
export type PortfolioConfig = z.infer<typeof PortfolioConfigSchema>;
export type PortfolioConfigInput = z.input<typeof PortfolioConfigSchema>;

/**
 * The settings of a portfolio run: the single-instrument settings without sizing (the weights size
 * every order) and without short financing (a portfolio only holds long positions). Tick and lot
 * apply to every instrument.
 */
export const PortfolioSettingsSchema = BacktestSettingsSchema.pick({
  initialCash: true,
  commission: true,
  slippage: true,
  tickSize: true,
  lotSize: true,
  periodsPerYear: true,
});
export type PortfolioSettings = z.infer<typeof PortfolioSettingsSchema>;
export type PortfolioSettingsInput = z.input<typeof PortfolioSettingsSchema>;

/** A fill of a portfolio run; `barIndex` is on the run's common timeline, `requested` what the rebalance asked for. */
export const PortfolioFillSchema = FillSchema.extend({ symbol: z.string(), requested: z.number().positive() });
export type PortfolioFill = z.infer<typeof PortfolioFillSchema>;

export const PortfolioTradeSchema = TradeSchema.extend({ symbol: z.string() });
export type PortfolioTrade = z.infer<typeof PortfolioTradeSchema>;

/**
 * An order of a rebalance that did not fill at all: the reason, with values. (A buy scaled down to the
 * cash fills what it can; its fill's `requested` shows by how much.)
 */
export const PortfolioRejectionSchema = z.object({
  barIndex: z.number().int(),
  time: z.number(),
  symbol: z.string(),
  side: SideSchema,
  requested: z.number(),
  reason: z.string(),
});
export type PortfolioRejection = z.infer<typeof PortfolioRejectionSchema>;

/** A rebalance decision at a bar's close (its orders fill at each instrument's next open). */
export const RebalanceRecordSchema = z.object({
  barIndex: z.number().int(),
  time: z.number(),
  /** Target weights, in the order of the run's symbols. */
  targets: z.array(z.number()),
  /** Weights held at the decision bar's close, before the orders. */
  before: z.array(z.number()),
  /** max |before − target| over the instruments. */
  maxDrift: z.number(),
  /** True when the drift threshold skipped it: no orders were placed. */
  skipped: z.boolean(),
});
export type RebalanceRecord = z.infer<typeof RebalanceRecordSchema>;
