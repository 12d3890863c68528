/**
 * The optimization page's plots: presentational components over the optimizer's results, drawn with
 * the shared SVG primitives of src-renderer/ui/plot. Data preparation lives in the .ts models beside
 * them, which the unit tests exercise.
 */
export { BestSoFarChart, type BestSoFarChartProps } from './BestSoFarChart.tsx';
export { MonteCarloPlot, type MonteCarloPlotProps } from './MonteCarloPlot.tsx';
export { ParamHeatmap, type ParamHeatmapProps } from './ParamHeatmap.tsx';
export { StitchedEquityChart, type StitchedEquityChartProps } from './StitchedEquityChart.tsx';
export type { SearchPoint } from './best-so-far.ts';
export type { Direction, ParamRow, ParamValue } from './param-grid.ts';
export { surfaceHighlight, surfaceRows } from './surface-rows.ts';
