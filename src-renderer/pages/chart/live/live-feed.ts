import type { BarUpdate } from '../../../../src-shared/domain/chart.ts';
import { FrameCoalescer, UpdateCoalescer, type CoalescedBatch, type FrameScheduler } from '../data/update-coalescer.ts';
import { LiveStreamGate } from './live-stream-gate.ts';

/** Where the live bars go: the chart session, or a plain window in tests. */
export interface LiveSink {
  /** A block of history is on its way: bars applied now would be overwritten, so they wait. */
  readonly loading: boolean;
  /** The window holds the newest stored bars (the user has not scrolled far back). */
  readonly atEnd: boolean;
  /** Bars, one per time, ascending: the same time replaces the last bar, a later one is appended. */
  apply(updates: readonly BarUpdate[]): void;
  /** Updates were missed: reload the newest bars from the store. */
  resync(): void;
}

/**
 * A chart following one live subscription: the stream's updates for the chart's instrument and
 * timeframe are gated (see {@link LiveStreamGate}), coalesced to one frame's worth, and applied —
 * the forming bar replaced, a closed bar appended. While the session loads history the updates are
 * held and applied once it is drawn; while the user looks at old bars they are dropped (the
 * store has the closed ones when the view comes back to the end).
 */
export class LiveFeed {
  private readonly gate: LiveStreamGate;
  private readonly frames: FrameCoalescer;
  private held: BarUpdate[] = [];
  private missed = false;

  constructor(
    streamId: string,
    instrumentId: number,
    timeframe: string,
    private readonly sink: LiveSink,
    scheduler: FrameScheduler,
  ) {
    this.gate = new LiveStreamGate(streamId, instrumentId, timeframe);
    this.frames = new FrameCoalescer((batch) => this.onFrame(batch), scheduler);
  }

  push(update: BarUpdate): void {
    const verdict = this.gate.offer(update);
    if (verdict.missed > 0) this.missed = true;
    // A miss is acted on with the chart's next update (the frame that would draw on a hole).
    if (verdict.update) this.frames.push(verdict.update);
  }

  /** The session finished loading: what arrived meanwhile is applied (older bars are ignored by the window). */
  loaded(): void {
    if (this.held.length === 0 || this.sink.loading) return;
    const pending = new UpdateCoalescer();
    for (const u of this.held) pending.push(u);
    this.held = [];
    if (this.sink.atEnd) this.sink.apply(pending.drain().updates);
  }

  /** Stops applying (the chart switched symbol or timeframe, or stopped following). */
  dispose(): void {
    this.frames.reset();
    this.held = [];
  }

  private onFrame(batch: CoalescedBatch): void {
    if (this.sink.loading) {
      this.held.push(...batch.updates);
      return;
    }
    if (this.missed) {
      this.missed = false;
      // Only a chart at the live edge reloads; one scrolled back loads the newest bars when it returns.
      if (this.sink.atEnd) {
        this.held = [...batch.updates];
        this.sink.resync();
        return;
      }
    }
    if (!this.sink.atEnd || batch.updates.length === 0) return;
    this.sink.apply(batch.updates);
  }
}
