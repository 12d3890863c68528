import { z } from 'zod';
import { BarColumnsSchema, EpochMsSchema } from '../domain/bars.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import type { RequestDef } from './define.ts';
import { InstrumentIdSchema } from './instruments.contract.ts';


export const BarQuerySchema = z
  .object({
    instrumentId: InstrumentIdSchema,
    timeframe: TimeframeSchema,
    /** Inclusive bounds on bar open time, ms since the epoch. */
    from: EpochMsSchema.optional(),
    to: EpochMsSchema.optional(),
    /** Keep only the last `limit` bars of the range (what a chart shows first). */
    limit: z.number().int().positive().max(10_000_000).optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

export const BarSeriesSchema = z.object({
  instrumentId: InstrumentIdSchema,
  timeframe: TimeframeSchema,
  /** The stored timeframe the bars were aggregated from, when they were resampled on the fly. */
  resampledFrom: TimeframeSchema.nullable(),
  bars: BarColumnsSchema,
});
export type BarSeries = z.infer<typeof BarSeriesSchema>;

export const barRequests = {
  'bars.query': {
    summary: 'Bars of one instrument and timeframe as typed-array columns; higher timeframes are resampled.',
    input: BarQuerySchema,
    output: BarSeriesSchema,
  },
} satisfies Record<string, RequestDef>;
