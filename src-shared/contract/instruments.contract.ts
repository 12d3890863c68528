import { z } from 'zod';
import { InstrumentSchema } from '../domain/instrument.ts';
import type { RequestDef } from './define.ts';

export const InstrumentIdSchema = z.number().int().positive();

export const instrumentRequests = {
  'instruments.list': {
    summary: 'Every instrument with its stored series (timeframe, bar count, first and last bar).',
    input: z.object({}).strict(),
    output: z.array(InstrumentSchema),
  },
  'instruments.remove': {
    summary: 'Delete an instrument and all its bars in one transaction.',
    input: z.object({ instrumentId: InstrumentIdSchema }).strict(),
    output: z.object({ removedBars: z.number().int().nonnegative() }),
  },
} satisfies Record<string, RequestDef>;

export const instrumentEvents = {
  'instruments.changed': z.object({ instrumentIds: z.array(InstrumentIdSchema) }),
};
