import type { Metrics } from '../../../../src-shared/domain/metrics.ts';
import { formatDuration } from '../../../ui/format.ts';
import { formatMoney, formatNumber, formatPercent } from '../format.ts';

/** One line of the metrics table: how to read it from the metrics, and how to show it. */
export interface MetricRow {
  readonly label: string;
  readonly group: 'Return' | 'Risk' | 'Trades';
  /** What the number means, shown on hover (conventions in docs/metrics.md). */
  readonly hint: string;
  value(m: Metrics): number | null;
  format(x: number | null): string;
  /** Which way is better, for highlighting the best of compared runs (none: not comparable so). */
  readonly better?: 'higher' | 'lower';
}

const pct = (x: number | null) => formatPercent(x);
/** A size or share rather than a change (volatility, VaR as a loss, exposure, win rate): no sign. */
const size = (x: number | null) => (x === null ? '—' : formatPercent(Math.abs(x)).replace(/^\+/, ''));
const ratio = (x: number | null) => formatNumber(x, 2);
const count = (x: number | null) => (x === null ? '—' : String(x));
const days = (x: number | null) => (x === null ? '—' : x >= 86_400_000 ? `${Math.round(x / 86_400_000)} days` : formatDuration(x));

export const METRIC_ROWS: readonly MetricRow[] = [
  { group: 'Return', label: 'Final equity', hint: 'Cash plus the open position at the last close', value: (m) => m.finalEquity, format: formatMoney, better: 'higher' },
  { group: 'Return', label: 'Total return', hint: 'Final equity / initial cash − 1', value: (m) => m.totalReturn, format: pct, better: 'higher' },
  { group: 'Return', label: 'Buy and hold', hint: 'The benchmark: all in at the first bar, held to the end', value: (m) => m.benchmarkReturn, format: pct },
  { group: 'Return', label: 'CAGR', hint: 'Compound annual growth, years of 365.25 days', value: (m) => m.cagr, format: pct, better: 'higher' },
  { group: 'Return', label: 'Alpha', hint: "Jensen's alpha against buy and hold, annualized", value: (m) => m.alpha, format: pct, better: 'higher' },
  { group: 'Return', label: 'Beta', hint: 'OLS slope of bar returns on the benchmark', value: (m) => m.beta, format: ratio },
  { group: 'Risk', label: 'Sharpe', hint: 'Mean excess bar return / sample SD, annualized', value: (m) => m.sharpe, format: ratio, better: 'higher' },
  { group: 'Risk', label: 'Sortino', hint: 'Downside deviation over all returns, annualized', value: (m) => m.sortino, format: ratio, better: 'higher' },
  { group: 'Risk', label: 'Calmar', hint: 'CAGR / |max drawdown|', value: (m) => m.calmar, format: ratio, better: 'higher' },
  { group: 'Risk', label: 'Volatility', hint: 'Sample SD of bar returns, annualized', value: (m) => m.annualVolatility, format: size, better: 'lower' },
  { group: 'Risk', label: 'Max drawdown', hint: 'Deepest fall from a running peak', value: (m) => m.maxDrawdown.depth, format: pct, better: 'higher' },
  { group: 'Risk', label: 'Max DD duration', hint: 'From the peak to the recovery (or to the end)', value: (m) => m.maxDrawdown.durationMs, format: days, better: 'lower' },
  { group: 'Risk', label: 'Average drawdown', hint: 'Mean depth of the drawdown episodes', value: (m) => m.averageDrawdown, format: pct, better: 'higher' },
  { group: 'Risk', label: 'VaR 95 %', hint: 'Historical: the bar loss exceeded 5 % of the time', value: (m) => m.var95, format: size, better: 'lower' },
  { group: 'Risk', label: 'CVaR 95 %', hint: 'Mean bar loss beyond VaR 95 %', value: (m) => m.cvar95, format: size, better: 'lower' },
  { group: 'Risk', label: 'VaR 99 %', hint: 'Historical: the bar loss exceeded 1 % of the time', value: (m) => m.var99, format: size, better: 'lower' },
  { group: 'Risk', label: 'Exposure', hint: 'Share of bars with a position at the close', value: (m) => m.exposure, format: size },
  { group: 'Risk', label: 'Annual turnover', hint: 'Traded value / mean equity, per year', value: (m) => m.annualTurnover, format: ratio },
  { group: 'Trades', label: 'Trades', hint: 'Closed round trips, and the one still open', value: (m) => m.tradeCount, format: count },
  { group: 'Trades', label: 'Win rate', hint: 'Trades with pnl > 0 / all trades', value: (m) => m.winRate, format: size, better: 'higher' },
  { group: 'Trades', label: 'Profit factor', hint: 'Gross profit / gross loss', value: (m) => m.profitFactor, format: ratio, better: 'higher' },
  { group: 'Trades', label: 'Expectancy', hint: 'Mean net pnl per trade', value: (m) => m.expectancy, format: formatMoney, better: 'higher' },
  { group: 'Trades', label: 'Payoff ratio', hint: 'Average win / |average loss|', value: (m) => m.payoffRatio, format: ratio, better: 'higher' },
  { group: 'Trades', label: 'Average win', hint: 'Mean pnl of the wins', value: (m) => m.averageWin, format: formatMoney },
  { group: 'Trades', label: 'Average loss', hint: 'Mean pnl of the losses', value: (m) => m.averageLoss, format: formatMoney },
  { group: 'Trades', label: 'Largest win', hint: 'The best trade', value: (m) => m.largestWin, format: formatMoney },
  { group: 'Trades', label: 'Largest loss', hint: 'The worst trade', value: (m) => m.largestLoss, format: formatMoney },
  { group: 'Trades', label: 'Longest win streak', hint: 'Consecutive wins', value: (m) => m.longestWinStreak, format: count },
  { group: 'Trades', label: 'Longest loss streak', hint: 'Consecutive losses', value: (m) => m.longestLossStreak, format: count, better: 'lower' },
];

/** Index of the best value among compared runs for a row (null: no order, a tie, or fewer than two values). */
export function bestIndex(row: MetricRow, values: readonly (number | null)[]): number | null {
  if (!row.better) return null;
  let best: number | null = null;
  let tie = false;
  values.forEach((v, i) => {
    if (v === null) return;
    const b = best === null ? null : values[best]!;
    if (b === null || (row.better === 'higher' ? v > b : v < b)) {
      best = i;
      tie = false;
    } else if (v === b) tie = true;
  });
  const known = values.filter((v) => v !== null).length;
  return known < 2 || tie ? null : best;
}
