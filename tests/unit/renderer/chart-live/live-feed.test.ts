import { describe, expect, it } from 'vitest';
import type { BarUpdate } from '../../../../src-shared/domain/chart.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { BarWindow, type Bar } from '../../../../src-renderer/pages/chart/data/bar-window.ts';
import type { FrameScheduler } from '../../../../src-renderer/pages/chart/data/update-coalescer.ts';
import { LiveFeed, type LiveSink } from '../../../../src-renderer/pages/chart/live/live-feed.ts';
import { LiveStreamGate } from '../../../../src-renderer/pages/chart/live/live-stream-gate.ts';

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 10, 12, 0);
const STREAM = 'sub_abcdef';

let seq = 0;
function u(timeframe: string, time: number, close: number, closed: boolean, patch: Partial<BarUpdate> = {}): BarUpdate {
  return {
    streamId: STREAM, instrumentId: 4, timeframe: timeframe as Timeframe, seq: seq++, closed, time,
    open: 100, high: Math.max(100, close), low: Math.min(100, close), close, volume: 1, indicators: {}, ...patch,
  };
}

describe('the live stream gate', () => {
  it('passes only the chart\'s stream, instrument and timeframe, renumbered without gaps', () => {
    seq = 10;
    const gate = new LiveStreamGate(STREAM, 4, '1m');
    const out = [
      u('1m', T0, 101, false), u('5m', T0, 101, false), u('1m', T0, 102, false),
      u('1m', T0, 102, false, { streamId: 'rpl_other0' }), u('1m', T0, 102, false, { instrumentId: 9 }),
    ].map((x) => gate.offer(x));
    expect(out.map((v) => v.update?.seq ?? null)).toEqual([0, null, 1, null, null]);
    expect(out.map((v) => v.update?.close ?? null)).toEqual([101, null, 102, null, null]);
    expect(out.every((v) => v.missed === 0)).toBe(true);
  });

  it('counts a gap in the stream\'s seq, whatever timeframe the skipped updates were', () => {
    const gate = new LiveStreamGate(STREAM, 4, '1h');
    const first = { ...u('1m', T0, 1, false), seq: 100 };
    const after5m = { ...u('5m', T0, 1, false), seq: 101 };
    const jump = { ...u('1h', T0, 1, false), seq: 105 };
    expect(gate.offer(first).missed).toBe(0);
    expect(gate.offer(after5m).missed).toBe(0);
    expect(gate.offer(jump)).toMatchObject({ missed: 3, update: { seq: 0, timeframe: '1h' } });
  });

  it('treats a closed bar as final: a forming state of it or an older bar that comes later is dropped', () => {
    const gate = new LiveStreamGate(STREAM, 4, '1m');
    expect(gate.offer(u('1m', T0, 101, true)).update).not.toBeNull();
    expect(gate.offer(u('1m', T0, 99, false)).update).toBeNull();
    expect(gate.offer(u('1m', T0 - MIN, 99, false)).update).toBeNull();
    expect(gate.offer(u('1m', T0 + MIN, 99, false)).update).not.toBeNull();
  });

  it('drops a reordered forming state but keeps a reordered closed bar', () => {
    const gate = new LiveStreamGate(STREAM, 4, '1m');
    const a = { ...u('1m', T0, 101, false), seq: 50 };
    const b = { ...u('1m', T0, 102, false), seq: 51 };
    const closedLate = { ...u('1m', T0, 103, true), seq: 49 };
    gate.offer(b);
    expect(gate.offer(a).update).toBeNull();
    expect(gate.offer(closedLate).update).toMatchObject({ closed: true, close: 103 });
  });
});

/** A frame clock advanced by hand. */
function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const scheduler: FrameScheduler = { request: (cb) => (callbacks.set(next, cb), next++), cancel: (h) => void callbacks.delete(h) };
  return {
    scheduler,
    frame() {
      const due = [...callbacks.values()];
      callbacks.clear();
      due.forEach((cb) => cb());
    },
  };
}

const bar = (time: number, close: number): Bar => ({ time, open: 100, high: Math.max(100, close), low: Math.min(100, close), close, volume: 1 });

