/**
 * Shared geometry and colours of the SVG plots (backtest analysis, optimization). Every plot draws
 * into the same viewBox, so the cards line up in the grid and text keeps one size relative to the
 * plot as the card scales.
 * Colours are Mantine CSS variables, so the plots follow the light and dark schemes by themselves.
 */

export const VIEW_WIDTH = 400;
export const VIEW_HEIGHT = 220;
export const MARGIN = { top: 14, right: 14, bottom: 40, left: 54 } as const;

/** The plotting area inside the axes, in viewBox units. */
export const AREA = {
  left: MARGIN.left,
  right: VIEW_WIDTH - MARGIN.right,
  top: MARGIN.top,
  bottom: VIEW_HEIGHT - MARGIN.bottom,
} as const;

export type Tone = 'gain' | 'loss' | 'neutral';

export const TONE_COLOR: Record<Tone, string> = {
  gain: 'var(--mantine-color-teal-filled)',
  loss: 'var(--mantine-color-red-filled)',
  neutral: 'var(--mantine-color-gray-filled)',
};

/** One stacked layer of a histogram (wins, losses, …), counted over shared bin edges. */
export interface CountSeries {
  /** Plural noun for tooltips: "wins". */
  name: string;
  tone: Tone;
  counts: readonly number[];
}

export const INK = {
  axis: 'var(--mantine-color-default-border)',
  grid: 'var(--mantine-color-default-border)',
  label: 'var(--mantine-color-dimmed)',
  reference: 'var(--mantine-color-text)',
} as const;

export const FONT = { tick: 10, axis: 11 } as const;

/** Win, loss or neither (pnl exactly 0), the same split as the trade statistics (docs/metrics.md). */
export function toneOfPnl(pnl: number): Tone {
  return pnl > 0 ? 'gain' : pnl < 0 ? 'loss' : 'neutral';
}
