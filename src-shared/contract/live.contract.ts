import { z } from 'zod';
import { ConnectionIdSchema } from '../domain/connection.ts';
import { TimeframeSchema } from '../domain/timeframe.ts';
import type { RequestDef } from './define.ts';
import { InstrumentIdSchema } from './instruments.contract.ts';

export const SubscriptionIdSchema = z.string().regex(/^sub_[A-Za-z0-9_-]{6,40}$/, 'not a subscription id');

/** A live symbol: trades streamed from a connection, built into bars, stored as they complete. */
export const LiveSubscriptionSchema = z.object({
  subscriptionId: SubscriptionIdSchema,
  connectionId: ConnectionIdSchema,
  symbol: z.string(),
  instrumentId: InstrumentIdSchema,
  /** Bars built and stored for each, lowest first; the chart's `bars.updated` carry this id as streamId. */
  timeframes: z.array(TimeframeSchema),
  /** Trades used, bars completed, trades rejected by reason (late, bad price…), catch-up bars fetched. */
  trades: z.number().int().nonnegative(),
  barsCompleted: z.number().int().nonnegative(),
  rejected: z.record(z.string(), z.number().int().nonnegative()),
  caughtUp: z.number().int().nonnegative(),
  lastTradeAt: z.number().nullable(),
  /**
   * Why the venue refused this symbol's stream (IB's market-data line limit, no data subscription),
   * readable; it stays until the stream runs again. Absent or null while all is well.
   */
  problem: z.string().nullable().optional(),
});
export type LiveSubscription = z.infer<typeof LiveSubscriptionSchema>;

export const liveRequests = {
  'live.subscribe': {
    summary: 'Stream a symbol live from a connection: bars of the timeframes built, stored and pushed as bars.updated.',
    input: z
      .object({
        connectionId: ConnectionIdSchema,
        symbol: z.string().trim().min(1).max(64),
        timeframes: z.array(TimeframeSchema).min(1).max(8).default(['1m' as never]),
      })
      .strict(),
    output: LiveSubscriptionSchema,
  },
  'live.unsubscribe': {
    summary: 'Stop streaming a symbol; bars already stored stay.',
    input: z.object({ subscriptionId: SubscriptionIdSchema }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  'live.list': {
    summary: 'Live subscriptions with their counters.',
    input: z.object({}).strict(),
    output: z.array(LiveSubscriptionSchema),
  },
} satisfies Record<string, RequestDef>;

export const liveEvents = {
  'live.changed': z.object({ subscriptionIds: z.array(SubscriptionIdSchema) }),
};
