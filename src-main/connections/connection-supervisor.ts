import type { ConnectionStatus } from '../../src-shared/domain/connection.ts';
import { logBug } from '../log.ts';
import { backoffDelay } from './backoff.ts';
import { BreakerOpenError, CircuitBreaker } from './circuit-breaker.ts';
import { systemClock, withDeadline, type Clock } from './clock.ts';
import { ConnectAttempts } from './connect-attempts.ts';
import { ConnectionStatusKeeper } from './connection-state.ts';
import { Heartbeat } from './heartbeat.ts';
import { describeError, formatDuration } from './log-lines.ts';
import { SourceError, type LiveRequest, type MarketDataSource } from './market-data-source.ts';
import { RateLimiter } from './rate-limiter.ts';
import { retryingCall, type CallOptions } from './retrying-call.ts';
import { SubscriptionSet, type SubscriptionHandlers } from './subscriptions.ts';
import { FALLBACK_REQUESTS_PER_MINUTE, type LogLevel, type SupervisedSettings, type SupervisorOptions } from './supervisor-options.ts';

export { FALLBACK_REQUESTS_PER_MINUTE, type SupervisedSettings, type SupervisorOptions } from './supervisor-options.ts';

/**
 * Keeps one market-data source connected: connect through the circuit breaker, back off with
 * jitter between attempts, report `down` after `attemptsBeforeDown` failed attempts (and keep trying
 * at the longest delay), heartbeat while live, resubscribe every stream after a reconnect and
 * report the gap, and put every REST-like request through the venue's rate limiter and breaker.
 * This file holds the lifecycle; the parts are in connect-attempts.ts, heartbeat.ts,
 * subscriptions.ts and retrying-call.ts (docs/connections.md).
 *
 * `attempt` in the status numbers the reconnect attempt scheduled next (1 after the first failure
 * or a loss); past `attemptsBeforeDown` the state is `down`.
 */
export class ConnectionSupervisor {
  private readonly clock: Clock;
  private readonly source: MarketDataSource;
  private readonly settings: SupervisedSettings;
  private readonly keeper: ConnectionStatusKeeper;
  private readonly breaker: CircuitBreaker;
  private readonly limiter: RateLimiter;
  private readonly subs: SubscriptionSet;
  private readonly heartbeat: Heartbeat;
  private readonly attempts: ConnectAttempts;
  private readonly options: SupervisorOptions;
  private readonly redact: (text: string) => string;
  private session: AbortController | null = null;
  private calls = new AbortController();
  /** The source's close() after a loss or disconnect; the next connect waits for it. */
  private closing: Promise<void> = Promise.resolve();
  private liveSinceConnect = false;
  private closed = false;
  /** Requests waiting for the connection to be live (see whenLive). */
  private readonly waiters = new Set<(status: ConnectionStatus) => void>();

  constructor(options: SupervisorOptions) {
    const { source, settings } = options;
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.source = source;
    this.settings = settings;
    this.redact = options.redact ?? ((text) => text);
    const heartbeatMs = settings.heartbeatSeconds * 1000;
    const onStatus = options.onStatus ?? (() => {});
    this.keeper = new ConnectionStatusKeeper(options.connectionId, this.clock.now(), (status) => {
      onStatus(status);
      for (const waiter of [...this.waiters]) waiter(status);
    });
    this.breaker = new CircuitBreaker(source.venue, settings.breaker, this.clock, (to) => this.onBreaker(to));
    this.limiter = options.limiter
      ?? new RateLimiter({ requestsPerMinute: settings.requestsPerMinute ?? FALLBACK_REQUESTS_PER_MINUTE }, this.clock);
    const onLost = (why: string, error: unknown): void => this.lose(why, error);
    const log = (level: LogLevel, message: string): void => this.log(level, message);
    this.subs = new SubscriptionSet({ source, clock: this.clock, onLost, log, onData: (at) => this.keeper.touch(at) });
    this.heartbeat = new Heartbeat({
      clock: this.clock, intervalMs: heartbeatMs, onLost,
      ping: (signal) => this.ping(signal, heartbeatMs),
      // A polling stream is quiet by design between polls; only sockets can stall silently.
      quietSince: () => (source.streamsPoll || source.silenceExpected?.() ? null : this.subs.quietSince()),
      onLatency: (latencyMs) => this.keeper.update({ latencyMs }),
    });
    this.attempts = new ConnectAttempts({
      clock: this.clock, source, breaker: this.breaker, timeoutMs: options.connectTimeoutMs ?? 3 * heartbeatMs,
      closing: () => this.closing,
      onTrying: () => { if (this.keeper.state !== 'connecting') this.keeper.update({ retryAt: null }); },
      onSuccess: (attempt) => this.goLive(attempt),
      onFailure: (attempt, error) => this.attemptFailed(attempt, error),
      onBug: (error) => logBug(`connection supervisor (${source.venue})`, error),
    });
  }

