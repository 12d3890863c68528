import type { BarUpdate } from '../../../../src-shared/domain/chart.ts';

/** What one animation frame applies: the last state of every bar touched since the previous frame. */
export interface CoalescedBatch {
  /** One update per bar time, ascending; each the last state received for that bar. */
  readonly updates: readonly BarUpdate[];
  /** Updates the stream skipped (a `seq` gap): the chart should reload to be sure it is whole. */
  readonly missed: number;
}

/**
 * Collects `bars.updated` payloads between two frames. Several states of the same bar collapse
 * into the last one, so a forming bar's final state is never lost and a closed bar that follows
 * forming ones of the same time replaces them. A forming state that arrives after the bar closed
 * (reordered delivery) is ignored: a closed bar is final.
 */
export class UpdateCoalescer {
  private pending = new Map<number, BarUpdate>();
  private lastSeq: number | null = null;
  private missed = 0;

  push(update: BarUpdate): void {
    if (this.lastSeq !== null) {
      if (update.seq <= this.lastSeq) return this.pushLate(update);
      this.missed += update.seq - this.lastSeq - 1;
    }
    this.lastSeq = update.seq;
    const previous = this.pending.get(update.time);
    if (previous?.closed && !update.closed) return;
    this.pending.set(update.time, update);
  }

  /** An update older than one already seen: only a closed bar may still complete the picture. */
  private pushLate(update: BarUpdate): void {
    const previous = this.pending.get(update.time);
    if (update.closed && (!previous || (!previous.closed && previous.seq < update.seq))) this.pending.set(update.time, update);
  }

  get size(): number {
    return this.pending.size;
  }

  drain(): CoalescedBatch {
    const updates = [...this.pending.values()].sort((a, b) => a.time - b.time);
    const batch = { updates, missed: this.missed };
    this.pending.clear();
    this.missed = 0;
    return batch;
  }

  /** Forget the stream position (a new stream, or after a reload). */
  reset(): void {
    this.pending.clear();
    this.lastSeq = null;
    this.missed = 0;
  }
}

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

/**
 * Pushes updates into a {@link UpdateCoalescer} and applies them at most once per frame.
 * The scheduler is injected (`requestAnimationFrame` in the page, a manual clock in tests).
 */
export class FrameCoalescer {
  private readonly coalescer = new UpdateCoalescer();
  private handle: number | null = null;

  constructor(
    private readonly apply: (batch: CoalescedBatch) => void,
    private readonly scheduler: FrameScheduler,
  ) {}

  push(update: BarUpdate): void {
    this.coalescer.push(update);
    if (this.handle === null) this.handle = this.scheduler.request(() => this.flush());
  }

  /** Applies what is pending now (also what a frame does). */
  flush(): void {
    if (this.handle !== null) this.scheduler.cancel(this.handle);
    this.handle = null;
    if (this.coalescer.size === 0) return;
    this.apply(this.coalescer.drain());
  }

  reset(): void {
    if (this.handle !== null) this.scheduler.cancel(this.handle);
    this.handle = null;
    this.coalescer.reset();
  }
}

/** The browser's frame clock, looked up when used (so this module loads without a DOM). */
export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};
