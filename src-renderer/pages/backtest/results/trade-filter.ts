import type { Trade } from '../../../../src-shared/domain/backtest.ts';

export interface TradeFilter {
  direction: 'all' | 'long' | 'short';
  outcome: 'all' | 'win' | 'loss';
  /** Only trades whose return (fraction) is at least / at most this; null: no bound. */
  minReturn: number | null;
  maxReturn: number | null;
}

export const ALL_TRADES: TradeFilter = { direction: 'all', outcome: 'all', minReturn: null, maxReturn: null };

export type TradeSortKey = 'id' | 'entryTime' | 'pnl' | 'returnPct' | 'barsHeld' | 'mae' | 'mfe';
export interface TradeSort {
  key: TradeSortKey;
  descending: boolean;
}

/** The trades the filter lets through, in the order asked (ties keep the run's order). */
export function filterTrades(trades: readonly Trade[], f: TradeFilter, sort: TradeSort): Trade[] {
  const kept = trades.filter(
    (t) =>
      (f.direction === 'all' || t.direction === f.direction) &&
      (f.outcome === 'all' || (f.outcome === 'win' ? t.pnl > 0 : t.pnl < 0)) &&
      (f.minReturn === null || t.returnPct >= f.minReturn) &&
      (f.maxReturn === null || t.returnPct <= f.maxReturn),
  );
  const sign = sort.descending ? -1 : 1;
  return kept.sort((a, b) => sign * (a[sort.key] - b[sort.key]) || a.id - b.id);
}
