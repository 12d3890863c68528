// Issue 7's IB live acceptance: ten minutes of live 5-second bars through the real @stoqey/ib client,
// the fake TWS dropping the connection every 30 s. The core reconnects, subscribes again exactly once
// per connection, and fetches the minutes each drop damaged, so every stored minute equals the
// fake's ground truth — none lost, none twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { staticKeyProvider } from '../../src-main/secrets/key-providers.ts';
import { ibMinuteOf } from '../support/ib-minutes.ts';
import { startFakeTws, type FakeTws } from '../fakes/tws/server.ts';

const MINUTE = 60_000;
const M1 = '1m' as Timeframe;
const SESSION_MS = 10 * MINUTE;
const DROP_EVERY_S = 30;

describe('IB live bars through a drop every 30 s for 10 minutes (fake TWS)', () => {
  let tws: FakeTws;
  let core: CoreInternals;
  let dir: string;

  beforeAll(async () => {
    tws = await startFakeTws({ controlPort: null });
    dir = mkdtempSync(join(tmpdir(), 'cw-ib-soak-'));
    core = await createCore({ dataDir: dir, poolSize: 1, seedDemo: false, keyProvider: staticKeyProvider(new Uint8Array(32).fill(4)) });
  });
  afterAll(async () => {
    await core?.close();
    await tws?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no minute and never subscribes twice', async () => {
    const statuses: ConnectionStatus[] = [];
    core.onEvent((e) => { if (e.name === 'connections.status') statuses.push(e.payload as ConnectionStatus); });
    const connection = core.services.connections.save(undefined, {
      name: 'Fake TWS', kind: 'ib', ib: { host: '127.0.0.1', port: tws.port, clientId: 21, live: 'bars', regularHoursOnly: true },
      urls: {}, heartbeatSeconds: 5, pollSeconds: 60, priority: 10, breaker: { failureThreshold: 5, openSeconds: 2 },
      backoff: { initialMs: 200, maxMs: 2_000, attemptsBeforeDown: 10 },
    }, undefined);
    const sub = await core.services.live.subscribe(connection.id, 'BTC.USD@PAXOS', [M1]);
    const joinedAt = Date.now();
    tws.faults.dropSocketsEvery(DROP_EVERY_S);
    await new Promise((r) => setTimeout(r, SESSION_MS));
    tws.faults.dropSocketsEvery(null);
    const lastWhole = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
    // Until the last whole minute's catch-up (1.5 s after a damaged minute ends) is stored.
    await new Promise((r) => setTimeout(r, lastWhole + MINUTE + 8_000 - Date.now()));

    const reconnects = core.services.connections.get(connection.id).status.reconnects;
    expect(reconnects).toBeGreaterThanOrEqual(SESSION_MS / (DROP_EVERY_S * 1000) - 2);
    const btc = tws.instruments.find((i) => i.localSymbol === 'BTC.USD')!;
    const subscribes = tws.stats().streams.subscribes.filter((s) => s.kind === 'realtimeBars' && s.conId === btc.conId);
    // Exactly one subscription per connection: the first, then one after each reconnect.
    expect(subscribes).toHaveLength(reconnects + 1);
    for (const [key, n] of Object.entries(tws.stats().streams.maxConcurrent)) expect(n, key).toBe(1);

    const first = Math.floor(joinedAt / MINUTE) * MINUTE;
    const stored = core.services.store.read(sub.instrumentId, M1, { from: first, to: lastWhole + MINUTE });
    const expectedTimes: number[] = [];
    for (let t = first; t <= lastWhole; t += MINUTE) expectedTimes.push(t);
    expect(Array.from(stored.time)).toEqual(expectedTimes);
    for (let i = 0; i < stored.time.length; i++) {
      const want = ibMinuteOf(btc, stored.time[i]!);
      const at = new Date(stored.time[i]!).toISOString();
      expect([stored.open[i], stored.high[i], stored.low[i], stored.close[i]], at).toEqual(want.slice(0, 4));
      expect(stored.volume[i], at).toBeCloseTo(want[4]!, 9);
    }
    expect(statuses.some((s) => s.state === 'reconnecting')).toBe(true);
    const view = core.services.live.list()[0]!;
    console.log(`IB live soak: ${reconnects} reconnects, ${subscribes.length} subscriptions, ${stored.time.length} minutes equal to the ground truth, ${view.caughtUp} bars caught up`);
    expect(tws.stats().pacingViolations).toBe(0);
  }, 900_000);
});
