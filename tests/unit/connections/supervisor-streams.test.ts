import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src-main/connections/market-data-source.ts';
import { SourceError } from '../../../src-main/connections/market-data-source.ts';
import { T0, harness } from './harness.ts';

const trades = { symbol: 'BTC/USDT', kind: 'trades' } as const;

describe('ConnectionSupervisor: live streams', () => {
  it('a stream that throws every few seconds is iterated again exactly once per reconnect, with onGap each time', async () => {
    const { clock, source, supervisor } = harness();
    source.tickMs = 1_000;
    source.failAfterMs = 3_500;
    source.streamError = new SourceError('network', 'websocket closed (1006)');
    const events: number[] = [];
    const gaps: [number, number][] = [];
    supervisor.subscribe(trades, {
      onEvent: (e: LiveEvent) => { if (e.type === 'trades') events.push(e.trades[0]!.time - T0); },
      onGap: (lostAt, resumedAt) => gaps.push([lostAt - T0, resumedAt - T0]),
    });
    await supervisor.connect();
    // One cycle: trades at +1, +2, +3 s, the throw at +4 s, a 500 ms backoff (half of 1000),
    // reconnect at +4.5 s and a new iteration: 4.5 s per cycle. Five cycles end at 22.5 s.
    await clock.advanceTo(T0 + 22_500);
    const cycles = 5;
    expect(source.iterations.get('BTC/USDT')).toBe(cycles + 1);
    expect(source.maxOpen.get('BTC/USDT')).toBe(1);
    expect(source.open.get('BTC/USDT')).toBe(1);
    const expectedGaps = Array.from({ length: cycles }, (_, k) => [4_500 * k + 3_000, 4_500 * (k + 1)]);
    expect(gaps).toEqual(expectedGaps);
    expect(events.slice(0, 7)).toEqual([1_000, 2_000, 3_000, 5_500, 6_500, 7_500, 10_000]);
    expect(supervisor.status()).toMatchObject({ state: 'live', reconnects: cycles, subscriptions: 1, lastMessageAt: T0 + 21_000 });
    expect(source.connectCalls).toHaveLength(cycles + 1);
    // Every loss closes the client before reconnecting, so no half-dead socket is reused.
    expect(source.closeCalls.map((t) => t - T0)).toEqual(expectedGaps.map(([, resumed]) => resumed - 500));
    await supervisor.close();
    expect(source.open.get('BTC/USDT')).toBe(0);
  });

  it('never runs two loops for one subscription, even when the old loop is slow to end', async () => {
    // A minute between heartbeats keeps stall detection out of this test.
    const { clock, source, supervisor } = harness({ heartbeatSeconds: 60 });
    source.streamMode = 'manual';
    // An aborted iteration takes 2 s to end, longer than the 500 ms until the reconnect: a second
    // loop started without waiting for the first would be open at the same time.
    source.lingerMs = 2_000;
    const seen: string[] = [];
    supervisor.subscribe(trades, { onEvent: () => seen.push('event') });
    supervisor.subscribe({ symbol: 'ETH/USDT', kind: 'trades' }, { onEvent: () => {} });
    await supervisor.connect();
    for (let i = 0; i < 10; i++) {
      source.push('BTC/USDT', { type: 'trades', trades: [{ time: clock.now(), price: 1, size: 1 }] });
      await clock.flush();
      source.breakStreams(new SourceError('network', 'reset'), 'BTC/USDT');
      // Only BTC/USDT broke; ETH/USDT is aborted with the session and lingers.
      await clock.advance(600);
      expect(supervisor.status().state).toBe('live');
      expect(source.open.get('ETH/USDT')).toBe(1);
      await clock.advance(2_400);
    }
    expect(source.iterations.get('BTC/USDT')).toBe(11);
    expect(source.iterations.get('ETH/USDT')).toBe(11);
    expect(source.maxOpen.get('BTC/USDT')).toBe(1);
    expect(source.maxOpen.get('ETH/USDT')).toBe(1);
    expect(seen).toHaveLength(10);
    await supervisor.close();
  });

  it('detects a stall (socket open, no data for 3 heartbeats) and reconnects', async () => {
    const { clock, source, supervisor, logs } = harness({ heartbeatSeconds: 2 });
    source.streamMode = 'silent';
    const gaps: [number, number][] = [];
    supervisor.subscribe(trades, { onEvent: () => {}, onGap: (a, b) => gaps.push([a - T0, b - T0]) });
    await supervisor.connect();
    await clock.advance(5_999);
    expect(supervisor.status().state).toBe('live');
    expect(source.pingCalls).toHaveLength(2); // pings keep answering: only the data is gone
    await clock.advance(1);
    expect(supervisor.status()).toMatchObject({ state: 'reconnecting', attempt: 1, retryAt: T0 + 6_500 });
    expect(supervisor.status().lastError).toContain('silent for 6 s (stalled)');
    expect(logs.some((l) => l.level === 'warn' && l.at === 6_000 && l.message.includes('lost'))).toBe(true);
    expect(source.open.get('BTC/USDT')).toBe(0);
    source.streamMode = 'ticking';
    await clock.advance(500);
    expect(gaps).toEqual([[0, 6_500]]);
    await clock.advance(60_000);
    expect(supervisor.status()).toMatchObject({ state: 'live', reconnects: 1 });
    await supervisor.close();
  });

  it('a polling source (Yahoo) is not stalled by its quiet between polls or overnight', async () => {
    const { clock, source, supervisor } = harness({ heartbeatSeconds: 2 });
    source.streamsPoll = true;
    source.streamMode = 'silent';
    supervisor.subscribe(trades, { onEvent: () => {} });
    await supervisor.connect();
    await clock.advance(600_000);
    expect(supervisor.status()).toMatchObject({ state: 'live', reconnects: 0 });
    await supervisor.close();
  });

  it('no subscription, no stall: a quiet connection with answered pings stays live', async () => {
    const { clock, source, supervisor } = harness();
    source.streamMode = 'silent';
    await supervisor.connect();
    await clock.advance(120_000);
    expect(supervisor.status()).toMatchObject({ state: 'live', latencyMs: 7 });
    expect(source.pingCalls).toHaveLength(120);
    await supervisor.close();
  });

  it('a failed or unanswered heartbeat counts as a lost connection', async () => {
    const { clock, source, supervisor } = harness({ heartbeatSeconds: 5 });
    source.pingPlan = [3, new SourceError('network', 'ping: socket hang up'), 4, 'hang'];
    await supervisor.connect();
    await clock.advance(10_000);
    expect(supervisor.status()).toMatchObject({ state: 'reconnecting', lastError: 'the heartbeat failed: ping: socket hang up' });
    await clock.advance(500); // reconnect; pings at +5 s (answers 4) and +10 s (never answers)
    expect(supervisor.status().state).toBe('live');
    await clock.advance(10_000);
    expect(supervisor.status().latencyMs).toBe(4);
    await clock.advance(5_000);
    expect(supervisor.status()).toMatchObject({
      state: 'reconnecting', lastError: 'the heartbeat failed: fakex did not answer the heartbeat within 5 s',
    });
    await supervisor.close();
  });

  it('subscriptions survive disconnect and restart on the next connect; unsubscribe stops one', async () => {
    const { clock, source, supervisor } = harness();
    const gaps: number[][] = [];
    const a = supervisor.subscribe(trades, { onEvent: () => {}, onGap: (l, r) => gaps.push([l - T0, r - T0]) });
    supervisor.subscribe({ symbol: 'ETH/USDT', kind: 'trades' }, { onEvent: () => {} });
    await supervisor.connect();
    await clock.advance(2_500);
    await supervisor.disconnect();
    expect(source.open.get('BTC/USDT')).toBe(0);
    expect(supervisor.status()).toMatchObject({ state: 'disconnected', subscriptions: 2 });
    await clock.advance(7_500);
    await supervisor.connect();
    expect(source.iterations.get('BTC/USDT')).toBe(2);
    // The caller learns what it missed while disconnected: from the last trade (2 s) to now (10 s).
    expect(gaps).toEqual([[2_000, 10_000]]);
    expect(supervisor.unsubscribe(a)).toBe(true);
    expect(supervisor.unsubscribe(a)).toBe(false);
    await clock.flush();
    expect(source.open.get('BTC/USDT')).toBe(0);
    expect(source.open.get('ETH/USDT')).toBe(1);
    expect(supervisor.status().subscriptions).toBe(1);
    await supervisor.close();
  });

  it('a throwing handler is logged and does not break the stream', async () => {
    const { clock, supervisor, logs } = harness();
    let calls = 0;
    supervisor.subscribe(trades, { onEvent: () => { calls++; throw new Error('chart went away'); } });
    await supervisor.connect();
    await clock.advance(3_000);
    expect(calls).toBe(3);
    expect(supervisor.status().state).toBe('live');
    expect(logs.filter((l) => l.level === 'error').map((l) => l.message)).toContain('The handler of the BTC/USDT stream failed: chart went away');
    await supervisor.close();
  });

  it('close aborts everything and leaves no timer behind', async () => {
    const { clock, source, supervisor } = harness({ requestsPerMinute: 1 });
    supervisor.subscribe(trades, { onEvent: () => {} });
    await supervisor.connect();
    await clock.advance(1_500);
    const slow = supervisor.call('history BTC/USDT', async () => { throw new SourceError('venue', '503'); });
    const queued = supervisor.call('markets', async () => []);
    await clock.advance(100);
    expect(clock.pending()).toBeGreaterThan(0);
    await supervisor.close();
    await expect(slow).rejects.toThrow(/Disconnected from fakex/);
    await expect(queued).rejects.toThrow(/Disconnected from fakex/);
    expect(clock.pending()).toBe(0);
    expect(source.open.get('BTC/USDT')).toBe(0);
    expect(supervisor.status()).toMatchObject({ state: 'disconnected', subscriptions: 0 });
    await expect(supervisor.connect()).rejects.toThrow('The fakex connection is closed');
  });
});
