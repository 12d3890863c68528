/**
 * The analysis folder's public surface: the two components the backtest results page mounts. The
 * plotting primitives and data preparation behind them stay internal.
 */
export { MonthlyReturnsHeatmap, type MonthlyReturnsHeatmapProps } from './MonthlyReturnsHeatmap.tsx';
export { TradeAnalysisPlots, type TradeAnalysisPlotsProps } from './TradeAnalysisPlots.tsx';
