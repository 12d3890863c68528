import type { z } from 'zod';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { IndicatorDescriptor, IndicatorParams } from '../../src-shared/domain/indicator.ts';

/** One bar handed to a streaming indicator. */
export interface BarInput {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * An indicator fed bar by bar (live data, replay). `add` appends a closed or new bar; `replace`
 * swaps the last bar (the forming bar changed). After either, `values` holds one number per output
 * (in `outputs` order), NaN while warming up. The values equal the batch computation's, bar for bar.
 */
export interface StreamingIndicator {
  readonly outputs: readonly string[];
  readonly values: Float64Array;
  add(bar: BarInput): void;
  replace(bar: BarInput): void;
}

/** Outputs of a batch computation: one column per output id, NaN during warm-up. */
export type IndicatorColumns = Record<string, Float64Array>;

/** Everything the core needs to offer, validate and compute one indicator of the catalogue. */
export interface IndicatorDefinition {
  readonly descriptor: IndicatorDescriptor;
  /** Validates and completes parameters (defaults filled, ranges checked, cross-rules like fast < slow). */
  readonly params: z.ZodType<IndicatorParams>;
  batch(bars: BarColumns, params: IndicatorParams): IndicatorColumns;
  stream(params: IndicatorParams): StreamingIndicator;
}