/** A sink that merges into a real BarWindow, as the chart session does. */
function windowSink(bars: Bar[]) {
  const window = new BarWindow(1000);
  window.reset({ bars, values: new Map() }, true, true);
  const state = { loading: false, resyncs: 0, applied: 0 };
  const sink: LiveSink = {
    get loading() {
      return state.loading;
    },
    get atEnd() {
      return window.atEnd;
    },
    apply(updates) {
      state.applied++;
      for (const x of updates) window.upsert({ time: x.time, open: x.open, high: x.high, low: x.low, close: x.close, volume: x.volume }, x.indicators);
    },
    resync() {
      state.resyncs++;
    },
  };
  return { window, sink, state };
}

describe('live bars merged into the chart', () => {
  it('replaces the forming bar and appends the next, once per frame', () => {
    const { window, sink, state } = windowSink([bar(T0 - MIN, 100), bar(T0, 100)]);
    const clock = manualFrames();
    const feed = new LiveFeed(STREAM, 4, '1m', sink, clock.scheduler);
    feed.push(u('1m', T0, 101, false));
    feed.push(u('5m', T0, 150, false));
    feed.push(u('1m', T0, 103, true));
    feed.push(u('1m', T0 + MIN, 104, false));
    expect(state.applied).toBe(0);
    clock.frame();
    expect(state.applied).toBe(1);
    // Three bars: the one before, T0 closed at 103 (the 5m update did not touch it), T0+1m forming at 104.
    expect(window.bars.map((b) => [b.time - T0, b.close])).toEqual([[-MIN, 100], [0, 103], [MIN, 104]]);
    feed.push(u('1m', T0 + MIN, 99, false));
    clock.frame();
    expect(window.bars.map((b) => b.close)).toEqual([100, 103, 99]);
    expect(window.bars[2]).toEqual({ time: T0 + MIN, open: 100, high: 100, low: 99, close: 99, volume: 1 });
  });

  it('holds updates while history loads and applies them once it is drawn', () => {
    const { window, sink, state } = windowSink([bar(T0 - MIN, 100)]);
    const clock = manualFrames();
    const feed = new LiveFeed(STREAM, 4, '1m', sink, clock.scheduler);
    state.loading = true;
    feed.push(u('1m', T0, 101, false));
    feed.push(u('1m', T0, 102, false));
    clock.frame();
    expect(window.length).toBe(1);
    // The reload brought the stored history, which already ends at T0 − 1m.
    state.loading = false;
    feed.loaded();
    expect(window.bars.map((b) => b.close)).toEqual([100, 102]);
  });

  it('leaves a chart scrolled back to old bars alone', () => {
    const { window, sink, state } = windowSink([bar(T0 - MIN, 100)]);
    window.atEnd = false;
    const clock = manualFrames();
    const feed = new LiveFeed(STREAM, 4, '1m', sink, clock.scheduler);
    feed.push(u('1m', T0, 101, false));
    clock.frame();
    expect(state.applied).toBe(0);
    expect(window.length).toBe(1);
  });

  it('reloads the newest bars after a missed update, then applies what came with it', () => {
    const { window, sink, state } = windowSink([bar(T0 - MIN, 100)]);
    const clock = manualFrames();
    const feed = new LiveFeed(STREAM, 4, '1m', sink, clock.scheduler);
    feed.push({ ...u('1m', T0, 101, false), seq: 1 });
    clock.frame();
    feed.push({ ...u('1m', T0 + 2 * MIN, 105, false), seq: 7 });
    clock.frame();
    expect(state.resyncs).toBe(1);
    // The session reloads (loading), then reports it is drawn: the held update lands on the reloaded window.
    window.reset({ bars: [bar(T0 - MIN, 100), bar(T0, 102), bar(T0 + MIN, 103)], values: new Map() }, true, true);
    feed.loaded();
    expect(window.bars.map((b) => b.close)).toEqual([100, 102, 103, 105]);
  });

  it('stops after dispose', () => {
    const { window, sink } = windowSink([bar(T0, 100)]);
    const clock = manualFrames();
    const feed = new LiveFeed(STREAM, 4, '1m', sink, clock.scheduler);
    feed.push(u('1m', T0, 110, false));
    feed.dispose();
    clock.frame();
    expect(window.bars[0]!.close).toBe(100);
  });
});
