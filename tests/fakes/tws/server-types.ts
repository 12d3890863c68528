import type { TwsFaults } from './faults.ts';
import type { Instrument } from './instruments.ts';
import type { TwsStats } from './stats.ts';

export interface FakeTwsOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Port of the HTTP control endpoint: 0 (default) picks one, null runs none. */
  readonly controlPort?: number | null;
  /** The highest server version offered (default 193); clients get min(their max, this). */
  readonly serverVersion?: number;
  /** The server clock: history ends at it, streams follow it, pacing counts by it. */
  readonly now?: () => number;
  /** Where history starts (ms or date text); default 2015-01-01T00:00Z. */
  readonly origin?: number | string;
  /** Real-time bar subscriptions open at once, over all clients (default 100). */
  readonly maxMarketDataLines?: number;
  /** Tick-by-tick subscriptions open at once (default 5, what a base IB account gets). */
  readonly maxTickByTick?: number;
  /** IB's historical pacing rules (default true); off, only the forced violations of the faults apply. */
  readonly enforcePacing?: boolean;
  /** Historical requests open at once per client (default 50). */
  readonly maxOpenHistorical?: number;
  readonly accounts?: string;
  readonly firstOrderId?: number;
  /** How often streams check the clock, ms (default 100). */
  readonly streamTickMs?: number;
  readonly instruments?: readonly Instrument[];
  /** Where unsupported and unreadable requests are logged (default console.warn). */
  readonly log?: (line: string) => void;
}

export interface FakeTws {
  readonly host: string;
  readonly port: number;
  /** `GET|POST {controlUrl}/faults`, `GET|DELETE {controlUrl}/stats`; null without a control server. */
  readonly controlUrl: string | null;
  readonly serverVersion: number;
  readonly origin: number;
  readonly instruments: readonly Instrument[];
  readonly faults: TwsFaults;
  /** The instrument with this conId or local symbol (`AAPL`, `EUR.USD`, `ESZ6`). */
  instrument(key: number | string): Instrument;
  stats(): TwsStats;
  resetStats(): void;
  /** Sends every stream message the clock has passed, now, instead of at the next timer tick. */
  pumpStreams(): void;
  close(): Promise<void>;
}
