// Issue 7's Alpaca acceptance: the real SDK (@alpacahq/alpaca-trade-api) against the fake Alpaca,
// through the core — history into the store by a backfill, and live trades on one shared socket per
// key whose drops are recovered by fetching the damaged minutes over REST, so no minute is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { staticKeyProvider } from '../../src-main/secrets/key-providers.ts';
import { DEFAULT_KEY } from '../fakes/alpaca/access.ts';
import { startFakeAlpaca, type FakeAlpaca } from '../fakes/alpaca/server.ts';
import { tradeMs } from '../fakes/alpaca/trade-generator.ts';

const MINUTE = 60_000;
const M1 = '1m' as Timeframe;

describe('Alpaca through the real SDK (fake Alpaca)', () => {
  let fake: FakeAlpaca;
  let core: CoreInternals;
  let dir: string;
  let connectionId: string;

  beforeAll(async () => {
    fake = await startFakeAlpaca({ origin: Date.now() - 20 * 86_400_000 });
    dir = mkdtempSync(join(tmpdir(), 'cw-alpaca-'));
    core = await createCore({ dataDir: dir, poolSize: 1, seedDemo: false, keyProvider: staticKeyProvider(new Uint8Array(32).fill(5)) });
    connectionId = core.services.connections.save(undefined, {
      name: 'Fake Alpaca', kind: 'alpaca', alpaca: { environment: 'paper', feed: 'iex' },
      urls: { rest: fake.urls.data, ws: fake.urls.stream, trading: fake.urls.tradingPaper },
      heartbeatSeconds: 5, pollSeconds: 60, priority: 10, breaker: { failureThreshold: 5, openSeconds: 2 },
      backoff: { initialMs: 200, maxMs: 1_000, attemptsBeforeDown: 10 },
    }, { apiKey: DEFAULT_KEY.keyId, secret: DEFAULT_KEY.secret }).id;
  });
  afterAll(async () => {
    await core?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tests the keys, lists the assets and refuses wrong keys readably', async () => {
    const ok = await core.services.connections.test(connectionId, core.services.connections.get(connectionId).settings, undefined);
    expect(ok.ok, ok.message).toBe(true);
    expect(ok.markets).toBeGreaterThanOrEqual(4);
    const bad = await core.services.connections.test(undefined, core.services.connections.get(connectionId).settings, { apiKey: 'PKWRONG', secret: 'nope' });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/key was refused|forbidden/);
    expect(bad.message).not.toContain('nope');
  });

  it('backfills a week of BTC/USD minutes, every bar once and equal to the fake\'s trades', async () => {
    const to = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    const from = to - 7 * 1440 * MINUTE;
    const started = core.services.backfills.start({ connectionId, symbol: 'BTC/USD', timeframe: M1, from, to });
    const record = await core.services.backfills.finished(started.backfillId);
    expect(record).toMatchObject({ state: 'done', error: null, cursor: to });
    const bars = core.services.store.read(record.instrumentId!, M1, { from, to });
    const withTrades = minutesWithTrades(fake, 'BTC/USD', from, to);
    expect(Array.from(bars.time)).toEqual(withTrades);
    for (let i = 0; i < bars.time.length; i += 301) {
      expect([bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]]).toEqual(minuteFromTrades(fake, 'BTC/USD', bars.time[i]!));
    }
    // The SDK's paging: 10,080 minutes are more than one page of 10,000.
    const pages = fake.stats().requests.filter((r) => r.path.includes('/crypto/us/bars'));
    expect(pages.some((r) => r.query.page_token !== undefined)).toBe(true);
  }, 120_000);

  it('streams two symbols on one socket, recovers a dropped stream by REST and loses no minute', async () => {
    const statsBefore = fake.stats().stream;
    const btc = await core.services.live.subscribe(connectionId, 'BTC/USD', [M1]);
    await core.services.live.subscribe(connectionId, 'ETH/USD', [M1]);
    const joinedAt = Date.now();
    const joinedMinute = Math.floor(joinedAt / MINUTE) * MINUTE;
    // Drop the socket twice inside the next whole minute.
    const nextMinute = joinedMinute + MINUTE;
    await sleepUntil(nextMinute + 15_000);
    expect(fake.faults.dropStreams()).toBeGreaterThanOrEqual(1);
    await sleepUntil(nextMinute + 35_000);
    fake.faults.dropStreams();
    // Until that minute has ended and its catch-up (1.5 s after it ends) is stored.
    await sleepUntil(nextMinute + MINUTE + 6_000);

    const stream = fake.stats().stream;
    expect(stream.dropped - statsBefore.dropped).toBeGreaterThanOrEqual(2);
    // One socket per key at any time, as Alpaca allows, and never a 406.
    const perKey = stream.perKey[DEFAULT_KEY.keyId]!;
    expect(perKey.maxConcurrent).toBe(1);
    expect(perKey.refusedOverLimit).toBe(0);

    const stored = core.services.store.read(btc.instrumentId, M1, { from: joinedMinute, to: nextMinute + MINUTE });
    expect(Array.from(stored.time)).toEqual(minutesWithTrades(fake, 'BTC/USD', joinedMinute, nextMinute + MINUTE));
    for (let i = 0; i < stored.time.length; i++) {
      expect([stored.open[i], stored.high[i], stored.low[i], stored.close[i], stored.volume[i]], new Date(stored.time[i]!).toISOString())
        .toEqual(minuteFromTrades(fake, 'BTC/USD', stored.time[i]!));
    }
    const view = core.services.live.list().find((v) => v.symbol === 'BTC/USD')!;
    expect(view.trades).toBeGreaterThan(0);
    expect(view.caughtUp).toBeGreaterThan(0);
  }, 240_000);
});

async function sleepUntil(t: number): Promise<void> {
  await new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));
}

function tradesOfMinute(fake: FakeAlpaca, symbol: string, minuteStart: number) {
  const trades = [];
  for (let s = minuteStart / 1000; s < minuteStart / 1000 + 60; s++) trades.push(...fake.market.historyTrades(symbol, s, 'sip'));
  return trades.filter((t) => tradeMs(t) >= minuteStart && tradeMs(t) < minuteStart + MINUTE);
}

function minutesWithTrades(fake: FakeAlpaca, symbol: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let m = from; m < to; m += MINUTE) if (tradesOfMinute(fake, symbol, m).length > 0) out.push(m);
  return out;
}

/** O, H, L, C, V of a minute aggregated here from the fake's trades (exact ticks and steps). */
function minuteFromTrades(fake: FakeAlpaca, symbol: string, minuteStart: number): number[] {
  const spec = fake.market.spec(symbol)!;
  const trades = tradesOfMinute(fake, symbol, minuteStart);
  const px = (ticks: number) => ticks / 10 ** spec.priceDecimals;
  const prices = trades.map((t) => t.priceTicks);
  const volume = trades.reduce((v, t) => v + t.sizeSteps, 0) / 10 ** spec.sizeDecimals;
  return [px(prices[0]!), px(Math.max(...prices)), px(Math.min(...prices)), px(prices.at(-1)!), volume];
}
