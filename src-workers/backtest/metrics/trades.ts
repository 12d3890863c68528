import type { Trade } from '../../../src-shared/domain/backtest.ts';
import type { TradeAnalysis, TradeBucket, TradeStats } from '../../../src-shared/domain/metrics.ts';

/**
 * Statistics of the trades' net P&L, in the order given (the engine's: by exit, the position still
 * open at the end last). Wins have pnl > 0, losses pnl < 0; a zero-pnl trade counts as a trade, is
 * neither, and breaks both streaks. The open trade, valued at the last close, is included: it is part
 * of the equity the other metrics measure, and leaving it out would hide a buy-and-hold style
 * strategy's only trade.
 */
export function tradeStats(trades: readonly Trade[]): TradeStats {
  let wins = 0;
  let losses = 0;
  let open = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let total = 0;
  let largestWin = -Infinity;
  let largestLoss = Infinity;
  let winRun = 0;
  let lossRun = 0;
  let longestWin = 0;
  let longestLoss = 0;
  for (const t of trades) {
    if (t.open) open++;
    total += t.pnl;
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
      if (t.pnl > largestWin) largestWin = t.pnl;
      lossRun = 0;
      if (++winRun > longestWin) longestWin = winRun;
    } else if (t.pnl < 0) {
      losses++;
      grossLoss -= t.pnl;
      if (t.pnl < largestLoss) largestLoss = t.pnl;
      winRun = 0;
      if (++lossRun > longestLoss) longestLoss = lossRun;
    } else {
      winRun = 0;
      lossRun = 0;
    }
  }
  const n = trades.length;
  const averageWin = wins > 0 ? grossProfit / wins : null;
  const averageLoss = losses > 0 ? -grossLoss / losses : null;
  return {
    tradeCount: n,
    openTradeCount: open,
    winCount: wins,
    lossCount: losses,
    winRate: n > 0 ? wins / n : null,
    grossProfit,
    grossLoss,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
    expectancy: n > 0 ? total / n : null,
    payoffRatio: averageWin !== null && averageLoss !== null ? averageWin / -averageLoss : null,
    averageWin,
    averageLoss,
    largestWin: wins > 0 ? largestWin : null,
    largestLoss: losses > 0 ? largestLoss : null,
    longestWinStreak: longestWin,
    longestLossStreak: longestLoss,
  };
}

function buckets(count: number, first: number): TradeBucket[] {
  return Array.from({ length: count }, (_, i) => ({ key: first + i, count: 0, winCount: 0, pnl: 0 }));
}

/**
 * {@link tradeStats} plus the trades grouped by the UTC weekday (0 = Sunday), hour and month (1–12)
 * of their entry — when the strategy chose to trade.
 */
export function analyzeTrades(trades: readonly Trade[]): TradeAnalysis {
  const byWeekday = buckets(7, 0);
  const byHour = buckets(24, 0);
  const byMonth = buckets(12, 1);
  for (const t of trades) {
    const d = new Date(t.entryTime);
    for (const b of [byWeekday[d.getUTCDay()]!, byHour[d.getUTCHours()]!, byMonth[d.getUTCMonth()]!]) {
      b.count++;
      b.pnl += t.pnl;
      if (t.pnl > 0) b.winCount++;
    }
  }
  return { ...tradeStats(trades), byWeekday, byHour, byMonth };
}
