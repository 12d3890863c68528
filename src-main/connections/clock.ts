/**
 * Time as the connection framework sees it. Everything that waits (backoff, breaker, rate limiter,
 * heartbeat) takes a `Clock`, so tests drive hours of reconnects with a {@link ManualClock} in
 * milliseconds and production uses {@link systemClock}.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms` (≥ 0); the returned timer cancels it. */
  schedule(ms: number, fn: () => void): Timer;
}

export interface Timer {
  /** Stops the timer if it has not fired; harmless afterwards. */
  cancel(): void;
}

// Node fires a setTimeout longer than 2^31-1 ms after 1 ms, so long waits (a venue's Retry-After of
// a month) are split into hops of at most this length.
const MAX_NODE_TIMEOUT_MS = 2_147_483_647;

/** The wall clock and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(ms, fn) {
    let handle: ReturnType<typeof setTimeout> | undefined;
    const dueAt = Date.now() + Math.max(0, ms);
    const arm = (wait: number): void => {
      handle = setTimeout(() => {
        const left = dueAt - Date.now();
        if (left > 0) arm(left);
        else fn();
      }, Math.min(wait, MAX_NODE_TIMEOUT_MS));
    };
    arm(Math.max(0, ms));
    return { cancel: () => clearTimeout(handle) };
  },
};

/** The reason an abortable wait rejects with when its signal carries none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/** True for the rejection of an aborted operation (ours, fetch's, or a DOM AbortError). */
export function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && error === signal.reason) return true;
  return error instanceof Error && error.name === 'AbortError';
}

/** Resolves after `ms` on `clock`; rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      timer.cancel();
      reject(abortReason(signal!));
    };
    const timer = clock.schedule(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn` with a signal that aborts when `signal` does or after `ms`, whichever comes first, and
 * settles at that moment even if `fn` ignores its signal (a hung venue must not hang the caller).
 * On the deadline it rejects with `onDeadline()`.
 */
export function withDeadline<T>(
  clock: Clock,
  ms: number,
  signal: AbortSignal | undefined,
  fn: (signal: AbortSignal) => Promise<T>,
  onDeadline: () => Error,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(abortReason(signal!));
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = clock.schedule(ms, () => controller.abort(onDeadline()));
  return new Promise<T>((resolve, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    fn(controller.signal).then(resolve, reject);
  }).finally(() => {
    timer.cancel();
    signal?.removeEventListener('abort', onAbort);
  });
}
