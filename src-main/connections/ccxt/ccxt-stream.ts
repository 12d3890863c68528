import { parseTimeframe, type Timeframe } from '../../../src-shared/domain/timeframe.ts';
import type { BarValues, LiveEvent } from '../market-data-source.ts';

export interface WatchLoop<T> {
  /** One ccxt `watch…` call: resolves with the items that arrived since the previous call. */
  readonly watch: () => Promise<T>;
  /** ccxt's `unWatch…`, when the venue has it: called when the consumer stops, not when the socket died. */
  readonly unwatch?: () => Promise<unknown>;
  /** How long an unsubscribe may take before it is abandoned (a stalled socket never answers). */
  readonly unwatchTimeoutMs: number;
  /** Turns a ccxt failure into the SourceError the consumer sees. */
  readonly toError: (error: unknown) => unknown;
}

/**
 * ccxt's watch loop as an async iterable: every `watch()` result is yielded; an abort of `signal`
 * ends it quietly (unsubscribing), and a lost socket throws (without unsubscribing: there is no
 * socket to unsubscribe on). Iterating again subscribes again.
 */
export async function* watchLoop<T>(loop: WatchLoop<T>, signal: AbortSignal): AsyncGenerator<T> {
  if (signal.aborted) return;
  let onAbort = (): void => {};
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const start = (): Promise<T> => {
    const pending = loop.watch();
    // After an abort the pending watch settles on its own (often rejected by the unsubscribe).
    pending.catch(() => {});
    return pending;
  };
  let failed = false;
  try {
    let pending = start();
    while (!signal.aborted) {
      const outcome = await Promise.race([pending.then((value) => ({ value })), aborted]);
      if (outcome === 'aborted') return;
      // Watch again before handing the items over: ccxt notices a lost socket only through a pending
      // watch, and silently redials on the next one — a drop while the consumer works would go unseen.
      pending = start();
      yield outcome.value;
    }
  } catch (error) {
    if (signal.aborted) return;
    failed = true;
    throw loop.toError(error);
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!failed && loop.unwatch) await withTimeout(loop.unwatch(), loop.unwatchTimeoutMs).catch(() => {});
  }
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Where the bar that opens at `time` ends: calendar months vary, everything else is fixed. */
export function barEnd(time: number, timeframe: Timeframe): number {
  const parts = parseTimeframe(timeframe)!;
  const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
  if (parts.unit !== 'M') return time + parts.count * unitMs[parts.unit];
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + parts.count, 1);
}

/**
 * Decides when a venue candle is final. ccxt's unified candles carry no "closed" flag, so a bar is
 * final once its period is over by the clock, or once the venue has moved on to a later bar — in
 * which case the last values seen are yielded again, marked final, so that every bar the stream
 * showed open is eventually closed.
 */
export class BarFinality {
  private open: BarValues | undefined;

  constructor(private readonly timeframe: Timeframe, private readonly now: () => number) {}

  /** Events for the candles ccxt reported as new or changed, ascending by time. */
  update(bars: readonly BarValues[]): LiveEvent[] {
    const events: LiveEvent[] = [];
    for (const bar of bars) {
      if (this.open && bar.time > this.open.time) {
        events.push({ type: 'bar', timeframe: this.timeframe, bar: this.open, final: true });
        this.open = undefined;
      }
      const final = barEnd(bar.time, this.timeframe) <= this.now();
      events.push({ type: 'bar', timeframe: this.timeframe, bar, final });
      if (!final) this.open = bar;
      else if (this.open?.time === bar.time) this.open = undefined;
    }
    return events;
  }
}
