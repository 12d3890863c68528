import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { replayRequests, ReplayState } from '../../src-shared/contract/replay.contract.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import type { BarInput } from '../../src-workers/indicators/types.ts';
import { microPath, type FormingBar } from '../../src-workers/replay/micro-candles.ts';
import { logBug } from '../log.ts';
import { barAt, ReplayIndicators } from './replay-indicators.ts';
import type { BarService } from '../services/bar-service.ts';
import type { EventBus } from '../services/event-bus.ts';

type StartInput = z.output<(typeof replayRequests)['replay.start']['input']>;
type ControlInput = z.output<(typeof replayRequests)['replay.control']['input']>;

/** At most this many replays run at once; starting another stops the oldest. */
export const MAX_REPLAYS = 8;
/** Progress (`replay.changed` without a state change) is published at most this often. */
const PROGRESS_INTERVAL_MS = 100;
/** Shortest timer delay: fast replays emit several updates per tick instead of a timer per update. */
const MIN_TICK_MS = 8;
/** A stalled event loop is not caught up with a burst longer than this much replay time. */
const MAX_BURST_MS = 100;

interface Session {
  readonly id: string;
  readonly instrumentId: number;
  readonly timeframe: Timeframe;
  readonly bars: BarColumns;
  /** First bar after `from`: bars before it are history. */
  readonly first: number;
  readonly micro: boolean;
  /** Forming updates per bar with micro-candles. */
  readonly steps: number;
  state: 'playing' | 'paused' | 'ended';
  speed: number;
  /** Next bar to reveal (absolute index into `bars`). */
  pos: number;
  /** Forming updates of bar `pos` already sent (micro-candles only). */
  phase: number;
  /** Next update's sequence number. */
  seq: number;
  indicators: ReplayIndicators;
  /** The forming states of bar `pos`, reused from bar to bar (micro-candles). */
  readonly path: FormingBar[];
  timer: ReturnType<typeof setTimeout> | null;
  /** Pacing: updates sent since `anchorAt`. */
  anchorAt: number;
  sentSinceAnchor: number;
  lastChangedAt: number;
}

/**
 * Replays stored history bar by bar as `bars.updated` events, paced by timers at `speed` bars per
 * second, optionally with synthesized micro-candles (see micro-candles.ts). Sessions live in memory
 * only; `shutdown()` clears every timer.
 */
export class ReplayManager {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly bars: BarService,
    private readonly bus: EventBus,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(input: StartInput): ReplayState {
    const { bars } = this.bars.query(input.instrumentId, input.timeframe, {});
    const first = firstAfter(bars.time, input.from);
    if (first === bars.time.length) {
      throw new AppFailure(
        'NOT_FOUND',
        `Instrument ${input.instrumentId} has no ${input.timeframe} bars after ${isoTime(input.from)} to replay`,
        { instrumentId: input.instrumentId, timeframe: input.timeframe, from: input.from },
      );
    }
    const indicators = ReplayIndicators.create(input.indicators, input.timeframe, bars, first);
    while (this.sessions.size >= MAX_REPLAYS) this.stop(this.sessions.keys().next().value!);
    const s: Session = {
      id: `rpl_${randomBytes(9).toString('base64url')}`,
      instrumentId: input.instrumentId,
      timeframe: input.timeframe,
      bars,
      first,
      micro: input.microCandles,
      steps: input.steps,
      state: input.paused ? 'paused' : 'playing',
      speed: input.speed,
      pos: first,
      phase: 0,
      seq: 0,
      indicators,
      path: [],
      timer: null,
      anchorAt: 0,
      sentSinceAnchor: 0,
      lastChangedAt: 0,
    };
    this.sessions.set(s.id, s);
    if (s.state === 'playing') this.restartClock(s);
    this.changed(s);
    return stateOf(s);
  }

  control(input: ControlInput): ReplayState {
    const s = this.sessions.get(input.replayId);
    if (!s) throw new AppFailure('NOT_FOUND', `No replay "${input.replayId}" (it ended with its window or was stopped)`);
    switch (input.action) {
      case 'play':
        if (s.state !== 'paused') break;
        s.state = 'playing';
        this.restartClock(s);
        this.changed(s);
        break;
      case 'pause':
        if (s.state !== 'playing') break;
        this.halt(s, 'paused');
        this.changed(s);
        break;
      case 'step':
        if (s.state === 'ended') break;
        if (s.state === 'playing') this.halt(s, 'paused');
        // The whole bar at once: its remaining forming states, then the closed one.
        while (this.sendNext(s) === 'forming');
        this.changed(s);
        break;
      case 'seek':
        this.seek(s, input.time!);
        this.changed(s);
        break;
      case 'speed':
        if (s.speed === input.speed) break;
        s.speed = input.speed!;
        if (s.state === 'playing') this.restartClock(s);
        this.changed(s);
        break;
      case 'indicators':
        // Recomputed over everything revealed so far, the forming bar included.
        s.indicators = ReplayIndicators.create(input.indicators!, s.timeframe, s.bars, s.pos);
        if (s.phase > 0) s.indicators.add(withTime(s.bars.time[s.pos]!, s.path[s.phase - 1]!));
        break;
    }
    return stateOf(s);
  }

  /** Stops and forgets a replay; false when there is no such replay (already stopped). */
  stop(replayId: string): boolean {
    const s = this.sessions.get(replayId);
    if (!s) return false;
    this.clearTimer(s);
    this.sessions.delete(replayId);
    this.bus.emit('replay.changed', { ...stateOf(s), state: 'stopped' });
    return true;
  }