  status(): ConnectionStatus {
    return this.keeper.status;
  }

  /**
   * Connects, and keeps reconnecting until {@link disconnect}. Resolves once the first attempt has
   * an outcome (live, or reconnecting with a countdown). While reconnecting or down it tries at once.
   */
  async connect(): Promise<ConnectionStatus> {
    this.assertOpen();
    const state = this.keeper.state;
    if (state === 'live') return this.status();
    if (this.attempts.inFlight) {
      await this.attempts.inFlight;
      return this.status();
    }
    if (state === 'disconnected') {
      this.liveSinceConnect = false;
      this.keeper.enter('connecting', this.clock.now(), { attempt: 0, retryAt: null, lastError: null, reconnects: 0 });
      this.log('info', `Connecting to ${this.source.venue}`);
    }
    // Down without a countdown means refused (keys, settings): a retry by hand counts from 0 again.
    const { attempt, retryAt } = this.keeper.status;
    await this.attempts.run(state === 'down' && retryAt === null ? 0 : attempt);
    return this.status();
  }

  /** Stops everything (streams, heartbeat, retries, requests in flight); subscriptions are kept. */
  async disconnect(): Promise<ConnectionStatus> {
    const reason = new DOMException(`Disconnected from ${this.source.venue}`, 'AbortError');
    this.attempts.cancel(reason);
    this.endSession(reason);
    this.calls.abort(reason);
    this.calls = new AbortController();
    if (this.keeper.state !== 'disconnected') {
      this.keeper.enter('disconnected', this.clock.now(), { retryAt: null, attempt: 0, latencyMs: null });
      this.log('info', `Disconnected from ${this.source.venue}`);
      this.closing = this.closeSource();
    }
    await this.closing;
    return this.status();
  }

