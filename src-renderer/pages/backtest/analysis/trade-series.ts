import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import { binEdges, countIntoBins, integerBinEdges } from './bins.ts';
import { toneOfPnl, type CountSeries, type Tone } from '../../../ui/plot/plot-style.ts';

/**
 * The trade plots' data, straight from the trades (docs/metrics.md: the distribution, the holding
 * time and the MAE/MFE scatter are not part of the saved analysis). Returns and excursions are in
 * percent, the unit their axes are labelled in.
 */

export interface Distribution {
  edges: number[];
  /** Wins, losses and — only when there are any — trades at exactly zero, stacked in that order. */
  series: CountSeries[];
}

/** Histogram of the trades' returns in percent, split into wins and losses by net P&L. */
export function returnDistribution(trades: readonly Trade[]): Distribution {
  const percent = (t: Trade) => t.returnPct * 100;
  return stackedByOutcome(trades, binEdges(trades.map(percent)), percent);
}

/** Histogram of bars held, in bins of whole bars. */
export function holdingDistribution(trades: readonly Trade[]): Distribution {
  const bars = (t: Trade) => t.barsHeld;
  return stackedByOutcome(trades, integerBinEdges(trades.map(bars)), bars);
}

/** Mean return in percent; 0 for no trades. */
export function meanReturnPercent(trades: readonly Trade[]): number {
  if (trades.length === 0) return 0;
  return (trades.reduce((sum, t) => sum + t.returnPct, 0) / trades.length) * 100;
}

export interface ExcursionPoint {
  trade: Trade;
  /** The excursion as a percent of the entry price (≥ 0). */
  excursion: number;
  /** The trade's return in percent. */
  returnPercent: number;
  tone: Tone;
}

/**
 * Sweeney's MAE/MFE view: each trade's maximum adverse (or favourable) excursion — per unit, so
 * divided by the entry price to compare trades of different sizes and prices — against its final
 * return. Trades without a positive entry price have no such ratio and are left out.
 */
export function excursionPoints(trades: readonly Trade[], kind: 'mae' | 'mfe'): ExcursionPoint[] {
  return trades
    .filter((t) => t.entryPrice > 0)
    .map((t) => ({
      trade: t,
      excursion: ((kind === 'mae' ? t.mae : t.mfe) / t.entryPrice) * 100,
      returnPercent: t.returnPct * 100,
      tone: toneOfPnl(t.pnl),
    }));
}

function stackedByOutcome(trades: readonly Trade[], edges: number[], value: (t: Trade) => number): Distribution {
  const of = (tone: Tone) => trades.filter((t) => toneOfPnl(t.pnl) === tone).map(value);
  const series: CountSeries[] = [
    { name: 'wins', tone: 'gain', counts: countIntoBins(of('gain'), edges) },
    { name: 'losses', tone: 'loss', counts: countIntoBins(of('loss'), edges) },
  ];
  const flat = of('neutral');
  if (flat.length > 0) series.push({ name: 'at zero', tone: 'neutral', counts: countIntoBins(flat, edges) });
  return { edges, series };
}
