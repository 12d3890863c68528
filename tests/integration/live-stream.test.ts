// The live-data issue's streaming acceptance: real ccxt watchTrades against the fake exchange, its
// sockets dropped every few seconds; the core reconnects, resubscribes, builds 1m bars from the
// trades and fetches the venue's bars of every damaged minute, so that what is stored equals the
// venue's minutes exactly — none lost, none twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { staticKeyProvider } from '../../src-main/secrets/key-providers.ts';
import { startFakeExchange, type FakeExchange } from '../fakes/exchange/server.ts';

const MINUTE = 60_000;
const M1 = '1m' as Timeframe;
/** Whole minutes streamed after the one joined midway (itself fetched from the venue once it ends). */
const WHOLE_MINUTES = 1;

describe('live stream through dropped sockets (real ccxt)', () => {
  let fake: FakeExchange;
  let core: CoreInternals;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeExchange({ origin: Date.now() - 3 * 86_400_000 });
    dir = mkdtempSync(join(tmpdir(), 'cw-live-'));
    core = await createCore({ dataDir: dir, poolSize: 1, seedDemo: false, keyProvider: staticKeyProvider(new Uint8Array(32).fill(3)) });
  });
  afterAll(async () => {
    await core.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconnects and resubscribes after every drop, and stores every minute once with the venue\'s values', async () => {
    const statuses: ConnectionStatus[] = [];
    const closed = new Map<number, number>();
    core.onEvent((e) => {
      if (e.name === 'connections.status') statuses.push(e.payload as ConnectionStatus);
      if (e.name === 'bars.updated') {
        const u = e.payload as { closed: boolean; time: number; timeframe: string };
        if (u.closed && u.timeframe === '1m') closed.set(u.time, (closed.get(u.time) ?? 0) + 1);
      }
    });
    const connection = core.services.connections.save(undefined, {
      name: 'Fake Binance', kind: 'ccxt', exchange: 'binance', urls: { rest: fake.restUrl, ws: fake.wsUrl },
      heartbeatSeconds: 5, pollSeconds: 60, priority: 10, breaker: { failureThreshold: 5, openSeconds: 2 },
      backoff: { initialMs: 200, maxMs: 1_000, attemptsBeforeDown: 10 },
    }, undefined);
    const sub = await core.services.live.subscribe(connection.id, 'BTC/USDT', [M1]);
    const joinedAt = Date.now();
    fake.faults.dropSocketsEvery(4);
    const lastWhole = Math.floor(joinedAt / MINUTE) * MINUTE + WHOLE_MINUTES * MINUTE;
    // Until the last whole minute has ended and its catch-up (1.5 s after a damaged minute) is done.
    await new Promise((r) => setTimeout(r, lastWhole + MINUTE + 4_000 - Date.now()));
    fake.faults.dropSocketsEvery(null);

    const reconnects = statuses.filter((s, i) => s.state === 'live' && i > 0 && statuses[i - 1]!.state !== 'live').length;
    expect(reconnects).toBeGreaterThanOrEqual(10);
    expect(statuses.some((s) => s.state === 'reconnecting' && s.retryAt !== null)).toBe(true);
    // Resubscribed after every reconnect, and never twice: one trade stream open once the drops stop.
    expect(fake.stats().ws.subscribeRequests).toBeGreaterThanOrEqual(reconnects);
    await expect.poll(() => fake.stats().ws.streams, { timeout: 15_000 }).toBe(1);

    const stored = core.services.store.read(sub.instrumentId, M1, { from: Math.floor(joinedAt / MINUTE) * MINUTE, to: lastWhole });
    const expectedTimes = [];
    for (let t = Math.floor(joinedAt / MINUTE) * MINUTE; t <= lastWhole; t += MINUTE) expectedTimes.push(t);
    expect(Array.from(stored.time)).toEqual(expectedTimes);
    for (let i = 0; i < stored.time.length; i++) {
      expect([stored.open[i], stored.high[i], stored.low[i], stored.close[i], stored.volume[i]], new Date(stored.time[i]!).toISOString())
        .toEqual(minuteFromTrades(fake, 'BTCUSDT', stored.time[i]!));
    }
    // Every whole minute reached the chart as closed; a damaged one a second time, corrected.
    for (const t of expectedTimes) expect(closed.get(t) ?? 0).toBeGreaterThanOrEqual(1);
    const view = core.services.live.list()[0]!;
    expect(view.trades).toBeGreaterThan(0);
    expect(view.caughtUp).toBeGreaterThan(0);
  }, 300_000);
});

/** O, H, L, C, V of the minute starting at `time`, from the fake's trades (exact ticks and steps). */
function minuteFromTrades(fake: FakeExchange, symbol: string, time: number): number[] {
  const spec = fake.market.spec(symbol)!;
  const prices: number[] = [];
  let steps = 0;
  fake.market.visitMinute(spec, time / MINUTE, (_id, _t, priceTicks, qtySteps) => {
    prices.push(priceTicks);
    steps += qtySteps;
  });
  const px = (ticks: number) => ticks / 10 ** spec.tickDecimals;
  return [px(prices[0]!), px(Math.max(...prices)), px(Math.min(...prices)), px(prices.at(-1)!), steps / 10 ** spec.stepDecimals];
}
