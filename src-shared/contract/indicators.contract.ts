import { z } from 'zod';
import { EpochMsSchema, Float64ColumnSchema } from '../domain/bars.ts';
import { ChartIndicatorSchema } from '../domain/chart.ts';
import { IndicatorConfigSchema, IndicatorDescriptorSchema } from '../domain/indicator.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import type { RequestDef } from './define.ts';
import { InstrumentIdSchema } from './instruments.contract.ts';


export const IndicatorRequestSchema = z.object({
  /** The caller's key for this result (a chart's indicator key). */
  key: z.string().min(1).max(40),
  config: IndicatorConfigSchema,
});

export const IndicatorComputeInputSchema = z
  .object({
    instrumentId: InstrumentIdSchema,
    timeframe: TimeframeSchema,
    /** Values are computed over the whole history up to `to` (exact), then the range is returned. */
    from: EpochMsSchema.optional(),
    to: EpochMsSchema.optional(),
    limit: z.number().int().positive().max(10_000_000).optional(),
    indicators: z.array(IndicatorRequestSchema).min(1).max(40),
  })
  .strict();

export const IndicatorResultSchema = z.object({
  key: z.string(),
  /** One column per output id, aligned with `time`; NaN where there is no value (warm-up). */
  outputs: z.record(z.string(), Float64ColumnSchema),
  /** Membership degrees per fuzzy set name. */
  fuzzy: z.record(z.string(), Float64ColumnSchema),
});

export const IndicatorComputeOutputSchema = z.object({
  time: Float64ColumnSchema,
  results: z.array(IndicatorResultSchema),
});
export type IndicatorComputeOutput = z.infer<typeof IndicatorComputeOutputSchema>;

export const PresetSchema = z.object({
  name: z.string().trim().min(1).max(60),
  indicators: z.array(ChartIndicatorSchema).max(40),
  updatedAt: z.number(),
});
export type Preset = z.infer<typeof PresetSchema>;

export const indicatorRequests = {
  'indicators.catalogue': {
    summary: 'Every indicator with its inputs, typed parameters (defaults and ranges), outputs and placement.',
    input: z.object({}).strict(),
    output: z.array(IndicatorDescriptorSchema),
  },
  'indicators.compute': {
    summary: 'Compute indicators for an instrument and timeframe (multi-timeframe and fuzzy sets included).',
    input: IndicatorComputeInputSchema,
    output: IndicatorComputeOutputSchema,
  },
  'presets.list': {
    summary: 'Saved indicator presets of the workspace.',
    input: z.object({}).strict(),
    output: z.array(PresetSchema),
  },
  'presets.save': {
    summary: 'Save (or replace) a named set of indicators.',
    input: z.object({ name: z.string().trim().min(1).max(60), indicators: z.array(ChartIndicatorSchema).max(40) }).strict(),
    output: PresetSchema,
  },
  'presets.remove': {
    summary: 'Delete a preset by name.',
    input: z.object({ name: z.string().trim().min(1).max(60) }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
} satisfies Record<string, RequestDef>;

export const indicatorEvents = {
  'presets.changed': z.object({ names: z.array(z.string()) }),
};