  /** Disconnects for good and forgets the subscriptions; no timer is left behind. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.subs.clear(new DOMException('Connection closed', 'AbortError'));
    this.keeper.update({ subscriptions: 0 });
    await this.disconnect();
  }

  /** A REST-like request: rate limiter → breaker → `fn`, retried with backoff (see retrying-call.ts). */
  call<T>(label: string, fn: (signal: AbortSignal) => Promise<T>, options: CallOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`The ${this.source.venue} connection is closed`));
    // One controller per call, unhooked when it settles: AbortSignal.any would leave a listener on the
    // long-lived connection signal for every request a backfill or live stream ever made.
    const own = new AbortController();
    const parents = [this.calls.signal, ...(options.signal ? [options.signal] : [])];
    const forward = (event: Event): void => own.abort((event.target as AbortSignal).reason);
    for (const parent of parents) {
      if (parent.aborted) own.abort(parent.reason);
      else parent.addEventListener('abort', forward, { once: true });
    }
    const unhook = (): void => {
      for (const parent of parents) parent.removeEventListener('abort', forward);
    };
    const signal = own.signal;
    const deps = {
      clock: this.clock, limiter: this.limiter, breaker: this.breaker, backoff: this.settings.backoff,
      random: this.options.random ?? Math.random, log: (level: LogLevel, message: string) => this.log(level, message),
    };
    return retryingCall(deps, label, (s) => this.whenLive(s).then(() => fn(s)), signal, options).finally(unhook);
  }

  /**
   * Resolves once the connection is live — connecting it when it is disconnected, waiting while it
   * connects or reconnects — so a request never reaches a source that is not open. Rejects when the
   * connection is down (retryable, unless the venue refused our keys or settings) or on abort.
   */
  private whenLive(signal: AbortSignal): Promise<void> {
    const settle = (status: ConnectionStatus): SourceError | 'live' | null => {
      if (status.state === 'live') return 'live';
      if (status.state !== 'down') return null;
      const why = `${this.source.venue} is down${status.lastError ? `: ${status.lastError}` : ''}`;
      return new SourceError(status.retryAt === null ? 'auth' : 'network', why);
    };
    const now = settle(this.status());
    if (now === 'live') return Promise.resolve();
    if (now !== null) return Promise.reject(now);
    if (this.keeper.state === 'disconnected') void this.connect().catch(() => undefined);
    return new Promise<void>((resolve, reject) => {
      const waiter = (status: ConnectionStatus): void => {
        const outcome = settle(status);
        if (outcome === null) return;
        done();
        if (outcome === 'live') resolve();
        else reject(outcome);
      };
      const onAbort = (): void => {
        done();
        reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      };
      const done = (): void => {
        this.waiters.delete(waiter);
        signal.removeEventListener('abort', onAbort);
      };
      if (signal.aborted) return onAbort();
      this.waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Streams `request` whenever the connection is live; survives reconnects and disconnect(). */
  subscribe(request: LiveRequest, handlers: SubscriptionHandlers): string {
    this.assertOpen();
    if (request.symbol.trim() === '') throw new RangeError('A live subscription needs a symbol');
    if (request.kind === 'bars' && request.timeframe === undefined) {
      throw new RangeError(`A bars subscription to ${request.symbol} needs a timeframe`);
    }
    const id = this.subs.add(request, handlers);
    this.keeper.update({ subscriptions: this.subs.size });
    this.log('info', `Subscribed to ${request.symbol} ${request.kind === 'bars' ? `${request.timeframe} bars` : 'trades'}`);
    return id;
  }

  unsubscribe(id: string): boolean {
    const removed = this.subs.remove(id);
    if (removed) this.keeper.update({ subscriptions: this.subs.size });
    return removed;
  }

  private attemptFailed(attempt: number, error: unknown): void {
    const message = this.redact(describeError(error));
    const venue = this.source.venue;
    if (error instanceof BreakerOpenError) {
      // The venue was not asked; the same attempt goes when the breaker lets a probe through.
      const next = Math.max(attempt, 1);
      const wait = error.retryAt - this.clock.now();
      this.log('info', `The circuit breaker is open; attempt ${next} in ${formatDuration(wait)}`);
      this.scheduleAttempt(next, wait, message);
      return;
    }
    if (error instanceof SourceError && !error.retryable) {
      this.keeper.enter('down', this.clock.now(), { retryAt: null, attempt, lastError: message });
      this.log('error', `Cannot connect to ${venue}: ${message}. Not retrying: the settings or keys need changing.`);
      return;
    }
    const next = attempt + 1;
    const delay = this.delayFor(next, error);
    const what = attempt === 0 ? `Connecting to ${venue} failed` : `Reconnect attempt ${attempt} failed`;
    this.log('warn', `${what}: ${message}; attempt ${next} in ${formatDuration(delay)}`);
    const { attemptsBeforeDown, maxMs } = this.settings.backoff;
    if (next === attemptsBeforeDown + 1) this.log('error', `${venue} is down after ${attempt} failed attempts; retrying every ${formatDuration(maxMs)}`);
    this.scheduleAttempt(next, delay, message);
  }

  /** Attempts past `attemptsBeforeDown` wait the longest delay, without jitter; the rest back off. */
  private delayFor(attempt: number, error: unknown): number {
    const { backoff } = this.settings;
    const retryAfterMs = error instanceof SourceError ? error.retryAfterMs : undefined;
    if (attempt > backoff.attemptsBeforeDown) return Math.max(backoff.maxMs, Math.ceil(retryAfterMs ?? 0));
    return backoffDelay(attempt - 1, backoff, this.options.random ?? Math.random, retryAfterMs);
  }

  private scheduleAttempt(attempt: number, delay: number, lastError: string): void {
    const now = this.clock.now();
    const state = attempt > this.settings.backoff.attemptsBeforeDown ? 'down' : 'reconnecting';
    this.keeper.enter(state, now, { attempt, retryAt: now + delay, lastError, latencyMs: null });
    this.attempts.schedule(attempt, delay);
  }

  private goLive(attempt: number): void {
    const venue = this.source.venue;
    const cameBack = this.liveSinceConnect;
    this.liveSinceConnect = true;
    const reconnects = this.keeper.status.reconnects + (cameBack ? 1 : 0);
    this.keeper.enter('live', this.clock.now(), { attempt: 0, retryAt: null, lastError: null, reconnects });
    this.log('info', attempt === 0 ? `Connected to ${venue}` : `Connected to ${venue} on attempt ${attempt}`);
    this.session = new AbortController();
    this.subs.startAll(this.session.signal);
    if (cameBack && this.subs.size > 0) this.log('info', `Resubscribed ${this.subs.size} live stream(s)`);
    this.heartbeat.start();
  }

  /** A live connection failed (stream error, stall, failed heartbeat): tear down and reconnect. */
  private lose(why: string, error: unknown): void {
    if (this.keeper.state !== 'live') return;
    const message = this.redact(why);
    this.endSession(new DOMException(`Connection lost: ${message}`, 'AbortError'));
    // Half-dead sockets (a stalled stream) must go before reconnecting, or the client reuses them.
    this.closing = this.closeSource();
    const delay = this.delayFor(1, error);
    this.log('warn', `Connection to ${this.source.venue} lost: ${message}; reconnecting in ${formatDuration(delay)}`);
    this.scheduleAttempt(1, delay, message);
  }

  private endSession(reason: unknown): void {
    this.heartbeat.stop();
    this.subs.stopAll(reason);
    this.session?.abort(reason);
    this.session = null;
  }

  private async ping(signal: AbortSignal, heartbeatMs: number): Promise<number> {
    // The wait for a token is not part of the deadline: a busy backfill must not fail the heartbeat.
    await this.limiter.acquire(1, signal);
    const venue = this.source.venue;
    const timeout = (): Error => new SourceError('network', `${venue} did not answer the heartbeat within ${formatDuration(heartbeatMs)}`);
    return withDeadline(this.clock, heartbeatMs, signal, (s) => this.source.ping(s), timeout);
  }

  private closeSource(): Promise<void> {
    return this.source.close().catch((error: unknown) => {
      this.log('warn', `Closing the ${this.source.venue} client failed: ${describeError(error)}`);
    });
  }

  private onBreaker(to: ConnectionStatus['breaker']): void {
    this.keeper.update({ breaker: to });
    const venue = this.source.venue;
    if (to === 'open') this.log('warn', `Circuit breaker open: no requests to ${venue} until ${new Date(this.breaker.retryAt ?? 0).toISOString()}`);
    else if (to === 'half-open') this.log('info', `Circuit breaker half-open: one probe request to ${venue}`);
    else this.log('info', `Circuit breaker closed: ${venue} answers again`);
  }

  private log(level: LogLevel, message: string): void {
    this.options.onLog?.(level, this.redact(message));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`The ${this.source.venue} connection is closed`);
  }
}
