import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { Clock, Timer } from './clock.ts';

interface Pending {
  readonly dueAt: number;
  /** Tie-breaker: timers due at the same instant fire in the order they were scheduled. */
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * A clock that moves only when told to, for tests. `advance(ms)` fires every timer due on the way,
 * in order of due time, and lets the promise chains each one starts run to completion before the
 * next fires — so a reconnect loop that sleeps, tries, fails and sleeps again behaves exactly as it
 * would in real time, only without the waiting.
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Set<Pending>();

  constructor(startAt = Date.UTC(2024, 0, 1)) {
    this.time = startAt;
  }

  now(): number {
    return this.time;
  }

  schedule(ms: number, fn: () => void): Timer {
    if (!Number.isFinite(ms)) throw new RangeError(`A timer needs a finite delay, got ${ms}`);
    const entry: Pending = { dueAt: this.time + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.add(entry);
    return { cancel: () => void this.timers.delete(entry) };
  }

  /** Timers scheduled and not yet fired or cancelled. */
  pending(): number {
    return this.timers.size;
  }

  /** When the earliest pending timer is due, or null when none is. */
  nextDueAt(): number | null {
    const next = this.earliest(Infinity);
    return next ? next.dueAt : null;
  }

  /** Moves time forward by `ms`, firing every timer due up to and including the new time. */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`advance needs a non-negative duration, got ${ms}`);
    await this.advanceTo(this.time + ms);
  }

  async advanceTo(target: number): Promise<void> {
    await settle();
    for (;;) {
      const next = this.earliest(target);
      if (!next) break;
      this.timers.delete(next);
      this.time = Math.max(this.time, next.dueAt);
      next.fn();
      await settle();
    }
    this.time = Math.max(this.time, target);
    await settle();
  }

  /** Lets pending promise chains run without moving time. */
  async flush(): Promise<void> {
    await settle();
  }

  private earliest(limit: number): Pending | undefined {
    let best: Pending | undefined;
    for (const t of this.timers) {
      if (t.dueAt > limit) continue;
      if (!best || t.dueAt < best.dueAt || (t.dueAt === best.dueAt && t.seq < best.seq)) best = t;
    }
    return best;
  }
}

// Node drains the whole microtask queue before the next macrotask, so waiting for one macrotask
// lets every promise continuation queued so far (and those they queue) run. Two rounds cover
// code that itself defers with setImmediate once.
async function settle(): Promise<void> {
  await nextMacrotask();
  await nextMacrotask();
}
