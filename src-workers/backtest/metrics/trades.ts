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
  const tally = new TradeTally();
  for (const t of trades) tally.add(t.pnl, t.open);
  return tally.stats();
}

/**
 * {@link tradeStats} kept as trades come, one at a time in the same order: the engine tallies them
 * as they close when it keeps no trade objects (the optimizer), with the same additions.
 */
export class TradeTally {
  private count = 0;
  private wins = 0;
  private losses = 0;
  private open = 0;
  private grossProfit = 0;
  private grossLoss = 0;
  private total = 0;
  private largestWin = -Infinity;
  private largestLoss = Infinity;
  private winRun = 0;
  private lossRun = 0;
  private longestWin = 0;
  private longestLoss = 0;

  add(pnl: number, open: boolean): void {
    this.count++;
    if (open) this.open++;
    this.total += pnl;
    if (pnl > 0) {
      this.wins++;
      this.grossProfit += pnl;
      if (pnl > this.largestWin) this.largestWin = pnl;
      this.lossRun = 0;
      if (++this.winRun > this.longestWin) this.longestWin = this.winRun;
    } else if (pnl < 0) {
      this.losses++;
      this.grossLoss -= pnl;
      if (pnl < this.largestLoss) this.largestLoss = pnl;
      this.winRun = 0;
      if (++this.lossRun > this.longestLoss) this.longestLoss = this.lossRun;
    } else {
      this.winRun = 0;
      this.lossRun = 0;
    }
  }

  stats(): TradeStats {
    const { count: n, wins, losses, grossProfit, grossLoss } = this;
    const averageWin = wins > 0 ? grossProfit / wins : null;
    const averageLoss = losses > 0 ? -grossLoss / losses : null;
    return {
      tradeCount: n,
      openTradeCount: this.open,
      winCount: wins,
      lossCount: losses,
      winRate: n > 0 ? wins / n : null,
      grossProfit,
      grossLoss,
      profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
      expectancy: n > 0 ? this.total / n : null,
      payoffRatio: averageWin !== null && averageLoss !== null ? averageWin / -averageLoss : null,
      averageWin,
      averageLoss,
      largestWin: wins > 0 ? this.largestWin : null,
      largestLoss: losses > 0 ? this.largestLoss : null,
      longestWinStreak: this.longestWin,
      longestLossStreak: this.longestLoss,
    };
  }
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
