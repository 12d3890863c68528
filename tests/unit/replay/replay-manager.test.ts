import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { BarUpdate } from '../../../src-shared/domain/chart.ts';
import type { ReplayState } from '../../../src-shared/contract/replay.contract.ts';
import { emptyBars, type BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import type { IndicatorConfig } from '../../../src-shared/domain/indicator.ts';
import type { BarInput, StreamingIndicator } from '../../../src-workers/indicators/types.ts';
import { microPath } from '../../../src-workers/replay/micro-candles.ts';
import { ReplayManager } from '../../../src-main/replay/replay-manager.ts';
import type { BarService } from '../../../src-main/services/bar-service.ts';
import { EventBus } from '../../../src-main/services/event-bus.ts';

/** Test double of the catalogue: `sum` = sum of the last `period` closes (NaN until there are that many). */
const calls = { add: 0, replace: 0 };
vi.mock('../../../src-workers/indicators/catalogue/index.ts', () => ({
  createStream(config: IndicatorConfig): StreamingIndicator {
    const period = Number(config.params['period'] ?? 3);
    const closes: number[] = [];
    const values = new Float64Array([Number.NaN]);
    const update = () => {
      values[0] = closes.length < period ? Number.NaN : closes.slice(-period).reduce((a, b) => a + b, 0);
    };
    return {
      outputs: ['sum'],
      values,
      add(bar: BarInput) {
        calls.add++;
        closes.push(bar.close);
        update();
      },
      replace(bar: BarInput) {
        calls.replace++;
        closes[closes.length - 1] = bar.close;
        update();
      },
    };
  },
}));

const DAY = 86_400_000;
const TF = '1d' as Timeframe;

function makeBars(count: number): BarColumns {
  const bars = emptyBars(count);
  for (let i = 0; i < count; i++) {
    const open = 100 + i;
    const close = i % 2 === 0 ? open + 2 : open - 1;
    bars.time[i] = i * DAY;
    bars.open[i] = open;
    bars.close[i] = close;
    bars.high[i] = Math.max(open, close) + 1.5;
    bars.low[i] = Math.min(open, close) - 0.5;
    bars.volume[i] = 1000 + i;
  }
  return bars;
}

const bars = makeBars(40);
const fakeBarService = { query: () => ({ bars, resampledFrom: null }) } as unknown as BarService;
const sumAt = (i: number, period = 3) => (i + 1 < period ? null : [...bars.close.subarray(i + 1 - period, i + 1)].reduce((a, b) => a + b, 0));

let bus: EventBus;
let manager: ReplayManager;
let updates: BarUpdate[];
let changes: ReplayState[];

beforeEach(() => {
  vi.useFakeTimers();
  bus = new EventBus();
  manager = new ReplayManager(fakeBarService, bus, () => Date.now());
  updates = [];
  changes = [];
  calls.add = 0;
  calls.replace = 0;
  bus.on((e) => {
    if (e.name === 'bars.updated') updates.push(e.payload as BarUpdate);
    if (e.name === 'replay.changed') changes.push(e.payload as ReplayState);
  });
});

afterEach(() => {
  manager.shutdown();
  vi.useRealTimers();
});

const base = { instrumentId: 1, timeframe: TF, from: 9 * DAY, speed: 10, microCandles: false, steps: 4, paused: false, indicators: [] };
const closedTimes = () => updates.filter((u) => u.closed).map((u) => u.time);

describe('ReplayManager', () => {
  it('reveals the bars after `from` one by one at `speed` bars per second, seq without gaps', () => {
    const state = manager.start(base);
    expect(state).toMatchObject({ state: 'playing', index: 0, total: 30, currentTime: 9 * DAY });
    vi.advanceTimersByTime(1000);
    expect(closedTimes()).toEqual(Array.from({ length: 10 }, (_, k) => (10 + k) * DAY));
    expect(updates.map((u) => u.seq)).toEqual(Array.from({ length: 10 }, (_, k) => k));
    expect(updates[0]).toMatchObject({ open: bars.open[10], high: bars.high[10], low: bars.low[10], close: bars.close[10], volume: bars.volume[10] });
  });

  it('with micro-candles sends `steps` forming updates along the micro path before each closed bar', () => {
    manager.start({ ...base, microCandles: true, steps: 4 });
    vi.advanceTimersByTime(1000);
    expect(updates).toHaveLength(50);
    for (let b = 0; b < 10; b++) {
      const group = updates.slice(b * 5, b * 5 + 5);
      const i = 10 + b;
      const path = microPath({ open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! }, 5);
      expect(group.map((u) => u.closed)).toEqual([false, false, false, false, true]);
      expect(group.every((u) => u.time === i * DAY)).toBe(true);
      expect(group.map((u) => u.close)).toEqual(path.map((p) => p.close));
      expect(group[4]).toMatchObject({ open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i] });
    }
  });

  it('pause stops the events, play resumes them', () => {
    const { replayId } = manager.start(base);
    vi.advanceTimersByTime(500);
    expect(manager.control({ replayId, action: 'pause' })).toMatchObject({ state: 'paused', index: 5 });
    const count = updates.length;
    vi.advanceTimersByTime(5000);
    expect(updates).toHaveLength(count);
    manager.control({ replayId, action: 'play' });
    vi.advanceTimersByTime(300);
    expect(closedTimes().at(-1)).toBe(17 * DAY);
    expect(changes.map((c) => c.state)).toContain('paused');
  });

  it('step reveals exactly one whole bar, forming states first, and leaves the replay paused', () => {
    const { replayId } = manager.start({ ...base, microCandles: true, steps: 4, paused: true });
    vi.advanceTimersByTime(5000);
    expect(updates).toHaveLength(0);
    expect(manager.control({ replayId, action: 'step' })).toMatchObject({ state: 'paused', index: 1, currentTime: 10 * DAY });
    expect(updates.map((u) => u.closed)).toEqual([false, false, false, false, true]);
    // Mid-bar (paused after two forming states), step finishes that bar only.
    manager.control({ replayId, action: 'play' });
    vi.advanceTimersByTime(250); // 50 updates a second: 12 updates, two whole bars and two forming states
    manager.control({ replayId, action: 'pause' });
    const before = updates.length;
    const formingSoFar = before - 1 - updates.findLastIndex((u) => u.closed);
    expect(formingSoFar).toBe(2);
    manager.control({ replayId, action: 'step' });
    const stepped = updates.slice(before);
    expect(stepped.at(-1)!.closed).toBe(true);
    expect(stepped.filter((u) => u.closed)).toHaveLength(1);
    expect(stepped).toHaveLength(5 - formingSoFar);
    expect(updates.map((u) => u.seq)).toEqual(updates.map((_, k) => k));
  });

  it('step while playing pauses first', () => {
    const { replayId } = manager.start(base);
    expect(manager.control({ replayId, action: 'step' })).toMatchObject({ state: 'paused', index: 1 });
    vi.advanceTimersByTime(2000);
    expect(updates).toHaveLength(1);
  });

  it('seek jumps with one replay.changed and no bar events, then continues after the target', () => {
    const { replayId } = manager.start({ ...base, paused: true, indicators: [{ key: 's', config: { id: 'sum', params: { period: 3 }, fuzzy: [] } }] });
    changes.length = 0;
    expect(manager.control({ replayId, action: 'seek', time: 25 * DAY })).toMatchObject({ index: 16, currentTime: 25 * DAY, state: 'paused' });
    expect(updates).toHaveLength(0);
    expect(changes).toHaveLength(1);
    manager.control({ replayId, action: 'step' });
    expect(updates[0]).toMatchObject({ time: 26 * DAY, seq: 0, indicators: { s: { sum: sumAt(26) } } });
    // Backwards, indicators restart from the new position.
    manager.control({ replayId, action: 'seek', time: 12 * DAY });
    manager.control({ replayId, action: 'step' });
    expect(updates[1]).toMatchObject({ time: 13 * DAY, seq: 1, indicators: { s: { sum: sumAt(13) } } });
    // Before `from` is clamped to the start of the replay.
    expect(manager.control({ replayId, action: 'seek', time: 0 })).toMatchObject({ index: 0, currentTime: 9 * DAY });
  });

  it('seek keeps a playing replay playing and to the end ends it', () => {
    const { replayId } = manager.start(base);
    expect(manager.control({ replayId, action: 'seek', time: 20 * DAY })).toMatchObject({ state: 'playing', index: 11 });
    vi.advanceTimersByTime(100);
    expect(closedTimes()).toEqual([21 * DAY]);
    expect(manager.control({ replayId, action: 'seek', time: 1e15 })).toMatchObject({ state: 'ended', index: 30, total: 30 });
    expect(manager.control({ replayId, action: 'seek', time: 30 * DAY })).toMatchObject({ state: 'paused', index: 21 });
  });

  it('speed changes the rate', () => {
    const { replayId } = manager.start(base);
    vi.advanceTimersByTime(1000);
    expect(closedTimes()).toHaveLength(10);
    manager.control({ replayId, action: 'speed', speed: 2 });
    vi.advanceTimersByTime(1000);
    expect(closedTimes()).toHaveLength(12);
    expect(changes.at(-1)).toMatchObject({ speed: 2 });
  });

  it('ends after the last bar', () => {
    manager.start({ ...base, speed: 1000 });
    vi.advanceTimersByTime(1000);
    expect(closedTimes()).toHaveLength(30);
    expect(changes.at(-1)).toMatchObject({ state: 'ended', index: 30, currentTime: 39 * DAY });
    expect(changes.filter((c) => c.state === 'ended')).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a step onto the last bar ends the replay with one replay.changed', () => {
    const { replayId } = manager.start({ ...base, from: 38 * DAY, paused: true });
    changes.length = 0;
    expect(manager.control({ replayId, action: 'step' })).toMatchObject({ state: 'ended', index: 1, total: 1 });
    expect(changes.map((c) => c.state)).toEqual(['ended']);
    expect(manager.control({ replayId, action: 'step' })).toMatchObject({ state: 'ended' });
    expect(updates).toHaveLength(1);
  });

  it('publishes progress at most about ten times a second', () => {
    manager.start({ ...base, speed: 1000 });
    changes.length = 0;
    vi.advanceTimersByTime(20); // 20 bars in 20 ms
    expect(changes.length).toBeLessThanOrEqual(1);
  });

  it('carries indicator values: add on the first forming state, replace after, equal to the batch value when closed', () => {
    const indicators = [{ key: 's3', config: { id: 'sum', params: { period: 3 }, fuzzy: [] } }];
    manager.start({ ...base, microCandles: true, steps: 4, indicators });
    expect(calls).toEqual({ add: 10, replace: 0 }); // warmed on the ten bars up to `from`
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual({ add: 20, replace: 40 });
    for (const u of updates.filter((x) => x.closed)) expect(u.indicators).toEqual({ s3: { sum: sumAt(u.time / DAY) } });
    // A forming update's value uses the forming close.
    const f = updates[1]!;
    expect(f.indicators['s3']!['sum']).toBe(bars.close[8]! + bars.close[9]! + f.close);
  });

  it('reports null while an indicator warms up', () => {
    manager.start({ ...base, from: -1, indicators: [{ key: 'k', config: { id: 'sum', params: { period: 3 }, fuzzy: [] } }] });
    vi.advanceTimersByTime(300);
    expect(updates.map((u) => u.indicators['k']!['sum'])).toEqual([null, null, sumAt(2)]);
  });

  it('replaces the indicator set on demand, recomputed over everything revealed', () => {
    const { replayId } = manager.start({ ...base, paused: true });
    manager.control({ replayId, action: 'step' });
    manager.control({ replayId, action: 'indicators', indicators: [{ key: 'x', config: { id: 'sum', params: { period: 2 }, fuzzy: [] } }] });
    manager.control({ replayId, action: 'step' });
    expect(updates[1]!.indicators).toEqual({ x: { sum: sumAt(11, 2) } });
  });

  it('refuses multi-timeframe indicators', () => {
    const indicators = [{ key: 'r', config: { id: 'sum', params: {}, timeframe: '1w' as Timeframe, fuzzy: [] } }];
    expect(() => manager.start({ ...base, indicators })).toThrow(/multi-timeframe indicators are not available in replay yet/);
    try {
      manager.start({ ...base, indicators });
    } catch (e) {
      expect((e as AppFailure).code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses a replay with nothing after `from`', () => {
    expect(() => manager.start({ ...base, from: 39 * DAY })).toThrow(AppFailure);
  });

  it('an unknown replay is NOT_FOUND for control and not stopped', () => {
    expect(() => manager.control({ replayId: 'rpl_abcdefgh', action: 'play' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(manager.stop('rpl_abcdefgh')).toBe(false);
  });

  it('runs several replays at once and stops the oldest beyond eight', () => {
    const ids = Array.from({ length: 9 }, () => manager.start(base).replayId);
    expect(changes.filter((c) => c.state === 'stopped').map((c) => c.replayId)).toEqual([ids[0]]);
    expect(() => manager.control({ replayId: ids[0]!, action: 'pause' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    vi.advanceTimersByTime(100);
    expect(new Set(updates.map((u) => u.streamId))).toEqual(new Set(ids.slice(1)));
  });

  it('stop forgets the replay; shutdown clears every timer', () => {
    const a = manager.start(base).replayId;
    manager.start(base);
    expect(manager.stop(a)).toBe(true);
    expect(changes.at(-1)).toMatchObject({ replayId: a, state: 'stopped' });
    manager.shutdown();
    expect(vi.getTimerCount()).toBe(0);
  });
});
