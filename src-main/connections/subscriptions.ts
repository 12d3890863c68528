import type { Clock } from './clock.ts';
import { describeError } from './log-lines.ts';
import { SourceError, type LiveEvent, type LiveRequest, type MarketDataSource } from './market-data-source.ts';

export interface SubscriptionHandlers {
  onEvent(event: LiveEvent): void;
  /**
   * After a loss, once the stream runs again: data between `lostAt` (the last moment this stream's
   * data is known complete) and `resumedAt` may be missing; fetch it over REST.
   */
  onGap?(lostAt: number, resumedAt: number): void;
  /** The venue refused this stream (not the connection): it is tried again on the next reconnect. */
  onRefused?(message: string): void;
}

interface Subscription {
  readonly id: string;
  readonly request: LiveRequest;
  readonly handlers: SubscriptionHandlers;
  /** The current iteration (or the chain ending in it); a new one starts only after it settles. */
  loop: Promise<void> | null;
  stop: AbortController | null;
  /** When this stream's last event arrived, or when it last started: the start of any gap. */
  lastDataAt: number | null;
}

export interface SubscriptionSetDeps {
  readonly source: MarketDataSource;
  readonly clock: Clock;
  /** A stream failed or ended by itself: the connection is lost (`why` is readable, whole). */
  readonly onLost: (why: string, error: unknown) => void;
  /** Every event, for the connection's lastMessageAt. */
  readonly onData: (at: number) => void;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * The live subscriptions of one connection and their stream loops: one
 * `for await (… of source.stream(request, signal))` per subscription while the connection is live.
 * A subscription outlives its loops — they are stopped on every loss and started again on every
 * reconnect — and a new loop waits for the previous one to finish, so there are never two.
 */
export class SubscriptionSet {
  private readonly subs = new Map<string, Subscription>();
  private session: AbortSignal | null = null;
  private runningSince: number | null = null;
  private lastEventAt: number | null = null;
  private nextId = 1;

  constructor(private readonly deps: SubscriptionSetDeps) {}

  get size(): number {
    return this.subs.size;
  }

  add(request: LiveRequest, handlers: SubscriptionHandlers): string {
    const id = `stream-${this.nextId++}`;
    const sub: Subscription = { id, request, handlers, loop: null, stop: null, lastDataAt: null };
    this.subs.set(id, sub);
    if (this.session && !this.session.aborted) {
      this.runningSince ??= this.deps.clock.now();
      this.run(sub, this.session);
    }
    return id;
  }

  remove(id: string): boolean {
    const sub = this.subs.get(id);
    if (!sub) return false;
    sub.stop?.abort(new DOMException(`Unsubscribed from ${sub.request.symbol}`, 'AbortError'));
    this.subs.delete(id);
    if (this.subs.size === 0) this.runningSince = null;
    return true;
  }

  /** Starts every subscription's loop for a new live session and reports each one's gap. */
  startAll(session: AbortSignal): void {
    const resumedAt = this.deps.clock.now();
    this.session = session;
    this.lastEventAt = null;
    this.runningSince = this.subs.size > 0 ? resumedAt : null;
    for (const sub of this.subs.values()) {
      const lostAt = sub.lastDataAt;
      this.run(sub, session);
      if (lostAt !== null) this.reportGap(sub, lostAt, resumedAt);
    }
  }

  /** Ends the session: every loop is aborted (each finishes on its own; the next waits for it). */
  stopAll(reason: unknown): void {
    this.session = null;
    this.runningSince = null;
    for (const sub of this.subs.values()) sub.stop?.abort(reason);
  }

  /** Stops every loop and forgets every subscription (the connection is being closed for good). */
  clear(reason: unknown): void {
    this.stopAll(reason);
    this.subs.clear();
  }

  /**
   * Since when the live streams have been silent, or null when none is running: the later of the
   * last event and the moment the streams started.
   */
  quietSince(): number | null {
    if (this.runningSince === null) return null;
    return Math.max(this.runningSince, this.lastEventAt ?? -Infinity);
  }

  private run(sub: Subscription, session: AbortSignal): void {
    const stop = new AbortController();
    sub.stop = stop;
    const signal = AbortSignal.any([session, stop.signal]);
    const previous = sub.loop ?? Promise.resolve();
    const loop = previous.then(() => this.iterate(sub, signal));
    sub.loop = loop;
    void loop.finally(() => {
      if (sub.loop === loop) sub.loop = null;
    });
  }

  private async iterate(sub: Subscription, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const { symbol } = sub.request;
    sub.lastDataAt = this.deps.clock.now();
    try {
      for await (const event of this.deps.source.stream(sub.request, signal)) {
        if (signal.aborted) return;
        const at = this.deps.clock.now();
        sub.lastDataAt = at;
        this.lastEventAt = at;
        this.deps.onData(at);
        try {
          sub.handlers.onEvent(event);
        } catch (error) {
          this.deps.log('error', `The handler of the ${symbol} stream failed: ${describeError(error)}`);
        }
      }
      if (!signal.aborted) {
        const venue = this.deps.source.venue;
        const error = new SourceError('network', `${venue}: the ${symbol} stream ended without being asked to`);
        this.deps.onLost(error.message, error);
      }
    } catch (error) {
      if (signal.aborted) return;
      // A refusal of this one stream (IB's line limit, an unknown symbol) is not a lost connection:
      // reconnecting would only be refused again, and would interrupt every other stream.
      if (error instanceof SourceError && !error.retryable) {
        this.deps.log('error', `The ${symbol} stream was refused: ${describeError(error)}. It starts again on the next reconnect.`);
        try {
          sub.handlers.onRefused?.(describeError(error));
        } catch (handlerError) {
          this.deps.log('error', `The refusal handler of the ${symbol} stream failed: ${describeError(handlerError)}`);
        }
        return;
      }
      this.deps.onLost(`the ${symbol} stream failed: ${describeError(error)}`, error);
    }
  }

  private reportGap(sub: Subscription, lostAt: number, resumedAt: number): void {
    try {
      sub.handlers.onGap?.(lostAt, resumedAt);
    } catch (error) {
      this.deps.log('error', `The gap handler of the ${sub.request.symbol} stream failed: ${describeError(error)}`);
    }
  }
}
