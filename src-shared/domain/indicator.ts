import { z } from 'zod';
import { TimeframeSchema } from './timeframe.ts';

/** Bar fields an indicator may read. */
export const PRICE_INPUTS = ['open', 'high', 'low', 'close', 'volume'] as const;
export const PriceInputSchema = z.enum(PRICE_INPUTS);
export type PriceInput = z.infer<typeof PriceInputSchema>;

export const INDICATOR_GROUPS = ['trend', 'momentum', 'volatility', 'volume', 'bands', 'pattern', 'other'] as const;

/** One typed parameter of an indicator; the UI form and validation come from this. */
export const IndicatorParamSchema = z.discriminatedUnion('type', [
  z.object({
    name: z.string(),
    label: z.string(),
    type: z.literal('int'),
    default: z.number().int(),
    min: z.number().int(),
    max: z.number().int(),
  }),
  z.object({
    name: z.string(),
    label: z.string(),
    type: z.literal('float'),
    default: z.number(),
    min: z.number(),
    max: z.number(),
    step: z.number().positive(),
  }),
  z.object({
    name: z.string(),
    label: z.string(),
    type: z.literal('choice'),
    default: z.string(),
    choices: z.array(z.string()).min(1),
  }),
]);
export type IndicatorParam = z.infer<typeof IndicatorParamSchema>;

export const IndicatorOutputSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** How a chart draws it: a line, a histogram (MACD histogram, volume-like), or a 0/1 signal. */
  style: z.enum(['line', 'histogram', 'signal']),
});
export type IndicatorOutput = z.infer<typeof IndicatorOutputSchema>;

/** A catalogue entry: everything a UI or strategy needs to offer and validate an indicator. */
export const IndicatorDescriptorSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string(),
  group: z.enum(INDICATOR_GROUPS),
  inputs: z.array(PriceInputSchema),
  params: z.array(IndicatorParamSchema),
  outputs: z.array(IndicatorOutputSchema).min(1),
  /** Drawn over the price (moving averages, bands) or in a pane of its own (oscillators). */
  placement: z.enum(['overlay', 'pane']),
  /**
   * Where the numbers come from: our exact kernels, trading-signals, technicalindicators, or
   * Candlewick's own incremental code where both libraries miss TA-Lib's definition (PSAR).
   */
  engine: z.enum(['kernel', 'trading-signals', 'technicalindicators', 'candlewick']),
  /** Fixed levels a pane shows as guides (RSI 30/70). */
  levels: z.array(z.number()).default([]),
  description: z.string(),
});
export type IndicatorDescriptor = z.output<typeof IndicatorDescriptorSchema>;

export const IndicatorParamsSchema = z.record(z.string().max(40), z.union([z.number().finite(), z.string().max(40)]));
export type IndicatorParams = z.infer<typeof IndicatorParamsSchema>;

/** A fuzzy set over one output: triangular (a ≤ b ≤ c) or trapezoidal (a ≤ b ≤ c ≤ d). */
export const FuzzySetSchema = z.discriminatedUnion('shape', [
  z.object({ name: z.string().min(1).max(40), output: z.string(), shape: z.literal('triangle'), points: z.tuple([z.number(), z.number(), z.number()]) }),
  z.object({
    name: z.string().min(1).max(40),
    output: z.string(),
    shape: z.literal('trapezoid'),
    points: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  }),
]).refine((s) => s.points.every((p, i) => i === 0 || s.points[i - 1]! <= p), {
  message: 'fuzzy set points must be in ascending order',
  path: ['points'],
});
export type FuzzySet = z.infer<typeof FuzzySetSchema>;

/** One indicator as configured on a chart, in a preset or by a strategy. */
export const IndicatorConfigSchema = z.object({
  id: z.string().min(1).max(40),
  params: IndicatorParamsSchema.default({}),
  /** Compute on this higher timeframe and align to the chart without look-ahead. */
  timeframe: TimeframeSchema.optional(),
  fuzzy: z.array(FuzzySetSchema).max(12).default([]),
});
export type IndicatorConfig = z.output<typeof IndicatorConfigSchema>;

/** Computed values: one Float64Array per output, NaN where there is no value yet (warm-up). */
export interface IndicatorValues {
  readonly outputs: Record<string, Float64Array>;
  /** Membership degrees 0..1 per fuzzy set name, NaN where the output is NaN. */
  readonly fuzzy: Record<string, Float64Array>;
}
