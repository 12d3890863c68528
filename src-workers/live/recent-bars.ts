import { BarAccumulator } from './bar-accumulator.ts';

/**
 * The completed bars of one timeframe that a late trade may still revise: those ending after
 * `horizon` (the oldest open period minus the late tolerance). A handful at most, so a list.
 */
export class RecentBars {
  private bars: BarAccumulator[] = [];

  /** Keeps a copy of a bar as it completes. */
  remember(bar: BarAccumulator): void {
    const kept = new BarAccumulator();
    kept.copyFrom(bar);
    this.bars.push(kept);
  }

  /** The completed bar of period [start, end); an empty one when that period had no trades (a gap). */
  at(start: number, end: number): BarAccumulator {
    let bar = this.bars.find((b) => b.start === start);
    if (!bar) {
      bar = new BarAccumulator();
      bar.reset(start, end);
      this.bars.push(bar);
    }
    return bar;
  }

  forgetBefore(horizon: number): void {
    if (this.bars.some((b) => b.end <= horizon)) this.bars = this.bars.filter((b) => b.end > horizon);
  }
}
