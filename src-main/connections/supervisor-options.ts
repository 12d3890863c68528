import type { ConnectionLogEntry, ConnectionSettings, ConnectionStatus } from '../../src-shared/domain/connection.ts';
import type { RandomSource } from './backoff.ts';
import type { Clock } from './clock.ts';
import type { MarketDataSource } from './market-data-source.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** What the supervisor reads of a connection's settings. */
export type SupervisedSettings = Pick<ConnectionSettings, 'heartbeatSeconds' | 'backoff' | 'breaker' | 'requestsPerMinute'>;

export type LogLevel = ConnectionLogEntry['level'];

/** The limit of a private limiter when the settings give none: cautious on purpose. */
export const FALLBACK_REQUESTS_PER_MINUTE = 60;

export interface SupervisorOptions {
  /** Put into every emitted status. */
  readonly connectionId: string;
  readonly settings: SupervisedSettings;
  readonly source: MarketDataSource;
  /** Every change of the status (not every message: lastMessageAt alone does not emit). */
  readonly onStatus?: (status: ConnectionStatus) => void;
  /** Readable lines for the connection log (never a key: see `redact`). */
  readonly onLog?: (level: LogLevel, message: string) => void;
  readonly clock?: Clock;
  /** Jitter draws, [0, 1); Math.random by default. */
  readonly random?: RandomSource;
  /**
   * The venue host's shared limiter (from a RateLimiterRegistry). When omitted the connection gets
   * a limiter of its own at `settings.requestsPerMinute` (or {@link FALLBACK_REQUESTS_PER_MINUTE}).
   */
  readonly limiter?: RateLimiter;
  /** How long one connect attempt may take (default: 3 heartbeats). */
  readonly connectTimeoutMs?: number;
  /** Blanks secrets out of log lines and the status' lastError: a second line of defence. */
  readonly redact?: (text: string) => string;
}
