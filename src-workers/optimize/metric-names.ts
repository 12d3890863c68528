import { z } from 'zod';
import { MetricsSchema, type Metrics } from '../../src-shared/domain/metrics.ts';

export type Direction = 'maximize' | 'minimize';

/** The metrics of one evaluated set as the runner stores them: scalar S5 metrics by name, null when undefined. */
export type MetricsRow = Readonly<Record<string, number | null>>;

/**
 * Drawdowns are depths ≤ 0 in the metrics (−0.3 = 30 % below the peak), but a trader says "max
 * drawdown under 25 %": formulas, constraints and the objective read them as positive magnitudes
 * (`maxDrawdown < 0.25`). The absolute value is taken, so a row holding either form reads the same.
 */
export const DRAWDOWN_MAGNITUDES: ReadonlySet<string> = new Set(['maxDrawdown', 'averageDrawdown']);

/**
 * Every scalar metric a row may carry: the number fields of {@link MetricsSchema}; `maxDrawdown` (its
 * depth) with `maxDrawdownDurationBars` and `maxDrawdownDurationMs` in its place; and `netProfit` =
 * finalEquity − initialCash (currency), which the schema lacks.
 */
export const METRIC_NAMES: readonly string[] = Object.entries(MetricsSchema.shape).flatMap(([name, schema]) => {
  if (name === 'maxDrawdown') return ['maxDrawdown', 'maxDrawdownDurationBars', 'maxDrawdownDurationMs'];
  return (schema instanceof z.ZodNullable ? schema.unwrap() : schema) instanceof z.ZodNumber ? [name] : [];
}).concat('netProfit');

/**
 * Which way is better for the metrics where that is clear. The rest (tradeCount, exposure, beta, bars …)
 * can still be an objective, with the direction given explicitly.
 */
export const METRIC_DIRECTIONS: Readonly<Record<string, Direction>> = {
  totalReturn: 'maximize', cagr: 'maximize', sharpe: 'maximize', sortino: 'maximize', calmar: 'maximize',
  alpha: 'maximize', finalEquity: 'maximize', netProfit: 'maximize', grossProfit: 'maximize',
  profitFactor: 'maximize', winRate: 'maximize', winCount: 'maximize', expectancy: 'maximize', payoffRatio: 'maximize',
  averageWin: 'maximize', largestWin: 'maximize', longestWinStreak: 'maximize',
  // Losses are negative numbers: the larger (closer to 0), the better.
  averageLoss: 'maximize', largestLoss: 'maximize',
  annualVolatility: 'minimize', maxDrawdown: 'minimize', averageDrawdown: 'minimize', drawdownCount: 'minimize',
  var95: 'minimize', var99: 'minimize', cvar95: 'minimize', cvar99: 'minimize',
  maxDrawdownDurationBars: 'minimize', maxDrawdownDurationMs: 'minimize',
  grossLoss: 'minimize', lossCount: 'minimize', longestLossStreak: 'minimize', turnover: 'minimize', annualTurnover: 'minimize',
};

/**
 * The row of a backtest's metrics: every name of {@link METRIC_NAMES}, `maxDrawdown` as its depth
 * (≤ 0) and `netProfit` = finalEquity − initialCash. (The batch evaluator's rows carry the same names
 * but netProfit, which {@link readMetric} then derives.)
 */
export function metricsRow(metrics: Metrics, initialCash: number): Record<string, number | null> {
  const row: Record<string, number | null> = {};
  const source = metrics as unknown as Record<string, unknown>;
  for (const name of METRIC_NAMES) {
    const value = source[name];
    row[name] = typeof value === 'number' ? value : null;
  }
  row.maxDrawdown = metrics.maxDrawdown.depth;
  row.maxDrawdownDurationBars = metrics.maxDrawdown.durationBars;
  row.maxDrawdownDurationMs = metrics.maxDrawdown.durationMs;
  row.netProfit = metrics.finalEquity - initialCash;
  return row;
}

/**
 * One metric as formulas read it: NaN when missing, null or not finite; drawdowns as magnitudes;
 * `netProfit` from finalEquity − initialCash when the row lacks it (initialCash then recovered from
 * totalReturn = finalEquity / initialCash − 1 when not given).
 */
export function readMetric(name: string, row: MetricsRow, initialCash?: number): number {
  let value = row[name];
  if ((value === undefined || value === null) && name === 'netProfit') value = netProfitOf(row, initialCash);
  if (typeof value !== 'number' || !Number.isFinite(value)) return NaN;
  return DRAWDOWN_MAGNITUDES.has(name) ? Math.abs(value) : value;
}

function netProfitOf(row: MetricsRow, initialCash: number | undefined): number | null {
  const finalEquity = row.finalEquity;
  if (typeof finalEquity !== 'number') return null;
  if (initialCash !== undefined) return finalEquity - initialCash;
  const totalReturn = row.totalReturn;
  if (typeof totalReturn !== 'number' || totalReturn === -1) return null;
  return finalEquity - finalEquity / (1 + totalReturn);
}
