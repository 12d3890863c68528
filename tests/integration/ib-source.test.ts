// Issue 7's IB acceptance, the short parts: the real @stoqey/ib client against the fake TWS through
// the core — test, search, history equal to the fake's ground truth, and IB's connectivity messages:
// after 1100 → 1101 every live subscription is requested again within 10 s; after 1100 → 1102 none is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { staticKeyProvider } from '../../src-main/secrets/key-providers.ts';
import { tradesOfSlot } from '../fakes/tws/ground-truth.ts';
import { ibMinuteOf } from '../support/ib-minutes.ts';
import { startFakeTws, type FakeTws } from '../fakes/tws/server.ts';

const MINUTE = 60_000;
const M1 = '1m' as Timeframe;

describe('Interactive Brokers through @stoqey/ib (fake TWS)', () => {
  let tws: FakeTws;
  let core: CoreInternals;
  let dir: string;
  let connectionId: string;
  const statuses: ConnectionStatus[] = [];
  const logged: string[] = [];

  beforeAll(async () => {
    tws = await startFakeTws({ controlPort: null });
    dir = mkdtempSync(join(tmpdir(), 'cw-ib-'));
    core = await createCore({ dataDir: dir, poolSize: 1, seedDemo: false, keyProvider: staticKeyProvider(new Uint8Array(32).fill(9)) });
    core.onEvent((e) => {
      if (e.name === 'connections.status') statuses.push(e.payload as ConnectionStatus);
      if (e.name === 'connections.log') logged.push((e.payload as { message: string }).message);
    });
    connectionId = core.services.connections.save(undefined, {
      name: 'Fake TWS', kind: 'ib', ib: { host: '127.0.0.1', port: tws.port, clientId: 17, live: 'bars', regularHoursOnly: true },
      urls: {}, heartbeatSeconds: 5, pollSeconds: 60, priority: 10, breaker: { failureThreshold: 5, openSeconds: 2 },
      backoff: { initialMs: 200, maxMs: 1_000, attemptsBeforeDown: 10 },
    }, undefined).id;
  });
  afterAll(async () => {
    await core?.close();
    await tws?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tests the connection, and searches contracts spelled so they resolve again', async () => {
    const result = await core.services.connections.test(connectionId, core.services.connections.get(connectionId).settings, undefined);
    expect(result.ok, result.message).toBe(true);
    expect(result.message).toMatch(/^Connected to Interactive Brokers at 127\.0\.0\.1:\d+/);
    const aapl = await core.services.connections.markets(connectionId, 'AAPL', 20);
    expect(aapl.markets).toContainEqual(expect.objectContaining({ symbol: 'AAPL', type: 'STK' }));
    const btc = await core.services.connections.markets(connectionId, 'BTC', 20);
    expect(btc.markets.map((m) => m.symbol)).toContain('BTC.USD@PAXOS');
    const eur = await core.services.connections.markets(connectionId, 'EUR.USD@IDEALPRO', 20);
    expect(eur.markets[0]).toMatchObject({ symbol: 'EUR.USD@IDEALPRO', type: 'CASH' });
  });

  it('backfills three days of BTC.USD@PAXOS minutes equal to the fake\'s 5-second ground truth', async () => {
    const to = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
    const from = to - 3 * 1440 * MINUTE;
    const started = core.services.backfills.start({ connectionId, symbol: 'BTC.USD@PAXOS', timeframe: M1, from, to });
    const record = await core.services.backfills.finished(started.backfillId);
    expect(record).toMatchObject({ state: 'done', error: null, inserted: 3 * 1440 });
    const bars = core.services.store.read(record.instrumentId!, M1, { from, to });
    expect(bars.time.length).toBe(3 * 1440);
    const btc = tws.instruments.find((i) => i.localSymbol === 'BTC.USD')!;
    for (let i = 0; i < bars.time.length; i += 97) {
      expect(bars.time[i]).toBe(from + i * MINUTE);
      const want = ibMinuteOf(btc, bars.time[i]!);
      expect([bars.open[i], bars.high[i], bars.low[i], bars.close[i]]).toEqual(want.slice(0, 4));
      // Volume: the same sum, folded in another order (the fake sums whole units, this test decimals).
      expect(bars.volume[i]).toBeCloseTo(want[4]!, 9);
    }
    expect(tws.stats().pacingViolations).toBe(0);
  }, 60_000);

  it('requests every live subscription again within 10 s of 1101, and none after 1102', async () => {
    await core.services.live.subscribe(connectionId, 'BTC.USD@PAXOS', [M1]);
    await core.services.live.subscribe(connectionId, 'EUR.USD@IDEALPRO', [M1]);
    const realtime = () => tws.stats().streams.subscribes.filter((s) => s.kind === 'realtimeBars');
    await expect.poll(() => realtime().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const before = realtime().length;
    const reconnectsBefore = core.services.connections.get(connectionId).status.reconnects;
    const statusesBefore = statuses.length;

    tws.faults.lose();
    await new Promise((r) => setTimeout(r, 2_000));
    const restoredAt = Date.now();
    tws.faults.restore('lost');
    await expect.poll(() => realtime().length, { timeout: 10_000 }).toBe(before + 2);
    const again = realtime().slice(before);
    expect(new Set(again.map((s) => s.conId)).size).toBe(2);
    for (const s of again) expect(s.time - restoredAt).toBeLessThan(10_000);

    tws.faults.lose();
    await new Promise((r) => setTimeout(r, 2_000));
    tws.faults.restore('maintained');
    await new Promise((r) => setTimeout(r, 10_000));
    expect(realtime().length).toBe(before + 2);
    // The socket to TWS stayed up throughout: no reconnect, no subscription open twice.
    const status = core.services.connections.get(connectionId).status;
    expect(status.state).toBe('live');
    expect(status.reconnects, logged.join('\n')).toBe(reconnectsBefore);
    expect(statuses.slice(statusesBefore).every((s) => s.state === 'live')).toBe(true);
    for (const [key, n] of Object.entries(tws.stats().streams.maxConcurrent)) expect(n, key).toBe(1);
    // Bars still arrive after 1102 (the subscriptions were kept).
    const trades = core.services.live.list().map((v) => v.trades);
    await expect.poll(() => core.services.live.list().map((v) => v.trades), { timeout: 12_000 }).not.toEqual(trades);
    expect(logged.some((m) => /1101/.test(m))).toBe(true);
    expect(logged.some((m) => /1102/.test(m))).toBe(true);
  }, 60_000);
});


describe('IB market-data line limit (fake TWS with one line)', () => {
  it('refuses the second live symbol on its own row and keeps the first streaming', async () => {
    const tws = await startFakeTws({ controlPort: null, maxMarketDataLines: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'cw-ib-lines-'));
    const core = await createCore({ dataDir: dir, poolSize: 1, seedDemo: false, keyProvider: staticKeyProvider(new Uint8Array(32).fill(8)) });
    try {
      const id = core.services.connections.save(undefined, {
        name: 'One line', kind: 'ib', ib: { host: '127.0.0.1', port: tws.port, clientId: 18, live: 'bars', regularHoursOnly: true },
        urls: {}, heartbeatSeconds: 5, pollSeconds: 60, priority: 10, breaker: { failureThreshold: 5, openSeconds: 2 },
        backoff: { initialMs: 200, maxMs: 1_000, attemptsBeforeDown: 10 },
      }, undefined).id;
      await core.services.live.subscribe(id, 'BTC.USD@PAXOS', [M1]);
      await expect.poll(() => core.services.live.list()[0]!.trades, { timeout: 15_000 }).toBeGreaterThan(0);
      await core.services.live.subscribe(id, 'AAPL', [M1]);
      const aapl = () => core.services.live.list().find((v) => v.symbol === 'AAPL')!;
      await expect.poll(() => aapl().problem, { timeout: 15_000 }).toMatch(/line limit/);
      // The connection and the first symbol are untouched by the refusal.
      const btc = core.services.live.list().find((v) => v.symbol === 'BTC.USD@PAXOS')!.trades;
      await expect.poll(() => core.services.live.list().find((v) => v.symbol === 'BTC.USD@PAXOS')!.trades, { timeout: 12_000 }).toBeGreaterThan(btc);
      expect(core.services.connections.get(id).status).toMatchObject({ state: 'live', reconnects: 0 });
    } finally {
      await core.close();
      await tws.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('IB live symbols from tick-by-tick trades (fake TWS)', () => {
  it('streams trades tick by tick: the forming bar closes at a price the fake traded in that minute', async () => {
    const tws = await startFakeTws({ controlPort: null });
    const dir = mkdtempSync(join(tmpdir(), 'cw-ib-ticks-'));
    const core = await createCore({ dataDir: dir, poolSize: 1, seedDemo: false, keyProvider: staticKeyProvider(new Uint8Array(32).fill(2)) });
    try {
      const id = core.services.connections.save(undefined, {
        name: 'Ticks', kind: 'ib', ib: { host: '127.0.0.1', port: tws.port, clientId: 19, live: 'ticks', regularHoursOnly: true },
        urls: {}, heartbeatSeconds: 5, pollSeconds: 60, priority: 10, breaker: { failureThreshold: 5, openSeconds: 2 },
        backoff: { initialMs: 200, maxMs: 1_000, attemptsBeforeDown: 10 },
      }, undefined).id;
      const sub = await core.services.live.subscribe(id, 'BTC.USD@PAXOS', [M1]);
      const forming: { time: number; close: number }[] = [];
      core.onEvent((e) => {
        const u = e.payload as { streamId: string; closed: boolean; time: number; close: number };
        if (e.name === 'bars.updated' && u.streamId === sub.subscriptionId && !u.closed) forming.push({ time: u.time, close: u.close });
      });
      await expect.poll(() => core.services.live.list()[0]!.trades, { timeout: 15_000 }).toBeGreaterThanOrEqual(8);
      expect(tws.stats().streams.subscribes.map((s) => s.kind)).toEqual(['tickByTick']);
      // A forming bar's close is the last trade so far: one of the fake's trade prices of that minute.
      const btc = tws.instruments.find((i) => i.localSymbol === 'BTC.USD')!;
      const last = forming.at(-1)!;
      const prices = new Set<number>();
      for (let s = last.time / 1000; s < last.time / 1000 + 60; s += 5) for (const t of tradesOfSlot(btc, s)) prices.add(t.price);
      expect(prices.has(last.close)).toBe(true);
    } finally {
      await core.close();
      await tws.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
