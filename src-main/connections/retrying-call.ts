import { backoffDelay, type BackoffPolicy, type RandomSource } from './backoff.ts';
import { BreakerOpenError, type CircuitBreaker } from './circuit-breaker.ts';
import { abortReason, sleep, type Clock } from './clock.ts';
import { describeError, formatDuration } from './log-lines.ts';
import { SourceError } from './market-data-source.ts';
import type { RateLimiter } from './rate-limiter.ts';

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Retries after the first try for retryable failures (default 5). */
  readonly retries?: number;
  /** Rate-limit tokens the request costs (default 1). */
  readonly cost?: number;
}

export interface RetryingCallDeps {
  readonly clock: Clock;
  readonly limiter: RateLimiter;
  readonly breaker: CircuitBreaker;
  readonly backoff: BackoffPolicy;
  readonly random: RandomSource;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export const DEFAULT_RETRIES = 5;

/**
 * One REST-like request, the way every request to a venue is made: wait for the venue's rate
 * limiter, pass the circuit breaker, call. Retryable SourceErrors are retried after a full-jitter
 * backoff that honours the venue's Retry-After (and a 429 also pauses the shared limiter, since the
 * venue is telling every connection to that host to slow down). A refused request or refused keys
 * are thrown at once: asking again would get the same answer. An open breaker is waited out.
 */
export async function retryingCall<T>(
  deps: RetryingCallDeps,
  label: string,
  fn: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
  options: CallOptions = {},
): Promise<T> {
  const retries = options.retries ?? DEFAULT_RETRIES;
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`retries must be a non-negative integer, got ${retries}`);
  for (let retry = 0; ; retry++) {
    let delay: number;
    try {
      await deps.limiter.acquire(options.cost ?? 1, signal);
      return await deps.breaker.run(() => fn(signal), signal);
    } catch (error) {
      if (signal.aborted) throw abortReason(signal);
      if (error instanceof BreakerOpenError) {
        delay = Math.max(0, error.retryAt - deps.clock.now());
      } else if (error instanceof SourceError && error.retryable) {
        delay = backoffDelay(retry, deps.backoff, deps.random, error.retryAfterMs);
        if (error.kind === 'rate-limit') deps.limiter.penalize(deps.clock.now() + delay);
      } else {
        throw error;
      }
      if (retry >= retries) {
        deps.log('error', `${label} failed after ${retry + 1} ${retry === 0 ? 'try' : 'tries'}: ${describeError(error)}`);
        throw error;
      }
      deps.log('warn', `${label} failed (${describeError(error)}); retry ${retry + 1} of ${retries} in ${formatDuration(delay)}`);
    }
    await sleep(deps.clock, delay, signal);
  }
}
