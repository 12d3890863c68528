import type { PeriodReturn } from '../../../../src-shared/domain/metrics.ts';
import { quantileSorted, sortedAscending } from './quantile.ts';

/**
 * The year × month grid of the monthly-returns heatmap and its colour scale. The grid is built from
 * the metrics' period tables, which leave out periods without bars: those cells stay empty (null),
 * while a period whose return is undefined (after ruin) is a cell with a null value.
 */

export interface HeatmapCell {
  /** `2024-03` or `2024`, as in the period table. */
  period: string;
  /** The period's return as a fraction; null when undefined (ruin). */
  value: number | null;
  /** Position on the colour scale, −1 (deepest red) … 0 (no tint) … +1 (deepest green). */
  intensity: number;
}

export interface HeatmapRow {
  year: number;
  /** Twelve entries, January first; null for a month without bars. */
  months: (HeatmapCell | null)[];
  /** The calendar year's return, or null when the yearly table has no row for it. */
  total: HeatmapCell | null;
}

export interface HeatmapModel {
  /** Ascending by year. */
  rows: HeatmapRow[];
  /** |return| at which the month and year colours saturate. */
  monthBound: number;
  yearBound: number;
}

/**
 * The colour scale saturates at this quantile of |return|, so one crash month does not wash every
 * other month out to near-white.
 */
export const CLIP_QUANTILE = 0.95;

export function buildHeatmap(monthly: readonly PeriodReturn[], yearly: readonly PeriodReturn[]): HeatmapModel {
  // Months and years get separate scales: a year's return is typically several months' worth and
  // would saturate on the monthly scale.
  const monthBound = colourBound(monthly.map((p) => p.return));
  const yearBound = colourBound(yearly.map((p) => p.return));
  const rows = new Map<number, HeatmapRow>();
  const rowOf = (year: number): HeatmapRow => {
    let row = rows.get(year);
    if (!row) {
      row = { year, months: new Array<HeatmapCell | null>(12).fill(null), total: null };
      rows.set(year, row);
    }
    return row;
  };
  for (const p of monthly) {
    if (p.month === null) continue;
    rowOf(p.year).months[p.month - 1] = cell(p, monthBound);
  }
  for (const p of yearly) rowOf(p.year).total = cell(p, yearBound);
  return { rows: [...rows.values()].sort((a, b) => a.year - b.year), monthBound, yearBound };
}

/** The CLIP_QUANTILE (type 7) of |return| over the defined returns; 0 when there are none. */
export function colourBound(returns: readonly (number | null)[]): number {
  const magnitudes = returns.filter((r): r is number => r !== null).map(Math.abs);
  if (magnitudes.length === 0) return 0;
  return quantileSorted(sortedAscending(magnitudes), CLIP_QUANTILE);
}

/** `value / bound` clipped to [−1, 1]; 0 for an undefined value or a zero bound (all returns 0). */
export function intensityOf(value: number | null, bound: number): number {
  if (value === null || !(bound > 0)) return 0;
  return Math.max(-1, Math.min(1, value / bound));
}

/**
 * Strongest tint, as a share of the gain/loss colour mixed into the page background. Measured in
 * both of Mantine's schemes with `--mantine-color-bright` text: at 60 % white on dark teal/red and
 * black on light teal/red all stay above 4.5 : 1 contrast.
 */
export const MAX_TINT_PERCENT = 60;

/** The cell's background: gain or loss colour mixed into the page background by |intensity|. */
export function cellBackground(intensity: number): string | undefined {
  const percent = Math.round(Math.min(1, Math.abs(intensity)) * MAX_TINT_PERCENT);
  if (percent === 0) return undefined;
  const colour = intensity > 0 ? 'var(--mantine-color-teal-filled)' : 'var(--mantine-color-red-filled)';
  return `color-mix(in srgb, ${colour} ${percent}%, var(--mantine-color-body))`;
}

function cell(p: PeriodReturn, bound: number): HeatmapCell {
  return { period: p.period, value: p.return, intensity: intensityOf(p.return, bound) };
}
