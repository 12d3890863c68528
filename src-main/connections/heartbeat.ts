import { isAbortError, type Clock, type Timer } from './clock.ts';
import { describeError, formatDuration } from './log-lines.ts';

/** A live stream silent this many heartbeats, while subscribed, counts as lost (socket open, no data). */
export const STALL_HEARTBEATS = 3;

export interface HeartbeatDeps {
  readonly clock: Clock;
  readonly intervalMs: number;
  /** One round trip to the venue; resolves with its latency in ms. */
  readonly ping: (signal: AbortSignal) => Promise<number>;
  /** Since when the live streams have been silent, or null when none runs. */
  readonly quietSince: () => number | null;
  readonly onLatency: (ms: number) => void;
  /** A stall or a failed ping (`why` is readable, whole). */
  readonly onLost: (why: string, error: unknown) => void;
}

/**
 * While a connection is live: every `intervalMs`, check the streams for a stall and ping the venue
 * (one ping at a time; a ping still out when the next beat comes is not doubled). A failed ping or
 * a stall is reported once through `onLost`, and the heartbeat stops.
 */
export class Heartbeat {
  private timer: Timer | null = null;
  private session: AbortController | null = null;
  private pingOut = false;

  constructor(private readonly deps: HeartbeatDeps) {}

  start(): void {
    this.stop();
    this.session = new AbortController();
    this.schedule();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
    this.session?.abort(new DOMException('Heartbeat stopped', 'AbortError'));
    this.session = null;
    this.pingOut = false;
  }

  private schedule(): void {
    this.timer = this.deps.clock.schedule(this.deps.intervalMs, () => this.beat());
  }

  private beat(): void {
    this.timer = null;
    const session = this.session;
    if (!session) return;
    const quiet = this.deps.quietSince();
    const silentMs = quiet === null ? 0 : this.deps.clock.now() - quiet;
    if (silentMs >= STALL_HEARTBEATS * this.deps.intervalMs) {
      const why = `the live streams have been silent for ${formatDuration(silentMs)} (stalled)`;
      this.lose(why, new Error(why));
      return;
    }
    this.schedule();
    if (!this.pingOut) void this.ping(session.signal);
  }

  private async ping(signal: AbortSignal): Promise<void> {
    this.pingOut = true;
    try {
      const latency = await this.deps.ping(signal);
      if (signal.aborted) return;
      this.deps.onLatency(latency);
    } catch (error) {
      if (signal.aborted || isAbortError(error, signal)) return;
      this.lose(`the heartbeat failed: ${describeError(error)}`, error);
    } finally {
      if (!signal.aborted) this.pingOut = false;
    }
  }

  private lose(why: string, error: unknown): void {
    this.stop();
    this.deps.onLost(why, error);
  }
}