  /** Clears every timer and forgets every replay (the core is closing; nobody is told). */
  shutdown(): void {
    for (const s of this.sessions.values()) this.clearTimer(s);
    this.sessions.clear();
  }

  /**
   * Reveals (or takes back) every bar up to `time` at once, without bar updates: the chart reloads
   * its history up to the new `currentTime`. The playing/paused state is kept.
   */
  private seek(s: Session, time: number): void {
    const target = Math.max(s.first, firstAfter(s.bars.time, time));
    if (target > s.pos) {
      s.indicators.advance(s.bars, s.pos, target, s.phase > 0);
    } else if (target < s.pos || s.phase > 0) {
      s.indicators = s.indicators.rebuilt(s.bars, target, s.timeframe);
    }
    s.pos = target;
    s.phase = 0;
    if (s.pos === s.bars.time.length) this.halt(s, 'ended');
    else if (s.state === 'ended') s.state = 'paused';
    else if (s.state === 'playing') this.restartClock(s);
  }

  /** Emits the next update of `s` (and ends `s` after its last bar); says whether it was forming or closed. */
  private sendNext(s: Session): 'forming' | 'closed' {
    const { bars, pos } = s;
    if (s.micro && s.phase < s.steps) {
      // The path has one state more than the forming updates: its last state is the closed bar.
      if (s.phase === 0) microPath(barAt(bars, pos), s.steps + 1, s.path);
      const forming = withTime(bars.time[pos]!, s.path[s.phase]!);
      if (s.phase === 0) s.indicators.add(forming);
      else s.indicators.replace(forming);
      s.phase++;
      this.emitBar(s, false, forming);
      return 'forming';
    }
    const bar = barAt(bars, pos);
    if (s.micro) s.indicators.replace(bar);
    else s.indicators.add(bar);
    s.phase = 0;
    s.pos++;
    this.emitBar(s, true, bar);
    // The caller announces the end.
    if (s.pos === bars.time.length) this.halt(s, 'ended');
    return 'closed';
  }

  private emitBar(s: Session, closed: boolean, bar: BarInput): void {
    this.bus.emit('bars.updated', {
      streamId: s.id,
      instrumentId: s.instrumentId,
      timeframe: s.timeframe,
      seq: s.seq++,
      closed,
      time: bar.time,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      volume: bar.volume,
      indicators: s.indicators.snapshot(),
    });
  }

  private tick(s: Session): void {
    s.timer = null;
    try {
      const rate = updatesPerSecond(s);
      const now = this.now();
      let due = Math.floor(((now - s.anchorAt) * rate) / 1000) - s.sentSinceAnchor;
      const burst = Math.max(1, Math.ceil((rate * MAX_BURST_MS) / 1000));
      if (due > burst) {
        // Behind (the loop stalled): slow down rather than flood.
        due = burst;
        s.anchorAt = now;
        s.sentSinceAnchor = -burst;
      }
      let closedAny = false;
      for (let i = 0; i < due && s.state === 'playing'; i++) {
        s.sentSinceAnchor++;
        if (this.sendNext(s) === 'closed') closedAny = true;
      }
      if (s.state === 'ended') this.changed(s);
      if (s.state !== 'playing') return;
      if (closedAny && now - s.lastChangedAt >= PROGRESS_INTERVAL_MS) this.changed(s);
      this.schedule(s);
    } catch (error) {
      // A bug (an event that fails its contract, a throwing listener) ends this replay, not the process.
      logBug('replay', error);
      try {
        this.stop(s.id);
      } catch (again) {
        logBug('replay', again);
      }
    }
  }

  private restartClock(s: Session): void {
    s.anchorAt = this.now();
    s.sentSinceAnchor = 0;
    this.schedule(s);
  }

  private schedule(s: Session): void {
    this.clearTimer(s);
    const nextDue = s.anchorAt + ((s.sentSinceAnchor + 1) * 1000) / updatesPerSecond(s);
    s.timer = setTimeout(() => this.tick(s), Math.max(MIN_TICK_MS, Math.ceil(nextDue - this.now())));
  }

  private halt(s: Session, state: 'paused' | 'ended'): void {
    this.clearTimer(s);
    s.state = state;
  }

  private clearTimer(s: Session): void {
    if (s.timer !== null) clearTimeout(s.timer);
    s.timer = null;
  }

  private changed(s: Session): void {
    s.lastChangedAt = this.now();
    this.bus.emit('replay.changed', stateOf(s));
  }
}

function stateOf(s: Session): ReplayState {
  return {
    replayId: s.id,
    instrumentId: s.instrumentId,
    timeframe: s.timeframe,
    state: s.state,
    index: s.pos - s.first,
    total: s.bars.time.length - s.first,
    speed: s.speed,
    microCandles: s.micro,
    currentTime: s.pos > 0 ? s.bars.time[s.pos - 1]! : null,
  };
}

function updatesPerSecond(s: Session): number {
  return s.speed * (s.micro ? s.steps + 1 : 1);
}

/** Index of the first bar opening after `time` (binary search over ascending times). */
function firstAfter(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A fresh object per bar: a stream may keep the bar it was given. */

function withTime(time: number, f: FormingBar): BarInput {
  return { time, open: f.open, high: f.high, low: f.low, close: f.close, volume: f.volume };
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}
