import { z } from 'zod';
import {
  ConnectionIdSchema, ConnectionLogEntrySchema, ConnectionSettingsSchema, ConnectionStatusSchema,
  ConnectionSummarySchema, CredentialsSchema, MarketSchema,
} from '../domain/connection.ts';
import type { RequestDef } from './define.ts';

export const ConnectionTestResultSchema = z.object({
  ok: z.boolean(),
  /** Round trip of the test request, ms (null when the venue did not answer). */
  latencyMs: z.number().nullable(),
  /** Markets the venue listed. */
  markets: z.number().int().nonnegative(),
  /** What happened, readable: "Connected to binance: 1,412 markets in 84 ms" or why not. */
  message: z.string(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResultSchema>;

const byId = z.object({ connectionId: ConnectionIdSchema }).strict();

export const connectionRequests = {
  'connections.list': {
    summary: 'Every connection with its settings (never its keys) and live status.',
    input: z.object({}).strict(),
    output: z.array(ConnectionSummarySchema),
  },
  'connections.save': {
    summary: 'Create a connection (no id) or change one; keys, when given, go only to the encrypted secrets store.',
    input: z
      .object({
        connectionId: ConnectionIdSchema.optional(),
        settings: ConnectionSettingsSchema,
        /** New keys; omitted keeps the stored ones, null removes them. */
        credentials: CredentialsSchema.nullable().optional(),
      })
      .strict(),
    output: ConnectionSummarySchema,
  },
  'connections.remove': {
    summary: 'Disconnect and delete a connection and its keys; its stored bars stay.',
    input: byId,
    output: z.object({ removed: z.boolean() }),
  },
  'connections.test': {
    summary: 'Try settings (saved or not) against the venue: reachability, latency, market count.',
    input: z
      .object({
        connectionId: ConnectionIdSchema.optional(),
        settings: ConnectionSettingsSchema,
        credentials: CredentialsSchema.nullable().optional(),
      })
      .strict(),
    output: ConnectionTestResultSchema,
  },
  'connections.connect': {
    summary: 'Connect (and keep reconnecting) until told to disconnect.',
    input: byId,
    output: ConnectionStatusSchema,
  },
  'connections.disconnect': {
    summary: 'Disconnect and stop reconnecting; live subscriptions are kept for the next connect.',
    input: byId,
    output: ConnectionStatusSchema,
  },
  'connections.log': {
    summary: 'The connection log, newest first: state changes, errors, rate limits, resubscriptions.',
    input: z.object({ connectionId: ConnectionIdSchema, limit: z.number().int().positive().max(1000).default(200) }).strict(),
    output: z.array(ConnectionLogEntrySchema),
  },
  'connections.markets': {
    summary: 'Markets the venue lists, filtered by a search text (symbol, base or quote).',
    input: z
      .object({
        connectionId: ConnectionIdSchema,
        search: z.string().trim().max(64).default(''),
        limit: z.number().int().positive().max(5000).default(200),
      })
      .strict(),
    output: z.object({ total: z.number().int().nonnegative(), markets: z.array(MarketSchema) }),
  },
} satisfies Record<string, RequestDef>;

export const connectionEvents = {
  'connections.status': ConnectionStatusSchema,
  'connections.log': ConnectionLogEntrySchema,
  /** Added, changed or removed. */
  'connections.changed': z.object({ connectionIds: z.array(ConnectionIdSchema) }),
};
