import type { Trade } from '../../../src-shared/domain/backtest.ts';

/**
 * Each trade's return on the account: its net pnl over the closed-trade equity before it,
 *   fᵢ = pnlᵢ / Eᵢ₋₁,  Eᵢ = Eᵢ₋₁ + pnlᵢ,  E₋₁ = initialCash,
 * in the order given — the engine's, by exit, the position still open at the end last. Compounding the fᵢ in that order gives back
 * initialCash + Σ pnl exactly (up to rounding), which is what makes them the right unit to resample:
 * unlike `Trade.returnPct` (pnl over the position's value), fᵢ carries the position size, so a trade
 * that risked 10 % of the account moves a simulated account by the same share.
 *
 * For trades that do not overlap, Eᵢ₋₁ is the equity at the trade's entry. Overlapping trades (pyramids,
 * several instruments) are each measured against the equity closed before them, an approximation.
 * The position still open at the end (valued at the last close) counts like the others, as in the
 * metrics. If the closed equity reaches ≤ 0 the account is ruined and the later trades are left out.
 */
export function tradeReturnsOnEquity(trades: readonly Trade[], initialCash: number): Float64Array {
  const out = new Float64Array(trades.length);
  let equity = initialCash;
  let n = 0;
  for (const trade of trades) {
    if (!(equity > 0)) break;
    const pnl = trade.pnl;
    out[n++] = pnl / equity;
    equity += pnl;
  }
  return n === out.length ? out : out.slice(0, n);
}
