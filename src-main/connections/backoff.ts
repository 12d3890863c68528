/**
 * Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * the wait before retry `attempt` (0-based) is drawn uniformly from [0, min(maxMs, initialMs·2^attempt)).
 * Spreading retries over the whole window, rather than around its top, is what stops many clients
 * that failed together from hammering the venue together again.
 */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** A source of uniform numbers in [0, 1), like `Math.random`; injectable so tests can pin draws. */
export type RandomSource = () => number;

// 2^52 ms is beyond any cap the settings allow; clamping keeps the arithmetic finite.
const MAX_EXPONENT = 52;

/** The top of the jitter window for retry `attempt` (0-based): min(maxMs, initialMs·2^attempt). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`backoff attempt must be a non-negative integer, got ${attempt}`);
  }
  if (!(policy.initialMs > 0) || !(policy.maxMs >= policy.initialMs)) {
    throw new RangeError(`backoff needs 0 < initialMs ≤ maxMs, got initialMs ${policy.initialMs}, maxMs ${policy.maxMs}`);
  }
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, MAX_EXPONENT));
}

/**
 * The wait in whole ms before retry `attempt`: a full-jitter draw, but never shorter than what the
 * venue asked for (`retryAfterMs`, from a 429's Retry-After) — retrying sooner only earns another 429.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: RandomSource = Math.random,
  retryAfterMs?: number,
): number {
  const ceiling = backoffCeiling(attempt, policy);
  const draw = random();
  if (!(draw >= 0 && draw < 1)) throw new RangeError(`random source must return a number in [0, 1), got ${draw}`);
  const jittered = Math.floor(draw * ceiling);
  const floor = retryAfterMs !== undefined && retryAfterMs > 0 ? Math.ceil(retryAfterMs) : 0;
  return Math.max(jittered, floor);
}
