import { formatMoney, formatNumber, formatPercent } from '../../backtest/format.ts';

/**
 * The metrics an optimization's tables show beside the parameters and the objective, and how each
 * reads. Every stored metric is still in the CSV export; these are the ones a trader ranks by.
 */
export const RESULT_METRICS: readonly { name: string; label: string }[] = [
  { name: 'sharpe', label: 'Sharpe' },
  { name: 'sortino', label: 'Sortino' },
  { name: 'cagr', label: 'CAGR' },
  { name: 'totalReturn', label: 'Return' },
  { name: 'maxDrawdown', label: 'Max DD' },
  { name: 'profitFactor', label: 'PF' },
  { name: 'winRate', label: 'Win rate' },
  { name: 'tradeCount', label: 'Trades' },
];

const PERCENTS = new Set(['cagr', 'totalReturn', 'maxDrawdown', 'averageDrawdown', 'winRate', 'annualVolatility', 'exposure', 'var95', 'var99', 'cvar95', 'cvar99']);
const MONEY = new Set(['netProfit', 'finalEquity', 'grossProfit', 'grossLoss', 'averageWin', 'averageLoss', 'largestWin', 'largestLoss', 'expectancy']);
const COUNTS = new Set(['tradeCount', 'winCount', 'lossCount', 'drawdownCount', 'bars', 'longestWinStreak', 'longestLossStreak', 'maxDrawdownDurationBars']);

/** One metric's value as the tables show it: fractions as percents, currency with cents, counts whole. */
export function formatMetric(name: string, value: number | null | undefined): string {
  if (PERCENTS.has(name)) return formatPercent(value);
  if (MONEY.has(name)) return formatMoney(value);
  if (COUNTS.has(name)) return formatNumber(value, 0);
  return formatNumber(value, 3);
}

/** The objective as shown: a metric objective in that metric's format, a formula's value to 4 places. */
export function formatObjective(objective: string, value: number | null | undefined): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(objective) ? formatMetric(objective, value) : formatNumber(value, 4);
}
