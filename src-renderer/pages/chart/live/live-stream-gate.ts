import type { BarUpdate } from '../../../../src-shared/domain/chart.ts';

export interface GateVerdict {
  /** The update for the chart (renumbered for the frame coalescer), or null when it is not for it. */
  readonly update: BarUpdate | null;
  /** Updates of the stream skipped before this one: the chart may be missing closed bars. */
  readonly missed: number;
}

/**
 * Picks the chart's bars out of a live subscription's `bars.updated` stream.
 *
 * A subscription builds several timeframes under one streamId, and `seq` counts every update of
 * the stream. So the gap check runs over the whole stream (a 5m update between two 1m ones is no
 * gap), and only then are the chart's timeframe's updates passed on — renumbered 0, 1, 2, … so the
 * replay's {@link UpdateCoalescer}, which reads any seq gap as a miss, can be reused unchanged.
 *
 * A closed bar is final: a forming state of it (or of an older bar) that arrives afterwards is
 * dropped, as the coalescer does within one frame, but here across frames too.
 */
export class LiveStreamGate {
  private lastSeq: number | null = null;
  private lastSeqForChart: number | null = null;
  private lastClosedTime: number | null = null;
  private localSeq = 0;

  constructor(
    readonly streamId: string,
    readonly instrumentId: number,
    readonly timeframe: string,
  ) {}

  offer(update: BarUpdate): GateVerdict {
    if (update.streamId !== this.streamId || update.instrumentId !== this.instrumentId) return { update: null, missed: 0 };
    let missed = 0;
    if (this.lastSeq === null || update.seq > this.lastSeq) {
      if (this.lastSeq !== null) missed = update.seq - this.lastSeq - 1;
      this.lastSeq = update.seq;
    }
    if (update.timeframe !== this.timeframe) return { update: null, missed };
    // Reordered delivery: an older state of the chart's bars than one already passed on.
    const late = this.lastSeqForChart !== null && update.seq <= this.lastSeqForChart;
    if (late && !update.closed) return { update: null, missed };
    if (!update.closed && this.lastClosedTime !== null && update.time <= this.lastClosedTime) return { update: null, missed };
    if (!late) this.lastSeqForChart = update.seq;
    if (update.closed && (this.lastClosedTime === null || update.time > this.lastClosedTime)) this.lastClosedTime = update.time;
    return { update: { ...update, seq: this.localSeq++ }, missed };
  }
}
