import { bucketStart, canResample, compareTimeframes, isTimeframe, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import {
  BarAccumulator, CHANGED_CLOSE, CHANGED_HIGH, CHANGED_LOW, CHANGED_OPEN, CHANGED_VOLUME, periodOf, type LiveBar,
} from './bar-accumulator.ts';
import { RecentBars } from './recent-bars.ts';

/** Why a trade was not used; every rejection is counted and reported, never silently dropped. */
export type RejectReason = 'bad-time' | 'bad-price' | 'bad-size' | 'late';
/** `applied` to the forming bars, `revised` completed bars (a late trade within tolerance), or rejected. */
export type TradeOutcome = 'applied' | 'revised' | RejectReason;

/** A bar leaving the builder: `completed` once its period ended, `revised` when a late trade changed it (upsert). */
export interface BarEvent extends LiveBar {
  timeframe: Timeframe;
  kind: 'completed' | 'revised';
}

export interface BarBuilderOptions {
  /** Any order; the lowest is built from trades, every other one rolled up from its completed bars. */
  timeframes: readonly string[];
  /** How far before the oldest open period a late trade may still revise completed bars (default 2,000 ms). */
  lateToleranceMs?: number;
  /** Called synchronously by the push or advanceTo that closed or revised bars, lowest timeframe first. */
  onBars?: (bars: BarEvent[]) => void;
  onReject?: (reason: RejectReason, time: number, price: number, size: number) => void;
}

const NO_EVENTS: readonly BarEvent[] = Object.freeze([]);

/**
 * Builds bars of several timeframes at once from the trades of one instrument (docs/tick-to-bar.md).
 * Only the lowest timeframe sees trades; the others hold the roll-up of its completed bars and show
 * their forming bar as that roll-up plus the forming bar of the lowest, so the per-trade cost does
 * not grow with the number of timeframes.
 */
export class BarBuilder {
  /** Ascending; bit i of `changed` and index i of `forming` refer to `timeframes[i]`. */
  readonly timeframes: readonly Timeframe[];
  readonly lateToleranceMs: number;
  /** Bit i is set when the forming bar of `timeframes[i]` changed in the last push or advanceTo. */
  changed = 0;
  readonly counts: Record<'applied' | 'revised' | RejectReason, number> = {
    applied: 0, revised: 0, 'bad-time': 0, 'bad-price': 0, 'bad-size': 0, late: 0,
  };
  private readonly onBars: (bars: BarEvent[]) => void;
  private readonly onReject: BarBuilderOptions['onReject'];
  private readonly allMask: number;
  private readonly base = new BarAccumulator();
  /** Per higher timeframe: the completed lowest-timeframe bars of its open period. Index 0 unused. */
  private readonly rolled: BarAccumulator[];
  /** Per timeframe: completed bars a late trade may still revise. */
  private readonly recent: RecentBars[];
  private readonly scratch = new BarAccumulator();
  /** Start of the oldest lowest-timeframe period still open; trades before it are late. */
  private openFrom = -Infinity;
  // Bounds of the forming lowest bar for the fast path; an empty range while there is none.
  private curStart = Infinity;
  private curEnd = -Infinity;

  constructor(options: BarBuilderOptions) {
    const tfs = [...options.timeframes];
    for (const tf of tfs) if (!isTimeframe(tf)) throw new Error(`not a timeframe: "${tf}"`);
    tfs.sort(compareTimeframes);
    if (tfs.length === 0 || tfs.length > 30) throw new Error(`expected 1 to 30 timeframes, got ${tfs.length}`);
    for (let i = 1; i < tfs.length; i++) {
      if (!canResample(tfs[0]!, tfs[i]!)) throw new Error(`cannot build ${tfs[i]} bars from ${tfs[0]} bars`);
    }
    const tolerance = options.lateToleranceMs ?? 2_000;
    if (!(tolerance >= 0 && tolerance < Infinity)) throw new Error(`lateToleranceMs must be ≥ 0, got ${tolerance}`);
    this.timeframes = tfs as Timeframe[];
    this.lateToleranceMs = tolerance;
    this.onBars = options.onBars ?? (() => {});
    this.onReject = options.onReject;
    this.allMask = 2 ** tfs.length - 1;
    this.rolled = tfs.map(() => new BarAccumulator());
    this.recent = tfs.map(() => new RecentBars());
  }

  /** Feeds one trade. Completed or revised bars go to `onBars` before this returns. */
  push(time: number, price: number, size: number): TradeOutcome {
    if (!(price > 0 && price < Infinity)) return this.reject('bad-price', time, price, size);
    if (!(size >= 0 && size < Infinity)) return this.reject('bad-size', time, price, size);
    if (time >= this.curStart && time < this.curEnd) {
      this.counts.applied++;
      const fields = this.base.addTrade(time, price, size);
      // Close and volume of every higher forming bar are those of the lowest one (plus a constant).
      this.changed = fields & (CHANGED_CLOSE | CHANGED_VOLUME) ? this.allMask : fields ? this.higherChanged(fields) : 0;
      return 'applied';
    }
    if (!Number.isFinite(time)) return this.reject('bad-time', time, price, size);
    if (time < this.openFrom) return this.revise(time, price, size);
    this.counts.applied++;
    const events = this.closeUntil(time);
    const p = periodOf(time, this.timeframes[0]!);
    this.base.reset(p.start, p.end);
    this.base.addTrade(time, price, size);
    this.curStart = p.start;
    this.curEnd = p.end;
    for (let i = 1; i < this.rolled.length; i++) {
      const r = this.rolled[i]!;
      if (r.trades === 0) {
        const hp = periodOf(p.start, this.timeframes[i]!);
        r.reset(hp.start, hp.end);
      }
    }
    this.changed = this.allMask;
    if (events.length > 0) this.onBars(events);
    return 'applied';
  }

  /**
   * The clock: completes every bar whose period ended at or before `nowMs`, so bars close on time
   * even when no trade follows. Returns (and passes to `onBars`) the completed bars.
   */
  advanceTo(nowMs: number): readonly BarEvent[] {
    if (!Number.isFinite(nowMs)) throw new Error(`advanceTo needs a finite time, got ${nowMs}`);
    const events = this.closeUntil(nowMs);
    // Rolling the lowest bar up leaves the higher forming bars as they were; only closed ones change.
    this.changed = 0;
    if (events.length === 0) return NO_EVENTS;
    for (const e of events) this.changed |= 1 << this.timeframes.indexOf(e.timeframe);
    this.onBars(events);
    return events;
  }

  /** When the next bar closes (ms), for the caller's timer; null while nothing is forming. */
  nextCloseAt(): number | null {
    if (this.base.trades > 0) return this.base.end;
    let next = Infinity;
    for (let i = 1; i < this.rolled.length; i++) if (this.rolled[i]!.trades > 0) next = Math.min(next, this.rolled[i]!.end);
    return next === Infinity ? null : next;
  }

  /** The forming bar of a timeframe (or its index), written into `out`; null when its period has no trades yet. */
  forming(tf: Timeframe | string | number, out: LiveBar): LiveBar | null {
    const i = typeof tf === 'number' ? tf : this.timeframes.indexOf(tf as Timeframe);
    if (i < 0 || i >= this.timeframes.length) throw new Error(`not a timeframe of this builder: ${tf}`);
    if (i === 0) return this.base.trades > 0 ? this.base.writeTo(out) : null;
    const r = this.rolled[i]!;
    if (r.trades === 0 && this.base.trades === 0) return null;
    this.scratch.copyFrom(r);
    this.scratch.addBar(this.base);
    return this.scratch.writeTo(out);
  }

  private reject(reason: RejectReason, time: number, price: number, size: number): RejectReason {
    this.counts[reason]++;
    this.changed = 0;
    this.onReject?.(reason, time, price, size);
    return reason;
  }

  /** Which forming bars changed when only open, high or low of the lowest one did (rare). */
  private higherChanged(fields: number): number {
    let mask = 1;
    const b = this.base;
    for (let i = 1; i < this.rolled.length; i++) {
      const r = this.rolled[i]!;
      const shows = r.trades === 0 || (fields & CHANGED_HIGH && b.high > r.high) || (fields & CHANGED_LOW && b.low < r.low) ||
        (fields & CHANGED_OPEN && b.firstTime < r.firstTime);
      if (shows) mask |= 1 << i;
    }
    return mask;
  }

  /** Completes the lowest bar if `time` is past its end, rolls it up, then completes every ended higher bar. */
  private closeUntil(time: number): BarEvent[] {
    const events: BarEvent[] = [];
    if (this.base.trades > 0 && time >= this.base.end) {
      events.push(this.complete(0, this.base));
      for (let i = 1; i < this.rolled.length; i++) this.rolled[i]!.addBar(this.base);
      this.base.trades = 0;
      this.curStart = Infinity;
      this.curEnd = -Infinity;
    }
    const from = bucketStart(time, this.timeframes[0]!);
    if (from > this.openFrom) this.openFrom = from;
    for (let i = 1; i < this.rolled.length; i++) {
      const r = this.rolled[i]!;
      if (r.trades > 0 && r.end <= this.openFrom) {
        events.push(this.complete(i, r));
        r.trades = 0;
      }
    }
    if (events.length > 0) for (const r of this.recent) r.forgetBefore(this.openFrom - this.lateToleranceMs);
    return events;
  }

  private complete(i: number, bar: BarAccumulator): BarEvent {
    if (this.lateToleranceMs > 0) this.recent[i]!.remember(bar);
    return this.event(i, bar, 'completed');
  }

  /** A late trade within tolerance: applied to the completed bars (and open higher bars) holding it. */
  private revise(time: number, price: number, size: number): TradeOutcome {
    if (time < this.openFrom - this.lateToleranceMs) return this.reject('late', time, price, size);
    const events: BarEvent[] = [];
    this.changed = 0;
    for (let i = 0; i < this.timeframes.length; i++) {
      const p = periodOf(time, this.timeframes[i]!);
      if (p.end > this.openFrom) {
        // Only higher timeframes can still be open here: the trade joins the roll-up of the forming bar.
        const r = this.rolled[i]!;
        if (r.trades === 0) r.reset(p.start, p.end);
        r.addTrade(time, price, size);
        this.changed |= 1 << i;
        continue;
      }
      // Into the completed bar, or a new one if the period had no trades (a gap until now).
      const bar = this.recent[i]!.at(p.start, p.end);
      bar.addTrade(time, price, size);
      events.push(this.event(i, bar, 'revised'));
    }
    this.counts.revised++;
    this.onBars(events);
    return 'revised';
  }

  private event(i: number, bar: BarAccumulator, kind: BarEvent['kind']): BarEvent {
    return { timeframe: this.timeframes[i]!, kind, time: bar.start, open: bar.open, high: bar.high, low: bar.low,
      close: bar.close, volume: bar.volume, trades: bar.trades };
  }
}
