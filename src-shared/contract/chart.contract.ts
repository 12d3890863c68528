import { z } from 'zod';
import { ChartLayoutSchema } from '../domain/chart.ts';
import type { RequestDef } from './define.ts';
import { InstrumentIdSchema } from './instruments.contract.ts';

export const WatchlistSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  instrumentIds: z.array(InstrumentIdSchema),
});
export type Watchlist = z.infer<typeof WatchlistSchema>;

export const chartRequests = {
  'layout.get': {
    summary: 'The chart layout saved in this workspace, or null before the first save.',
    input: z.object({}).strict(),
    output: ChartLayoutSchema.nullable(),
  },
  'layout.save': {
    summary: 'Save the chart layout (symbol, timeframe, indicators, panes) for this workspace.',
    input: z.object({ layout: ChartLayoutSchema }).strict(),
    output: z.object({ saved: z.literal(true) }),
  },
  'watchlists.list': {
    summary: 'Watchlists of this workspace.',
    input: z.object({}).strict(),
    output: z.array(WatchlistSchema),
  },
  'watchlists.save': {
    summary: 'Create (no id) or replace (id) a watchlist.',
    input: z
      .object({
        id: z.number().int().positive().optional(),
        name: z.string().trim().min(1).max(60),
        instrumentIds: z.array(InstrumentIdSchema).max(500),
      })
      .strict(),
    output: WatchlistSchema,
  },
  'watchlists.remove': {
    summary: 'Delete a watchlist.',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
} satisfies Record<string, RequestDef>;

export const chartEvents = {
  'watchlists.changed': z.object({ ids: z.array(z.number().int()) }),
};
