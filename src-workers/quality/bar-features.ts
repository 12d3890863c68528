import type { BarColumns } from '../../src-shared/domain/bars.ts';

/** The features the isolation forest sees, per bar: how it moved, how wide, how busy, what shape. */
export const BAR_FEATURE_NAMES = ['logReturn', 'logRange', 'logVolumeChange', 'bodyToRange'] as const;
export const BAR_FEATURE_COUNT = BAR_FEATURE_NAMES.length;

export interface BarFeatures {
  /** Row-major: row k holds the features of bar `rows[k]`. */
  values: Float64Array;
  /** The bar index of each row; bars without usable features (the first bar, broken bars) have none. */
  rows: Int32Array;
}

function usable(bars: BarColumns, i: number): boolean {
  const o = bars.open[i]!, h = bars.high[i]!, l = bars.low[i]!, c = bars.close[i]!, v = bars.volume[i]!;
  return o > 0 && h > 0 && l > 0 && c > 0 && h >= l && Number.isFinite(o + h + l + c) && v >= 0 && Number.isFinite(v);
}

/**
 * Features of every bar whose own and previous bar are usable:
 * log(close / previous close), log(high / low), log((1 + volume) / (1 + previous volume)) and
 * (close − open) / (high − low) (0 for a bar with high = low).
 */
export function barFeatures(bars: BarColumns): BarFeatures {
  const n = bars.time.length;
  const rows = new Int32Array(n);
  let m = 0;
  for (let i = 1; i < n; i++) if (usable(bars, i) && usable(bars, i - 1)) rows[m++] = i;
  const values = new Float64Array(m * BAR_FEATURE_COUNT);
  for (let k = 0; k < m; k++) {
    const i = rows[k]!;
    const range = bars.high[i]! - bars.low[i]!;
    const at = k * BAR_FEATURE_COUNT;
    values[at] = Math.log(bars.close[i]! / bars.close[i - 1]!);
    values[at + 1] = Math.log(bars.high[i]! / bars.low[i]!);
    values[at + 2] = Math.log1p(bars.volume[i]!) - Math.log1p(bars.volume[i - 1]!);
    values[at + 3] = range > 0 ? (bars.close[i]! - bars.open[i]!) / range : 0;
  }
  return { values, rows: rows.slice(0, m) };
}
