import type { PacingRule } from './pacing.ts';
import type { StreamStats } from './streams.ts';

export type ParamValue = string | number | boolean;

/** One request as the fake answered it (server clock). */
export interface RequestRecord {
  readonly time: number;
  readonly clientId: number;
  /** EClient's name for it: REQ_HISTORICAL_DATA, CANCEL_REAL_TIME_BARS, … */
  readonly message: string;
  readonly reqId: number | null;
  /** `conId symbol` when resolved, else the fields asked for; null for requests without a contract. */
  readonly contract: string | null;
  readonly params: Readonly<Record<string, ParamValue>>;
  /**
   * 'ok', 'error <code>' (the answer was that TWS error), 'pacing <rule>', 'unsupported', 'ignored'
   * (TWS sends nothing back, e.g. cancelling an unknown stream), 'cancelled'.
   */
  readonly outcome: string;
}

export interface ClientRecord {
  readonly clientId: number;
  readonly serverVersion: number;
  /** The range the client announced, e.g. `100..193`. */
  readonly announced: string;
  readonly connectedAt: number;
  readonly remotePort: number;
}

export interface TwsStats {
  readonly requests: readonly RequestRecord[];
  readonly pacingViolations: number;
  readonly pacingByRule: Readonly<Partial<Record<PacingRule, number>>>;
  readonly streams: StreamStats;
  /** Clients connected now, with their negotiated server version. */
  readonly clients: readonly ClientRecord[];
  /** Handshakes refused (version range above the server's, or client id already in use). */
  readonly refusedConnections: number;
  /** Messages the fake could not read (bad framing or fields): each one is logged. */
  readonly unreadable: readonly string[];
}

const MAX_RECORDS = 20_000;

/** Keeps what tests assert on; the server feeds it. */
export class StatsRecorder {
  private requests: RequestRecord[] = [];
  private violations = 0;
  private byRule: Partial<Record<PacingRule, number>> = {};
  private refused = 0;
  private unreadable: string[] = [];

  request(record: RequestRecord): void {
    this.requests.push(record);
    if (this.requests.length > MAX_RECORDS) this.requests = this.requests.slice(-MAX_RECORDS / 2);
  }

  pacingViolation(rule: PacingRule): void {
    this.violations++;
    this.byRule[rule] = (this.byRule[rule] ?? 0) + 1;
  }

  refusedConnection(): void {
    this.refused++;
  }

  unreadableMessage(what: string): void {
    this.unreadable.push(what);
    if (this.unreadable.length > 1000) this.unreadable = this.unreadable.slice(-500);
  }

  snapshot(streams: StreamStats, clients: readonly ClientRecord[]): TwsStats {
    return {
      requests: [...this.requests], pacingViolations: this.violations, pacingByRule: { ...this.byRule }, streams, clients: [...clients],
      refusedConnections: this.refused, unreadable: [...this.unreadable],
    };
  }

  reset(): void {
    this.requests = [];
    this.violations = 0;
    this.byRule = {};
    this.refused = 0;
    this.unreadable = [];
  }
}
