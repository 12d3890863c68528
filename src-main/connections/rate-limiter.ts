import { abortReason, type Clock, type Timer } from './clock.ts';

const MINUTE_MS = 60_000;

export interface RateLimiterOptions {
  /** The most requests granted in any rolling minute. */
  readonly requestsPerMinute: number;
  /**
   * Requests that may go at once after a quiet spell (default: 1 per 20 of the limit, at least 1).
   * The refill rate is lowered to match, so that burst plus refill never exceed the limit per minute.
   */
  readonly burst?: number;
}

interface Waiter {
  readonly cost: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * A token bucket for one venue, refilled smoothly, served first come first served.
 *
 * Why the bucket holds `burst` and refills `requestsPerMinute + 1 − burst` per minute: to take
 * n+1 requests a caller needs n+1 tokens, at most `burst` of them already in the bucket, so the
 * (n+1)th is granted at least (n+1−burst)/rate after the first — with n = requestsPerMinute that is
 * a full minute. Hence never more than `requestsPerMinute` grants in any window of 60 s.
 *
 * Tokens are counted in integer units (one request = 60,000 units, refill = rate units per ms) so
 * that the arithmetic is exact and no request slips through a rounding error a millisecond early.
 */
export class RateLimiter {
  private limit = 0;
  private burstSize = 0;
  private refillPerMs = 0;
  private readonly explicitBurst: number | undefined;
  private level: number;
  private updatedAt: number;
  private pausedUntil = 0;
  private readonly queue: Waiter[] = [];
  private timer: Timer | null = null;

  constructor(options: RateLimiterOptions, private readonly clock: Clock) {
    this.explicitBurst = options.burst;
    this.configure(options.requestsPerMinute);
    this.level = this.burstSize * MINUTE_MS;
    this.updatedAt = clock.now();
  }

  get requestsPerMinute(): number {
    return this.limit;
  }

  get burst(): number {
    return this.burstSize;
  }

  /**
   * Lowers the limit (a second connection to the same host asked for less); a higher one is
   * ignored, since the stricter setting is the one somebody chose on purpose.
   */
  lowerLimit(requestsPerMinute: number): void {
    if (requestsPerMinute >= this.limit) return;
    this.refill();
    this.configure(requestsPerMinute);
    this.level = Math.min(this.level, this.burstSize * MINUTE_MS);
    this.serve();
  }

  /** Callers waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves when `cost` requests may be made, after everyone who asked earlier. Rejects with the
   * signal's reason if it aborts first (the place in the line is given up, nothing is consumed).
   */
  acquire(cost = 1, signal?: AbortSignal): Promise<void> {
    if (!Number.isInteger(cost) || cost < 1 || cost > this.burstSize) {
      return Promise.reject(new RangeError(`request cost must be an integer from 1 to the burst size ${this.burstSize}, got ${cost}`));
    }
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        cost, resolve, reject, signal,
        onAbort: () => this.withdraw(waiter),
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      if (this.queue.length === 1) this.serve();
    });
  }

  /** The venue said "not before `untilMs`" (a 429's Retry-After): nobody is served until then. */
  penalize(untilMs: number): void {
    if (untilMs <= this.pausedUntil) return;
    this.pausedUntil = untilMs;
    // An empty bucket after the pause, too: the venue's window restarts then, not ours.
    this.refill();
    this.level = Math.min(this.level, 0);
    this.serve();
  }

  private withdraw(waiter: Waiter): void {
    const index = this.queue.indexOf(waiter);
    if (index < 0) return;
    this.queue.splice(index, 1);
    waiter.reject(abortReason(waiter.signal!));
    if (index === 0) this.serve();
  }

  /** Grants to the head of the line while it can be granted, then sleeps until it can. */
  private serve(): void {
    this.timer?.cancel();
    this.timer = null;
    this.refill();
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.cost > this.burstSize) {
        // The limit was lowered under it: the bucket can no longer hold this much.
        this.queue.shift();
        head.signal?.removeEventListener('abort', head.onAbort);
        head.reject(new RangeError(`request cost ${head.cost} exceeds the burst size ${this.burstSize}`));
        continue;
      }
      const now = this.clock.now();
      const need = head.cost * MINUTE_MS;
      const waitMs = Math.max(this.pausedUntil - now, Math.ceil((need - this.level) / this.refillPerMs), 0);
      if (waitMs > 0) {
        this.timer = this.clock.schedule(waitMs, () => {
          this.timer = null;
          this.serve();
        });
        return;
      }
      this.level -= need;
      this.queue.shift();
      head.signal?.removeEventListener('abort', head.onAbort);
      head.resolve();
    }
  }

  private configure(requestsPerMinute: number): void {
    if (!Number.isInteger(requestsPerMinute) || requestsPerMinute < 1) {
      throw new RangeError(`requestsPerMinute must be a positive integer, got ${requestsPerMinute}`);
    }
    const burst = this.explicitBurst ?? Math.max(1, Math.floor(requestsPerMinute / 20));
    if (!Number.isInteger(burst) || burst < 1 || burst > requestsPerMinute) {
      throw new RangeError(`burst must be an integer from 1 to requestsPerMinute (${requestsPerMinute}), got ${burst}`);
    }
    this.limit = requestsPerMinute;
    this.burstSize = burst;
    this.refillPerMs = requestsPerMinute + 1 - burst;
  }

  private refill(): void {
    const now = this.clock.now();
    // Nothing accrues while paused: the pause ends with whatever the bucket held when it began.
    const from = Math.max(this.updatedAt, Math.min(this.pausedUntil, now));
    if (now > from) this.level = Math.min(this.burstSize * MINUTE_MS, this.level + (now - from) * this.refillPerMs);
    this.updatedAt = now;
  }
}

/**
 * One {@link RateLimiter} per venue host: a venue limits requests per account or per IP, not per
 * connection, so two connections to the same exchange must share one budget. The key is the venue
 * plus the REST base URL (two connections to the same venue through different gateways — or to a
 * local fake — are different hosts with their own limits).
 */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly clock: Clock) {}

  /**
   * The shared limiter for `venue` at `restUrl` (undefined: the venue's public address). The first
   * connection's limit sets it; a connection asking for a different limit gets the shared one
   * anyway, because two budgets for one host would let the pair exceed either.
   */
  for(venue: string, restUrl: string | undefined, requestsPerMinute: number): RateLimiter {
    const key = RateLimiterRegistry.key(venue, restUrl);
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter({ requestsPerMinute }, this.clock);
      this.limiters.set(key, limiter);
    } else {
      limiter.lowerLimit(requestsPerMinute);
    }
    return limiter;
  }

  /** Forgets a host's limiter once nobody is waiting on it (e.g. after its last connection is removed). */
  release(venue: string, restUrl: string | undefined): void {
    const key = RateLimiterRegistry.key(venue, restUrl);
    if (this.limiters.get(key)?.waiting === 0) this.limiters.delete(key);
  }

  static key(venue: string, restUrl: string | undefined): string {
    return `${venue.toLowerCase()} ${normalizeUrl(restUrl)}`;
  }
}

// "https://API.binance.com/" and "https://api.binance.com" are the same host.
function normalizeUrl(url: string | undefined): string {
  if (url === undefined || url.trim() === '') return 'default';
  try {
    const u = new URL(url.trim());
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.trim();
  }
}
