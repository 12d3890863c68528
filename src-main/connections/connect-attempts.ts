import type { CircuitBreaker } from './circuit-breaker.ts';
import { withDeadline, type Clock, type Timer } from './clock.ts';
import { formatDuration } from './log-lines.ts';
import { SourceError, type MarketDataSource } from './market-data-source.ts';

export interface ConnectAttemptsDeps {
  readonly clock: Clock;
  readonly source: MarketDataSource;
  readonly breaker: CircuitBreaker;
  /** How long one `source.connect()` may take. */
  readonly timeoutMs: number;
  /** Resolves when the source's previous close() is done: connecting over a closing client races it. */
  readonly closing: () => Promise<void>;
  /** An attempt starts now (the countdown is over). */
  readonly onTrying: (attempt: number) => void;
  readonly onSuccess: (attempt: number) => void;
  readonly onFailure: (attempt: number, error: unknown) => void;
  /** A bug surfaced in a timer-started attempt, where no caller is waiting to receive it. */
  readonly onBug: (error: unknown) => void;
}

/**
 * The connect attempts of one connection: now (`run`) or after a countdown (`schedule`), through
 * the circuit breaker and with a deadline. `cancel()` drops everything under way: a pending
 * countdown, and the outcome of an attempt in flight (which is aborted).
 */
export class ConnectAttempts {
  private timer: Timer | null = null;
  private abort: AbortController | null = null;
  private running: Promise<void> | null = null;
  /** Bumped by cancel(): an attempt of an older generation reports nothing. */
  private generation = 0;

  constructor(private readonly deps: ConnectAttemptsDeps) {}

  /** The attempt in flight, if any. */
  get inFlight(): Promise<void> | null {
    return this.running;
  }

  /** Tries now (a countdown still pending is dropped); resolves once the outcome is reported. */
  run(attempt: number): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    const run = this.attempt(attempt).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  schedule(attempt: number, delayMs: number): void {
    this.timer?.cancel();
    this.timer = this.deps.clock.schedule(delayMs, () => {
      this.timer = null;
      this.run(attempt).catch(this.deps.onBug);
    });
  }

  cancel(reason: unknown): void {
    this.generation += 1;
    this.timer?.cancel();
    this.timer = null;
    this.abort?.abort(reason);
  }

  private async attempt(attempt: number): Promise<void> {
    const generation = this.generation;
    const { clock, source, breaker, timeoutMs } = this.deps;
    this.deps.onTrying(attempt);
    await this.deps.closing();
    if (generation !== this.generation) return;
    const abort = new AbortController();
    this.abort = abort;
    const timeout = (): Error => new SourceError('network', `${source.venue} did not answer within ${formatDuration(timeoutMs)}`);
    try {
      await breaker.run(() => withDeadline(clock, timeoutMs, abort.signal, (signal) => source.connect(signal), timeout), abort.signal);
    } catch (error) {
      if (generation === this.generation) this.deps.onFailure(attempt, error);
      return;
    } finally {
      if (this.abort === abort) this.abort = null;
    }
    if (generation === this.generation) this.deps.onSuccess(attempt);
  }
}
