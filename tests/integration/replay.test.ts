import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BarSeries } from '../../src-shared/contract/bars.contract.ts';
import type { IndicatorComputeOutput } from '../../src-shared/contract/indicators.contract.ts';
import type { ReplayState } from '../../src-shared/contract/replay.contract.ts';
import type { BarUpdate } from '../../src-shared/domain/chart.ts';
import type { Instrument } from '../../src-shared/domain/instrument.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { tempDir } from '../support/temp-dir.ts';

/** Bars replayed in each test: the last ones of the demo equity's daily history. */
const REPLAYED = 40;

describe('bar replay through the core', () => {
  const tmp = tempDir();
  let core: CoreInternals;
  let instrumentId: number;
  let history: BarSeries['bars'];
  let from: number;
  let updates: BarUpdate[];
  let changes: ReplayState[];

  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await core.router.handle(channel, input, { transport: 'local' });
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const start = (input: Record<string, unknown>) => call<ReplayState>('replay.start', { instrumentId, timeframe: '1d', from, ...input });
  const control = (input: Record<string, unknown>) => call<ReplayState>('replay.control', input);
  const closed = () => updates.filter((u) => u.closed);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const until = async (what: string, done: () => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(5);
    }
  };
  const ended = (id: string) => () => changes.some((c) => c.replayId === id && c.state === 'ended');

  beforeAll(async () => {
    core = await createCore({ dataDir: tmp.dir, poolSize: 1, validateOutput: true });
    const instruments = await call<Instrument[]>('instruments.list', {});
    instrumentId = instruments.find((i) => i.symbol === 'DEMO-EQ')!.id;
    history = (await call<BarSeries>('bars.query', { instrumentId, timeframe: '1d' })).bars;
    from = history.time[history.time.length - REPLAYED - 1]!;
    core.onEvent((e) => {
      if (e.name === 'bars.updated') updates.push(e.payload as BarUpdate);
      if (e.name === 'replay.changed') changes.push(e.payload as ReplayState);
    });
  });
  afterAll(async () => {
    await core.close();
    tmp.cleanup();
  });
  beforeEach(() => {
    updates = [];
    changes = [];
  });

  const expectBar = (u: BarUpdate, i: number) =>
    expect([u.time, u.open, u.high, u.low, u.close, u.volume]).toEqual([
      history.time[i],
      history.open[i],
      history.high[i],
      history.low[i],
      history.close[i],
      history.volume[i],
    ]);

  it('plays every bar after `from` in order, seq without gaps, then ends', async () => {
    const state = await start({ speed: 500 });
    expect(state).toMatchObject({ state: 'playing', index: 0, total: REPLAYED, currentTime: from, microCandles: false });
    await until('the end', ended(state.replayId));
    const first = history.time.length - REPLAYED;
    expect(closed()).toHaveLength(REPLAYED);
    closed().forEach((u, k) => expectBar(u, first + k));
    expect(updates.map((u) => u.seq)).toEqual(updates.map((_, k) => k));
    expect(updates.every((u) => u.streamId === state.replayId && u.instrumentId === instrumentId && u.timeframe === '1d')).toBe(true);
    expect(changes.at(-1)).toMatchObject({ state: 'ended', index: REPLAYED, currentTime: history.time.at(-1) });
    // Progress is throttled: far fewer state events than bars.
    expect(changes.filter((c) => c.replayId === state.replayId).length).toBeLessThan(REPLAYED / 2);
  });

  it('with micro-candles sends the forming states of each bar before it closes, and indicators equal the batch values', async () => {
    const indicators = [
      { key: 'sma', config: { id: 'sma', params: { period: 5 } } },
      { key: 'rsi', config: { id: 'rsi', params: { period: 14 } } },
      { key: 'macd', config: { id: 'macd' } },
      { key: 'atr', config: { id: 'atr', params: { period: 14 } } },
    ];
    const state = await start({ speed: 500, microCandles: true, steps: 5, indicators });
    await until('the end', ended(state.replayId));
    const first = history.time.length - REPLAYED;
    expect(updates).toHaveLength(REPLAYED * 6);
    expect(updates.map((u) => u.seq)).toEqual(updates.map((_, k) => k));
    for (let b = 0; b < REPLAYED; b++) {
      const group = updates.slice(b * 6, b * 6 + 6);
      expect(group.map((u) => u.closed)).toEqual([false, false, false, false, false, true]);
      expect(group.every((u) => u.time === history.time[first + b])).toBe(true);
      expect(group[0]!.close).toBe(history.open[first + b]);
      expectBar(group[5]!, first + b);
    }

    const batch = await call<IndicatorComputeOutput>('indicators.compute', { instrumentId, timeframe: '1d', indicators });
    expect(batch.results.map((r) => r.key)).toEqual(['sma', 'rsi', 'macd', 'atr']);
    const at = new Map([...batch.time].map((t, i) => [t, i]));
    let compared = 0;
    for (const u of closed()) {
      const i = at.get(u.time)!;
      for (const result of batch.results) {
        for (const [output, column] of Object.entries(result.outputs)) {
          const expected = Number.isNaN(column[i]!) ? null : column[i];
          expect(u.indicators[result.key]![output], `${result.key}.${output} at bar ${i}`).toBe(expected);
          if (expected !== null) compared++;
        }
      }
    }
    // Every output of every indicator had a value on every replayed bar (all are past warm-up).
    expect(compared).toBe(REPLAYED * batch.results.reduce((n, r) => n + Object.keys(r.outputs).length, 0));
  });

  it('pause stops the events, step reveals exactly one bar, seek jumps without bar events, speed changes the rate', async () => {
    const first = history.time.length - REPLAYED;
    const { replayId } = await start({ speed: 50 });
    await until('a few bars', () => closed().length >= 3);
    expect(await control({ replayId, action: 'pause' })).toMatchObject({ state: 'paused' });
    const seen = updates.length;
    await sleep(150);
    expect(updates).toHaveLength(seen);

    const stepped = await control({ replayId, action: 'step' });
    expect(updates).toHaveLength(seen + 1);
    expectBar(updates.at(-1)!, first + seen);
    expect(stepped).toMatchObject({ state: 'paused', index: seen + 1, currentTime: history.time[first + seen] });

    const target = first + 30;
    changes = [];
    const sought = await control({ replayId, action: 'seek', time: history.time[target] });
    expect(sought).toMatchObject({ state: 'paused', index: 31, currentTime: history.time[target] });
    expect(updates).toHaveLength(seen + 1);
    expect(changes).toEqual([sought]);
    await control({ replayId, action: 'step' });
    expectBar(updates.at(-1)!, target + 1);
    expect(updates.at(-1)!.seq).toBe(seen + 1);

    // Slow: a fifth of a second per bar; then fast to the end.
    await control({ replayId, action: 'seek', time: from });
    await control({ replayId, action: 'speed', speed: 5 });
    const before = updates.length;
    await control({ replayId, action: 'play' });
    await sleep(450);
    const slow = updates.length - before;
    expect(slow).toBeGreaterThanOrEqual(1);
    expect(slow).toBeLessThanOrEqual(3);
    const fastFrom = Date.now();
    expect(await control({ replayId, action: 'speed', speed: 1000 })).toMatchObject({ speed: 1000 });
    await until('the end', ended(replayId), 2000);
    expect(Date.now() - fastFrom).toBeLessThan(1500);
    expect(updates.map((u) => u.seq)).toEqual(updates.map((_, k) => k));
    expect(changes.at(-1)).toMatchObject({ state: 'ended', index: REPLAYED });
  });

  it('runs several replays at once, each with its own stream', async () => {
    const a = await start({ speed: 500 });
    const b = await start({ speed: 500, microCandles: true, steps: 2 });
    await until('both ends', () => ended(a.replayId)() && ended(b.replayId)());
    expect(updates.filter((u) => u.streamId === a.replayId)).toHaveLength(REPLAYED);
    expect(updates.filter((u) => u.streamId === b.replayId)).toHaveLength(REPLAYED * 3);
    expect(await call('replay.stop', { replayId: a.replayId })).toEqual({ stopped: true });
    expect(await call('replay.stop', { replayId: a.replayId })).toEqual({ stopped: false });
  });

  it('refuses an unknown replay and multi-timeframe indicators', async () => {
    const unknown = await core.router.handle('replay.control', { replayId: 'rpl_abcdefgh', action: 'play' }, { transport: 'local' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const mtf = await core.router.handle(
      'replay.start',
      { instrumentId, timeframe: '1d', from, indicators: [{ key: 'w', config: { id: 'rsi', timeframe: '1w' } }] },
      { transport: 'local' },
    );
    expect(mtf).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(!mtf.ok && mtf.error.message).toContain('multi-timeframe indicators are not available in replay yet');
  });
});
