import { z } from 'zod';

/**
 * The performance metrics of a backtest (SPEC S5), as saved with a run and sent to the UI. Every
 * formula and convention is in docs/metrics.md. All values are plain numbers; a metric that is
 * undefined for the run (a ratio over zero, a statistic of too few values) is `null`, never NaN or
 * Infinity, which JSON cannot carry. Fractions are fractions (0.12 = 12 %), times are ms UTC.
 */

const int = z.number().int();
const maybe = z.number().nullable();
const maybeInt = z.number().int().nullable();

/**
 * The deepest drawdown of an equity curve. `depth` is the fall from the peak as a fraction ≤ 0
 * (−0.25 = the equity was 25 % below its running peak); 0 when the equity never fell below a peak, with
 * the indices and times then null. The duration runs from the peak to the recovery (the first later
 * bar at or above the peak), or to the last bar when the drawdown never recovered.
 */
export const DrawdownInfoSchema = z.object({
  depth: maybe,
  startIndex: maybeInt,
  startTime: maybe,
  troughIndex: maybeInt,
  troughTime: maybe,
  recoveryIndex: maybeInt,
  recoveryTime: maybe,
  durationBars: maybeInt,
  durationMs: maybe,
});
export type DrawdownInfo = z.infer<typeof DrawdownInfoSchema>;

/**
 * The return of one calendar month or year (UTC): the last equity in the period over the last equity
 * before it (the initial cash for the first period), minus 1; null after ruin (that base ≤ 0).
 * Periods without bars are left out.
 */
export const PeriodReturnSchema = z.object({
  /** `2024-03` for a month, `2024` for a year. */
  period: z.string(),
  year: int,
  /** 1–12, or null in the yearly table. */
  month: z.number().int().min(1).max(12).nullable(),
  /** Time of the first and the last bar in the period. */
  startTime: z.number(),
  endTime: z.number(),
  return: z.number().nullable(),
});
export type PeriodReturn = z.infer<typeof PeriodReturnSchema>;

/**
 * Statistics of the trades' net P&L. A win has pnl > 0, a loss pnl < 0; a trade at exactly 0 counts
 * in `tradeCount` (and so lowers the win rate) but is neither and breaks both streaks. The position
 * still open at the end (`open: true`, valued at the last close) is included, and counted in
 * `openTradeCount`.
 */
export const TradeStatsSchema = z.object({
  tradeCount: int,
  openTradeCount: int,
  winCount: int,
  lossCount: int,
  /** winCount / tradeCount; null with no trades. */
  winRate: maybe,
  /** Σ pnl of wins (≥ 0) and Σ |pnl| of losses (≥ 0). */
  grossProfit: z.number(),
  grossLoss: z.number(),
  /** grossProfit / grossLoss; null without losses. */
  profitFactor: maybe,
  /** Mean pnl per trade (currency); null with no trades. */
  expectancy: maybe,
  /** averageWin / |averageLoss|; null without wins or without losses. */
  payoffRatio: maybe,
  /** Mean pnl of the wins (> 0) and of the losses (< 0); null when there are none. */
  averageWin: maybe,
  averageLoss: maybe,
  /** The largest win (> 0) and the largest loss (the most negative pnl); null when there are none. */
  largestWin: maybe,
  largestLoss: maybe,
  longestWinStreak: int,
  longestLossStreak: int,
});
export type TradeStats = z.infer<typeof TradeStatsSchema>;

/** Trades grouped by a calendar field of their entry time (UTC). */
export const TradeBucketSchema = z.object({
  /** Weekday 0–6 (0 = Sunday), hour 0–23 or month 1–12. */
  key: int,
  count: int,
  winCount: int,
  pnl: z.number(),
});
export type TradeBucket = z.infer<typeof TradeBucketSchema>;

/** {@link TradeStats} plus P&L by weekday (7 rows), hour (24) and month of the year (12) of entry, UTC. */
export const TradeAnalysisSchema = TradeStatsSchema.extend({
  byWeekday: z.array(TradeBucketSchema),
  byHour: z.array(TradeBucketSchema),
  byMonth: z.array(TradeBucketSchema),
});
export type TradeAnalysis = z.infer<typeof TradeAnalysisSchema>;

export const MetricsSchema = z.object({
  /** Number of bars measured and the annualization factor used. */
  bars: int,
  periodsPerYear: z.number(),
  /** Annual risk-free rate used by Sharpe, Sortino and alpha. */
  riskFreeRate: z.number(),
  finalEquity: z.number(),
  /** finalEquity / initialCash − 1; null with no bars. */
  totalReturn: maybe,
  /** The buy-and-hold benchmark's last value / initialCash − 1. */
  benchmarkReturn: maybe,
  /** Compound annual growth from the first to the last bar's time (years of 365.25 days). */
  cagr: maybe,
  /** Sample standard deviation of per-bar returns × √periodsPerYear. */
  annualVolatility: maybe,
  sharpe: maybe,
  sortino: maybe,
  /** cagr / |maxDrawdown.depth|; null without a drawdown. */
  calmar: maybe,
  maxDrawdown: DrawdownInfoSchema,
  /** Mean depth (≤ 0) of the distinct drawdown episodes; 0 when there were none. */
  averageDrawdown: maybe,
  drawdownCount: int,
  /** Historical VaR and CVaR of per-bar returns as positive loss fractions (0.02 = a 2 % loss). */
  var95: maybe,
  var99: maybe,
  cvar95: maybe,
  cvar99: maybe,
  /** Fraction of bars with a position held at the close. */
  exposure: maybe,
  /** tradedValue / mean equity over the run, and that per year. */
  turnover: maybe,
  annualTurnover: maybe,
  /** Jensen's alpha (annualized, ×periodsPerYear) and beta from OLS of per-bar returns on the benchmark's. */
  alpha: maybe,
  beta: maybe,
  ...TradeStatsSchema.shape,
  monthlyReturns: z.array(PeriodReturnSchema),
  yearlyReturns: z.array(PeriodReturnSchema),
});
export type Metrics = z.infer<typeof MetricsSchema>;
