import { z } from 'zod';

/** Venues a connection can reach today. ccxt covers many exchanges; these are the ones we test and list. */
export const CCXT_EXCHANGES = ['binance', 'coinbase', 'kraken', 'bybit', 'okx'] as const;
export const CcxtExchangeSchema = z.enum(CCXT_EXCHANGES);
export type CcxtExchange = z.infer<typeof CcxtExchangeSchema>;

export const SOURCE_KINDS = ['ccxt', 'yahoo', 'ib', 'alpaca'] as const;
export const SourceKindSchema = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const ConnectionIdSchema = z.string().regex(/^con_[A-Za-z0-9_-]{6,40}$/, 'not a connection id');

const httpUrl = z
  .string()
  .trim()
  .url('not a URL')
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://');
const wsUrl = z
  .string()
  .trim()
  .url('not a URL')
  .refine((u) => /^wss?:\/\//.test(u), 'must start with ws:// or wss://');

/** The circuit breaker: opens after `failureThreshold` failures in a row, probes again after `openSeconds`. */
export const BreakerSettingsSchema = z.object({
  failureThreshold: z.number().int().min(1).max(100).default(5),
  openSeconds: z.number().min(1).max(3600).default(30),
});

/** Exponential backoff with full jitter between reconnect attempts. */
export const BackoffSettingsSchema = z.object({
  initialMs: z.number().int().min(50).max(60_000).default(1_000),
  maxMs: z.number().int().min(100).max(600_000).default(60_000),
  /** Attempts before the connection is reported down (it keeps retrying at maxMs after that). */
  attemptsBeforeDown: z.number().int().min(1).max(1000).default(8),
});

/** Interactive Brokers: where TWS / IB Gateway listens, and which API client id this app uses. */
export const IbSettingsSchema = z
  .object({
    host: z.string().trim().min(1, 'host is empty').max(253).default('127.0.0.1'),
    /** 7497 TWS paper, 7496 TWS live, 4002 / 4001 IB Gateway paper / live. */
    port: z.number().int().min(1).max(65_535).default(7497),
    /** Unique per TWS instance: two applications with one client id lock each other out (error 326). */
    clientId: z.number().int().min(0).max(2_147_483_647).default(17),
    /**
     * Live symbols from 5-second real-time bars (one market-data line each) or from tick-by-tick
     * trades (exact, but accounts get only a few tick-by-tick lines).
     */
    live: z.enum(['bars', 'ticks']).default('bars'),
    /** History of regular trading hours only (stocks), as the market calendars expect. */
    regularHoursOnly: z.boolean().default(true),
  })
  .strict();
export type IbSettings = z.output<typeof IbSettingsSchema>;

/** Alpaca: the account kind (its trading endpoint) and the market-data feed the plan includes. */
export const AlpacaSettingsSchema = z
  .object({
    environment: z.enum(['paper', 'live']).default('paper'),
    /** IEX comes with every account; SIP (all US exchanges) needs a data subscription. */
    feed: z.enum(['iex', 'sip']).default('iex'),
  })
  .strict();
export type AlpacaSettings = z.output<typeof AlpacaSettingsSchema>;

/** Everything about a connection but its keys, as stored in the workspace. */
export const ConnectionSettingsSchema = z
  .object({
    name: z.string().trim().min(1, 'name is empty').max(64),
    kind: SourceKindSchema,
    /** ccxt only: which exchange. */
    exchange: CcxtExchangeSchema.optional(),
    /**
     * Where the venue is, when not at its public address (a self-hosted gateway, a local fake).
     * `rest` replaces the REST (market data) base URL, `ws` the websocket URL, `trading` Alpaca's
     * trading API (account, clock, calendar, assets).
     */
    urls: z.object({ rest: httpUrl.optional(), ws: wsUrl.optional(), trading: httpUrl.optional() }).strict().default({}),
    /** Interactive Brokers only. */
    ib: IbSettingsSchema.optional(),
    /** Alpaca only. */
    alpaca: AlpacaSettingsSchema.optional(),
    /** Requests per minute this connection may make (the venue's published limit by default). */
    requestsPerMinute: z.number().int().min(1).max(100_000).optional(),
    /** Seconds between heartbeats; a stream silent for 3 heartbeats is treated as lost. */
    heartbeatSeconds: z.number().min(1).max(300).default(15),
    /** Polling sources (Yahoo): seconds between polls while the market is open. */
    pollSeconds: z.number().min(5).max(3600).default(60),
    breaker: BreakerSettingsSchema.default({ failureThreshold: 5, openSeconds: 30 }),
    backoff: BackoffSettingsSchema.default({ initialMs: 1_000, maxMs: 60_000, attemptsBeforeDown: 8 }),
    /** Priority when several sources serve one instrument: lower fills gaps first. */
    priority: z.number().int().min(0).max(100).default(10),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.kind === 'ccxt' && s.exchange === undefined) {
      ctx.addIssue({ code: 'custom', path: ['exchange'], message: 'a ccxt connection needs an exchange' });
    }
    if (s.kind !== 'ccxt' && s.exchange !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['exchange'], message: `a ${s.kind} connection has no exchange` });
    }
    if (s.kind === 'ib' && s.ib === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ib'], message: 'an Interactive Brokers connection needs a host, port and client id' });
    }
    if (s.kind !== 'ib' && s.ib !== undefined) ctx.addIssue({ code: 'custom', path: ['ib'], message: `a ${s.kind} connection has no IB settings` });
    if (s.kind !== 'alpaca' && s.alpaca !== undefined) ctx.addIssue({ code: 'custom', path: ['alpaca'], message: `a ${s.kind} connection has no Alpaca settings` });
    if (s.backoff.maxMs < s.backoff.initialMs) {
      ctx.addIssue({ code: 'custom', path: ['backoff', 'maxMs'], message: 'maxMs is below initialMs' });
    }
  });
