import type { LiveSubscription } from '../../src-shared/contract/live.contract.ts';
import { barsFromRecords, type BarColumns } from '../../src-shared/domain/bars.ts';
import { bucketStart, timeframeMs, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import { emptyLiveBar, type LiveBar } from '../../src-workers/live/bar-accumulator.ts';
import { BarBuilder, type BarEvent } from '../../src-workers/live/bar-builder.ts';
import type { ConnectionSupervisor } from '../connections/connection-supervisor.ts';
import type { BarValues, LiveEvent, MarketDataSource } from '../connections/market-data-source.ts';
import type { SubscriptionRow } from '../market-data/connection-repo.ts';
import { describeError } from '../market-data/source-factory.ts';
import type { BarIngest } from '../quality/bar-ingest.ts';
import type { EventBus } from '../services/event-bus.ts';

/** Forming bars go to charts at most this often per timeframe; completed bars go at once. */
const FORMING_EVERY_MS = 200;
/** After a lost stream, the venue's bars of the damaged periods are fetched this long after they end. */
const SETTLE_MS = 1_500;
/** On start: this many recent bars are fetched so a chart has context and nothing before is missing. */
const WARM_UP_BARS = 500;

export interface LiveStreamDeps {
  row: SubscriptionRow;
  supervisor: ConnectionSupervisor;
  source: MarketDataSource;
  ingest: BarIngest;
  bus: EventBus;
  onLog: (level: 'info' | 'warn' | 'error', message: string) => void;
  now?: () => number;
}

/**
 * One live symbol: trades in, bars of every timeframe out (src-workers/live), each completed bar
 * stored and pushed to charts; after a lost stream the venue's own bars of the damaged periods
 * replace what was built from the incomplete trades, so no bar is lost or counted twice.
 */
export class LiveStream {
  private readonly builder: BarBuilder;
  private readonly source: string;
  private readonly now: () => number;
  private supervisorSub: string | null = null;
  private closeTimer: NodeJS.Timeout | null = null;
  private closeAt = Infinity;
  private readonly formingTimers = new Map<Timeframe, NodeJS.Timeout>();
  private readonly catchUps = new Set<NodeJS.Timeout>();
  private seq = 0;
  private stopped = false;
  private readonly scratch: LiveBar = emptyLiveBar();
  private readonly counters = { trades: 0, barsCompleted: 0, caughtUp: 0, lastTradeAt: null as number | null };
  /** Why the venue refused the stream, until data flows again. */
  private problem: string | null = null;

  constructor(private readonly d: LiveStreamDeps) {
    this.now = d.now ?? Date.now;
    this.source = `live:${d.row.connectionId}`;
    this.builder = new BarBuilder({ timeframes: d.row.timeframes, onBars: (events) => this.completed(events) });
  }

  get id(): string {
    return this.d.row.id;
  }

  start(): void {
    const lowest = this.builder.timeframes[0]!;
    // Venues without a trade feed (Yahoo) stream their own bars of the lowest timeframe.
    const request = this.d.source.liveKind === 'bars'
      ? { symbol: this.d.row.symbol, kind: 'bars' as const, timeframe: lowest }
      : { symbol: this.d.row.symbol, kind: 'trades' as const };
    this.supervisorSub = this.d.supervisor.subscribe(request, {
      onEvent: (event) => this.onEvent(event),
      onGap: (lostAt, resumedAt) => this.onGap(lostAt, resumedAt),
      onRefused: (message) => { this.problem = message; },
    });
    const period = timeframeMs(lowest) ?? 60_000;
    const now = this.now();
    void this.catchUp(lowest, now - WARM_UP_BARS * period, bucketStart(now, lowest), 'warm-up');
    // The first period is joined midway: its trades before now were never seen, so it is fetched too.
    this.onGap(now, now);
  }

  stop(): void {
    this.stopped = true;
    if (this.supervisorSub !== null) this.d.supervisor.unsubscribe(this.supervisorSub);
    if (this.closeTimer) clearTimeout(this.closeTimer);
    for (const t of this.formingTimers.values()) clearTimeout(t);
    for (const t of this.catchUps) clearTimeout(t);
    this.formingTimers.clear();
    this.catchUps.clear();
  }

  view(): LiveSubscription {
    const rejected: Record<string, number> = {};
    for (const [reason, n] of Object.entries(this.builder.counts)) if (reason !== 'applied' && reason !== 'revised' && n > 0) rejected[reason] = n;
    return {
      subscriptionId: this.d.row.id, connectionId: this.d.row.connectionId, symbol: this.d.row.symbol, instrumentId: this.d.row.instrumentId,
      timeframes: [...this.builder.timeframes], ...this.counters, rejected, problem: this.problem,
    };
  }

  private onEvent(event: LiveEvent): void {
    if (this.stopped) return;
    if (event.type === 'trades' || event.type === 'bar') this.problem = null;
    if (event.type === 'trades') {
      for (const t of event.trades) this.builder.push(t.time, t.price, t.size);
      this.counters.trades += event.trades.length;
      if (event.trades.length > 0) this.counters.lastTradeAt = event.trades[event.trades.length - 1]!.time;
      if (event.through !== undefined) this.builder.advanceTo(event.through);
      this.scheduleClose();
      for (let i = 0; i < this.builder.timeframes.length; i++) this.scheduleForming(this.builder.timeframes[i]!);
    } else if (event.type === 'gap') {
      this.onGap(event.lostAt, event.resumedAt);
    } else if (event.type === 'notice') {
      this.d.onLog(event.level, `${this.d.row.symbol}: ${event.message}`);
    } else if (event.final) {
      this.store(event.timeframe, [event.bar], 'replace');
      this.counters.barsCompleted++;
    } else {
      this.push(event.timeframe, event.bar, false);
    }
  }

  /**
   * Bars complete on time even when no trade follows: a timer at the next period end (plus the
   * source's lag, for venues whose trades arrive after their time).
   */
  private scheduleClose(): void {
    const at = this.builder.nextCloseAt();
    if (at === null || at === this.closeAt) return;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    const lag = this.d.source.liveLagMs ?? 0;
    this.closeAt = at;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      this.closeAt = Infinity;
      this.builder.advanceTo(this.now() - lag);
      this.scheduleClose();
    }, Math.max(0, at + lag - this.now()));
  }

  private scheduleForming(tf: Timeframe): void {
    if (this.formingTimers.has(tf)) return;
    this.formingTimers.set(tf, setTimeout(() => {
      this.formingTimers.delete(tf);
      const bar = this.builder.forming(tf, this.scratch);
      if (bar && !this.stopped) this.push(tf, bar, false);
    }, FORMING_EVERY_MS));
  }

  private completed(events: readonly BarEvent[]): void {
    const byTf = new Map<Timeframe, BarValues[]>();
    for (const e of events) {
      const list = byTf.get(e.timeframe) ?? [];
      list.push({ time: e.time, open: e.open, high: e.high, low: e.low, close: e.close, volume: e.volume });
      byTf.set(e.timeframe, list);
    }
    for (const [tf, bars] of byTf) {
      this.store(tf, bars, 'replace');
      this.counters.barsCompleted += bars.length;
    }
  }

  /** Stores bars (one transaction per call) and pushes them to charts as closed. */
  private store(tf: Timeframe, bars: readonly BarValues[], policy: 'replace' | 'fill'): void {
    const sorted = [...bars].sort((a, b) => a.time - b.time);
    try {
      this.d.ingest.write(this.d.row.instrumentId, tf, barsFromRecords(sorted), this.source, policy);
    } catch (error) {
      this.d.onLog('error', `Could not store ${this.d.row.symbol} ${tf} bars: ${describeError(error)}`);
      return;
    }
    for (const bar of sorted) this.push(tf, bar, true);
  }

  private push(tf: Timeframe, bar: BarValues, closed: boolean): void {
    this.d.bus.emit('bars.updated', {
      streamId: this.d.row.id, instrumentId: this.d.row.instrumentId, timeframe: tf, seq: this.seq++, closed,
      time: bar.time, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume, indicators: {},
    });
  }

  /** The periods the lost stream damaged, per timeframe, are fetched from the venue once they have ended. */
  private onGap(lostAt: number, resumedAt: number): void {
    for (const tf of this.builder.timeframes) {
      const period = timeframeMs(tf) ?? 60_000;
      const from = bucketStart(lostAt, tf);
      const to = bucketStart(resumedAt, tf) + period;
      const timer = setTimeout(() => {
        this.catchUps.delete(timer);
        void this.catchUp(tf, from, to, 'gap');
      }, Math.max(0, to + SETTLE_MS - this.now()));
      this.catchUps.add(timer);
    }
  }

  private async catchUp(tf: Timeframe, from: number, to: number, why: 'warm-up' | 'gap'): Promise<void> {
    if (this.stopped || !(to > from)) return;
    try {
      const bars = await this.d.supervisor.call(`catch-up ${this.d.row.symbol} ${tf}`, (signal) =>
        this.d.source.history({ symbol: this.d.row.symbol, timeframe: tf, from, to }, signal),
      );
      if (this.stopped || bars.time.length === 0) return;
      this.d.ingest.write(this.d.row.instrumentId, tf, bars, `venue:${this.d.row.connectionId}`, 'replace');
      this.counters.caughtUp += bars.time.length;
      if (why === 'gap') {
        for (let i = 0; i < bars.time.length; i++) this.push(tf, barAt(bars, i), true);
        this.d.onLog('info', `${this.d.row.symbol} ${tf}: ${bars.time.length} bars of the lost period fetched from the venue`);
      }
    } catch (error) {
      this.d.onLog('warn', `${this.d.row.symbol} ${tf}: could not fetch bars ${new Date(from).toISOString()} – ${new Date(to).toISOString()}: ${describeError(error)}`);
    }
  }
}


function barAt(bars: BarColumns, i: number): BarValues {
  return { time: bars.time[i]!, open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! };
}
