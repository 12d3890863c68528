import type { Clock, Timer } from '../../../src-main/connections/clock.ts';

/**
 * A clock for polling tests: a timer fires as soon as the event loop turns, with time moved to its
 * due moment, so a weekend of polling runs in milliseconds. Every wait asked for is recorded. At
 * `stopAt` the given controller is aborted instead of firing the timer that would pass it.
 */
export class SteppingClock implements Clock {
  /** Every wait scheduled, in ms, in order. */
  readonly waits: number[] = [];
  private stop: { at: number; controller: AbortController } | null = null;

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  /** Aborts `controller` when time would reach `at`, leaving the clock there. */
  stopAt(at: number, controller: AbortController): void {
    this.stop = { at, controller };
  }

  schedule(ms: number, fn: () => void): Timer {
    this.waits.push(ms);
    let cancelled = false;
    setImmediate(() => {
      if (cancelled) return;
      const due = this.time + Math.max(0, ms);
      if (this.stop && due >= this.stop.at) {
        this.time = this.stop.at;
        this.stop.controller.abort();
        return;
      }
      this.time = due;
      fn();
    });
    return { cancel: () => void (cancelled = true) };
  }
}