export type ConnectionSettings = z.output<typeof ConnectionSettingsSchema>;
export type ConnectionSettingsInput = z.input<typeof ConnectionSettingsSchema>;

/** API keys: written once, kept encrypted in the secrets store, never sent back. */
export const CredentialsSchema = z
  .object({
    apiKey: z.string().trim().min(1).max(512),
    secret: z.string().trim().min(1).max(1024),
    password: z.string().max(256).optional(),
  })
  .strict();
export type Credentials = z.infer<typeof CredentialsSchema>;

export const CONNECTION_STATES = ['disconnected', 'connecting', 'live', 'reconnecting', 'down'] as const;
export const ConnectionStateSchema = z.enum(CONNECTION_STATES);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const BreakerStateSchema = z.enum(['closed', 'open', 'half-open']);
export type BreakerState = z.infer<typeof BreakerStateSchema>;

/** A connection's state as the UI shows it. */
export const ConnectionStatusSchema = z.object({
  connectionId: ConnectionIdSchema,
  state: ConnectionStateSchema,
  /** When the state was entered (ms since the epoch). */
  since: z.number(),
  /** While reconnecting: when the next attempt starts (for a countdown); else null. */
  retryAt: z.number().nullable(),
  /** Reconnect attempts since the connection was last live. */
  attempt: z.number().int().nonnegative(),
  breaker: BreakerStateSchema,
  /** The last error, readable, never holding a key. */
  lastError: z.string().nullable(),
  /** Live subscriptions (resubscribed after every reconnect). */
  subscriptions: z.number().int().nonnegative(),
  /** Round trip of the last heartbeat, ms. */
  latencyMs: z.number().nullable(),
  lastMessageAt: z.number().nullable(),
  /** Times the connection came back after a loss since it was connected. */
  reconnects: z.number().int().nonnegative(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

export const ConnectionSummarySchema = z.object({
  id: ConnectionIdSchema,
  settings: ConnectionSettingsSchema,
  hasCredentials: z.boolean(),
  createdAt: z.number(),
  status: ConnectionStatusSchema,
});
export type ConnectionSummary = z.infer<typeof ConnectionSummarySchema>;

export const ConnectionLogEntrySchema = z.object({
  connectionId: ConnectionIdSchema,
  at: z.number(),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});
export type ConnectionLogEntry = z.infer<typeof ConnectionLogEntrySchema>;

export const MarketSchema = z.object({
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  active: z.boolean(),
  type: z.string(),
});
