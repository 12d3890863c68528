import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { IndicatorConfig } from '../../src-shared/domain/indicator.ts';
import { alignColumns, alignIndex } from './align.ts';
import { resolveConfig } from './catalogue/index.ts';
import { fuzzyColumns } from './fuzzy.ts';
import type { IndicatorColumns } from './types.ts';

export interface ComputeRequest {
  readonly key: string;
  readonly config: IndicatorConfig;
}

export interface ComputePayload {
  /** The chart's bars: the whole history up to the requested end. */
  readonly bars: BarColumns;
  readonly timeframe: string;
  /** Bars of each higher timeframe a configuration asks for, keyed by timeframe. */
  readonly higher: Record<string, BarColumns>;
  readonly indicators: readonly ComputeRequest[];
  /** Which chart bars to return, [start, end); the values are computed over all of them. */
  readonly range: { readonly start: number; readonly end: number };
}

export interface ComputedIndicator {
  readonly key: string;
  readonly outputs: IndicatorColumns;
  readonly fuzzy: IndicatorColumns;
}

/**
 * Computes indicators over columnar bars: each on its own timeframe (a higher one is aligned to
 * the chart without look-ahead), fuzzy memberships over its outputs, then the requested range.
 * Pure: the same in a worker, a test or the CLI.
 */
export function computeIndicators(payload: ComputePayload, progress: (done: number, total: number, phase: string) => void = () => {}): ComputedIndicator[] {
  const { bars, indicators, range } = payload;
  const aligned = new Map<string, Int32Array>();
  return indicators.map(({ key, config }, i) => {
    progress(i, indicators.length, `Computing ${config.id}`);
    const { definition, params } = resolveConfig(config, `indicators[${i}].config`);
    let outputs: IndicatorColumns;
    if (config.timeframe && config.timeframe !== payload.timeframe) {
      const higher = payload.higher[config.timeframe];
      if (!higher) throw new Error(`no ${config.timeframe} bars were given for indicators[${i}]`);
      let index = aligned.get(config.timeframe);
      if (!index) {
        index = alignIndex(bars.time, payload.timeframe, higher.time, config.timeframe);
        aligned.set(config.timeframe, index);
      }
      outputs = alignColumns(index, definition.batch(higher, params));
    } else {
      outputs = definition.batch(bars, params);
    }
    const fuzzy = fuzzyColumns(config.fuzzy ?? [], outputs);
    return { key, outputs: sliceAll(outputs, range), fuzzy: sliceAll(fuzzy, range) };
  });
}

/** Copies (not views), so each column owns its buffer and can be transferred. */
function sliceAll(columns: IndicatorColumns, range: ComputePayload['range']): IndicatorColumns {
  const out: IndicatorColumns = {};
  for (const [id, column] of Object.entries(columns)) out[id] = column.slice(range.start, range.end);
  return out;
}
