import type { BarValues, LiveEvent } from '../market-data-source.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';

export interface PolledUpdate {
  readonly events: LiveEvent[];
  /** Bars whose period ended while Yahoo stopped listing them: closed with the values last seen. */
  readonly vanished: BarValues[];
}

/**
 * What one polled symbol has already said: the bars yielded while still forming, and the newest
 * bar yielded final. Each poll's answer is turned into only the news — a bar not seen before, a
 * forming bar whose values changed, a bar whose period has just ended (final, once).
 */
export class PolledBars {
  private readonly forming = new Map<number, BarValues>();
  private finalUpTo = -Infinity;
  private newest: number | null = null;

  constructor(private readonly timeframe: Timeframe) {}

  /** Where the next poll must start so that nothing after what was seen is missed (null: nothing seen yet). */
  resumeFrom(): number | null {
    if (this.forming.size > 0) return Math.min(...this.forming.keys());
    return this.newest === null ? null : this.newest + 1;
  }

  hasForming(): boolean {
    return this.forming.size > 0;
  }

  /**
   * Folds in one poll's bars (ascending), fetched when the clock read `now`; `periodEnd` says
   * when a bar's period is over.
   */
  update(bars: readonly BarValues[], now: number, periodEnd: (time: number) => number): PolledUpdate {
    const events: LiveEvent[] = [];
    const listed = new Set<number>();
    for (const bar of bars) {
      if (bar.time <= this.finalUpTo) continue;
      listed.add(bar.time);
      const final = periodEnd(bar.time) <= now;
      const before = this.forming.get(bar.time);
      if (!before || final || !sameValues(before, bar)) events.push({ type: 'bar', timeframe: this.timeframe, bar, final });
      if (final) {
        this.forming.delete(bar.time);
        this.finalUpTo = bar.time;
      } else {
        this.forming.set(bar.time, bar);
      }
      this.newest = Math.max(this.newest ?? bar.time, bar.time);
    }
    // A forming bar missing from an answer after its period ended would otherwise stay open forever.
    const vanished: BarValues[] = [];
    for (const [time, bar] of [...this.forming].sort((a, b) => a[0] - b[0])) {
      if (listed.has(time) || periodEnd(time) > now) continue;
      vanished.push(bar);
      events.push({ type: 'bar', timeframe: this.timeframe, bar, final: true });
      this.forming.delete(time);
      this.finalUpTo = Math.max(this.finalUpTo, time);
    }
    if (vanished.length > 0) events.sort((a, b) => (a.type === 'bar' && b.type === 'bar' ? a.bar.time - b.bar.time : 0));
    return { events, vanished };
  }
}

function sameValues(a: BarValues, b: BarValues): boolean {
  return a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;
}
