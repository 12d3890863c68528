import type { BreakerState } from '../../src-shared/domain/connection.ts';
import { isAbortError, type Clock } from './clock.ts';
import { SourceError } from './market-data-source.ts';

export interface BreakerSettings {
  /** Consecutive failures that open the breaker. */
  readonly failureThreshold: number;
  /** How long it stays open before one probe is let through. */
  readonly openSeconds: number;
}

/** Thrown instead of calling the venue while the breaker is open (or its one probe is out). */
export class BreakerOpenError extends Error {
  constructor(
    readonly venue: string,
    /** When a call may be tried again (ms since the epoch). */
    readonly retryAt: number,
  ) {
    super(`${venue}: not calling the venue, the circuit breaker is open until ${new Date(retryAt).toISOString()}`);
    this.name = 'BreakerOpenError';
  }
}

/**
 * Whether a failure says the venue is unwell. Network, server, malformed-data and rate-limit errors
 * do; a refused request or refused keys do not — the venue answered, we asked wrong. An error that
 * is not a SourceError was not classified by the source, so it is assumed to be the venue's.
 */
export function countsAgainstVenue(error: unknown): boolean {
  if (error instanceof SourceError) return error.kind !== 'request' && error.kind !== 'auth';
  return true;
}

/**
 * Closed → (failureThreshold consecutive failures) → open → (openSeconds later, on the next call)
 * half-open with exactly one probe in flight → closed on its success, open again on its failure.
 * The open → half-open step happens when a call arrives, so an idle breaker holds no timer.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private probeAt = 0;

  constructor(
    private readonly venue: string,
    private readonly settings: BreakerSettings,
    private readonly clock: Clock,
    private readonly onStateChange: (to: BreakerState, from: BreakerState) => void = () => {},
  ) {
    if (!Number.isInteger(settings.failureThreshold) || settings.failureThreshold < 1) {
      throw new RangeError(`breaker failureThreshold must be a positive integer, got ${settings.failureThreshold}`);
    }
    if (!(settings.openSeconds > 0)) throw new RangeError(`breaker openSeconds must be positive, got ${settings.openSeconds}`);
  }

  get state(): BreakerState {
    return this.current;
  }

  /** While open: when the next call will be let through as a probe; otherwise null. */
  get retryAt(): number | null {
    return this.current === 'open' ? this.probeAt : null;
  }

  /** Runs `fn` unless the breaker refuses it (then rejects with {@link BreakerOpenError} without calling). */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.admit();
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.recordFailure(error, signal);
      throw error;
    }
    this.recordSuccess();
    return result;
  }

  private admit(): void {
    if (this.current === 'half-open') {
      // The probe is out; until it answers nobody else goes.
      throw new BreakerOpenError(this.venue, this.clock.now() + this.settings.openSeconds * 1000);
    }
    if (this.current === 'open') {
      if (this.clock.now() < this.probeAt) throw new BreakerOpenError(this.venue, this.probeAt);
      this.move('half-open');
    }
  }

  private recordSuccess(): void {
    this.failures = 0;
    if (this.current !== 'closed') this.move('closed');
  }

  private recordFailure(error: unknown, signal?: AbortSignal): void {
    if (isAbortError(error, signal)) {
      // A cancelled probe proved nothing: let the next call probe straight away.
      if (this.current === 'half-open') this.open(this.clock.now());
      return;
    }
    if (!countsAgainstVenue(error)) {
      this.recordSuccess();
      return;
    }
    this.failures += 1;
    if (this.current === 'half-open' || this.failures >= this.settings.failureThreshold) {
      this.open(this.clock.now() + this.settings.openSeconds * 1000);
    }
  }

  private open(probeAt: number): void {
    this.probeAt = probeAt;
    if (this.current !== 'open') this.move('open');
  }

  private move(to: BreakerState): void {
    const from = this.current;
    this.current = to;
    this.onStateChange(to, from);
  }
}
