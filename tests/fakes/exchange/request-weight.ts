/**
 * Binance's request weight: every REST call costs a weight, counted in fixed windows of one
 * minute (the counter resets on the minute, as `X-MBX-USED-WEIGHT-1M` shows). A call that would
 * pass the budget is refused with 429 and `Retry-After` (seconds to the next window) and costs
 * nothing — so a client that waits as told gets through.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  '/api/v3/ping': 1,
  '/api/v3/time': 1,
  '/api/v3/exchangeInfo': 20,
  '/api/v3/klines': 2,
  '/api/v3/aggTrades': 4,
  '/api/v3/trades': 25,
};

const WINDOW_MS = 60_000;

export type WeightVerdict =
  | { readonly allowed: true; readonly usedWeight: number }
  | { readonly allowed: false; readonly usedWeight: number; readonly retryAfterSeconds: number };

export class RequestWeight {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(readonly limitPerMinute: number) {
    if (!Number.isInteger(limitPerMinute) || limitPerMinute < 1) {
      throw new Error(`weight limit must be a positive integer, got ${limitPerMinute}`);
    }
  }

  /** The weight used in the window holding `now`. */
  usedAt(now: number): number {
    this.roll(now);
    return this.used;
  }

  /** Charges `weight` at `now` if the budget allows it. */
  charge(weight: number, now: number): WeightVerdict {
    this.roll(now);
    if (this.used + weight > this.limitPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - now) / 1000));
      return { allowed: false, usedWeight: this.used, retryAfterSeconds };
    }
    this.used += weight;
    return { allowed: true, usedWeight: this.used };
  }

  reset(): void {
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.used = 0;
  }

  private roll(now: number): void {
    const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
  }
}
