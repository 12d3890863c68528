/**
 * The fake Alpaca driven by the real SDK (@alpacahq/alpaca-trade-api 4.0.2): REST through the
 * facade's `fetchApi`, streams through `stockStream({ url })`. Expected bars are computed here from
 * the generator's raw trades, with the session, feed and aggregation rules written out again.
 */
import {
  Alpaca, ApiError, AuthError, NotFoundError, PermissionError, RateLimitError, TimeFrame, TimeFrameUnit, timeFrame, ValidationError,
  type AlpacaClientOptions, type Bar, type streaming,
} from '@alpacahq/alpaca-trade-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KEY, type FakeAlpacaKey } from '../fakes/alpaca/access.ts';
import { RawStreamClient } from '../fakes/alpaca/raw-stream-client.ts';
import { redirectToFake } from '../fakes/alpaca/sdk-redirect.ts';
import { startFakeAlpaca, type FakeAlpaca } from '../fakes/alpaca/server.ts';
import type { AlpacaMarket, AlpacaTrade } from '../fakes/alpaca/trade-generator.ts';

const LIVE_KEY: FakeAlpacaKey = { keyId: 'AKFAKE0LIVE0KEY0001', secret: 'fake-alpaca-live-secret-9876543210', environment: 'live' };
/** Wednesday 2024-03-13 10:00 in New York (EDT since Sunday the 10th). */
const NOW = Date.parse('2024-03-13T14:00:00Z');
const MIN = 60_000;

function sdk(fake: FakeAlpaca, options: AlpacaClientOptions = {}): Alpaca {
  return new Alpaca({ keyId: DEFAULT_KEY.keyId, secret: DEFAULT_KEY.secret, fetchApi: redirectToFake(fake.urls), rateLimit: false, ...options });
}

interface Expected { time: number; open: number; high: number; low: number; close: number; volume: number; tradeCount: number; vwap: number }

/** Bars of `bucketMs` (epoch-aligned) over the raw trades in [from, to) that `keep` accepts. */
function expectedBars(market: AlpacaMarket, symbol: string, from: number, to: number, bucketMs: number, keep: (t: AlpacaTrade, ms: number) => boolean, priceScale = 100, sizeScale = 1): Expected[] {
  const buckets = new Map<number, AlpacaTrade[]>();
  for (let s = from / 1000; s < to / 1000; s++) {
    for (const t of market.tradesOfSecond(symbol, s)) {
      const ms = s * 1000 + Math.floor(t.nanos / 1e6);
      if (!keep(t, ms)) continue;
      const open = Math.floor(ms / bucketMs) * bucketMs;
      const bucket = buckets.get(open) ?? [];
      bucket.push(t);
      buckets.set(open, bucket);
    }
  }
  return [...buckets].sort((a, b) => a[0] - b[0]).map(([time, ts]) => {
    const steps = ts.reduce((sum, t) => sum + t.sizeSteps, 0);
    const notional = ts.reduce((sum, t) => sum + t.priceTicks * t.sizeSteps, 0);
    return {
      time, open: ts[0].priceTicks / priceScale, close: ts[ts.length - 1].priceTicks / priceScale,
      high: Math.max(...ts.map((t) => t.priceTicks)) / priceScale, low: Math.min(...ts.map((t) => t.priceTicks)) / priceScale,
      volume: steps / sizeScale, tradeCount: ts.length, vwap: notional / steps / priceScale,
    };
  });
}

const asExpected = (b: Bar): Expected => ({
  time: b.timestamp.getTime(), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, tradeCount: b.tradeCount!, vwap: b.vwap!,
});

/** Regular sessions by hand: Friday 2024-03-08 is EST (14:30–21:00Z), Monday the 11th EDT (13:30–20:00Z). */
const SESSIONS = [[Date.parse('2024-03-08T14:30:00Z'), Date.parse('2024-03-08T21:00:00Z')], [Date.parse('2024-03-11T13:30:00Z'), Date.parse('2024-03-11T20:00:00Z')]];
const inSessions = (ms: number) => SESSIONS.some(([open, close]) => ms >= open && ms < close);
const iexInSession = (t: AlpacaTrade, ms: number) => t.exchange === 'V' && inSessions(ms);

describe('fake Alpaca REST, through the SDK', () => {
  let fake: FakeAlpaca;
  beforeAll(async () => {
    fake = await startFakeAlpaca({ now: () => NOW, keys: [DEFAULT_KEY, LIVE_KEY] });
  });
  afterAll(() => fake.close());

  it('serves the account on the paper host, and the live host only to a live key', async () => {
    const account = await sdk(fake).trading.account.getAccount();
    expect(account).toMatchObject({ accountNumber: 'PA3FAKE0ALPC', status: 'ACTIVE', cash: '100000', currency: 'USD' });
    const refused = await sdk(fake, { paper: false, retry: false }).trading.account.getAccount().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthError);
    expect(refused).toMatchObject({ status: 401, code: 40110000 });
    const live = await sdk(fake, { paper: false, keyId: LIVE_KEY.keyId, secret: LIVE_KEY.secret }).trading.account.getAccount();
    expect(live.accountNumber).toBe('512345678');
  });

  it('lists assets with the status and asset_class filters, and finds one by symbol', async () => {
    const alpaca = sdk(fake);
    const crypto = await alpaca.trading.assets.getV2Assets({ status: 'active', assetClass: 'crypto' });
    expect(crypto.map((a) => a.symbol)).toEqual(['BTC/USD', 'ETH/USD']);
    const inactive = await alpaca.trading.assets.getV2Assets({ status: 'inactive' });
    expect(inactive.map((a) => [a.symbol, a.tradable])).toEqual([['TWTR', false]]);
    const aapl = await alpaca.trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: 'AAPL' });
    expect(aapl).toMatchObject({ symbol: 'AAPL', _class: 'us_equity', exchange: 'NASDAQ', status: 'active' });
    const missing = await alpaca.trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: 'ZZZZ' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  it('reports the clock and the calendar in New York time', async () => {
    const alpaca = sdk(fake);
    const clock = await alpaca.trading.clock.legacyClock();
    expect(clock.isOpen).toBe(true);
    expect(clock.timestamp.getTime()).toBe(NOW);
    expect(clock.nextClose.toISOString()).toBe('2024-03-13T20:00:00.000Z');
    expect(clock.nextOpen.toISOString()).toBe('2024-03-14T13:30:00.000Z');
    const days = await alpaca.trading.calendar.legacyCalendar({ start: new Date('2024-03-08'), end: new Date('2024-03-12') });
    // Fri, (weekend), Mon, Tue; settlement is T+2 before 2024-05-28.
    expect(days.map((d) => [d.date.toISOString().slice(0, 10), d.open, d.close, d.settlementDate.toISOString().slice(0, 10)])).toEqual([
      ['2024-03-08', '09:30', '16:00', '2024-03-12'], ['2024-03-11', '09:30', '16:00', '2024-03-13'], ['2024-03-12', '09:30', '16:00', '2024-03-14'],
    ]);
  });

  it('pages minute bars of two symbols and the SDK follows next_page_token to the exact aggregates', async () => {
    fake.resetStats();
    const start = Date.parse('2024-03-08T00:00:00Z');
    const end = Date.parse('2024-03-12T00:00:00Z');
    const bars = await sdk(fake).marketData.getStockBars({ symbols: ['MSFT', 'AAPL'], timeframe: TimeFrame.Minute, start: new Date(start), end: new Date(end), feed: 'iex', limit: 300 });
    for (const symbol of ['AAPL', 'MSFT']) {
      const expected = expectedBars(fake.market, symbol, start, end, MIN, iexInSession);
      expect(expected.length).toBeGreaterThan(700);
      expect(bars[symbol].map(asExpected)).toEqual(expected);
    }
    // DST: the session opened at 14:30Z on Friday and at 13:30Z on Monday.
    expect(bars.AAPL[0].timestamp.toISOString()).toBe('2024-03-08T14:30:00.000Z');
    const requests = fake.stats().requests.filter((r) => r.path === '/v2/stocks/bars');
    const total = bars.AAPL.length + bars.MSFT.length;
    expect(requests.length).toBeGreaterThanOrEqual(Math.ceil(total / 300));
    expect(requests.slice(1).every((r) => r.query.page_token !== undefined && r.query.limit === '300')).toBe(true);
    expect(requests[0].query.page_token).toBeUndefined();
  });

  it('serves 15Min and crypto hour bars (a Saturday: crypto trades around the clock)', async () => {
    const alpaca = sdk(fake);
    const day = SESSIONS[1];
    const spy = await alpaca.marketData.getStockBarsFor('SPY', { timeframe: timeFrame(15, TimeFrameUnit.Minute), start: new Date(day[0]), end: new Date(day[1] - 1), feed: 'iex' });
    expect(spy.map(asExpected)).toEqual(expectedBars(fake.market, 'SPY', day[0], day[1], 15 * MIN, iexInSession));
    expect(spy).toHaveLength(26);
    const saturday = Date.parse('2024-03-09T00:00:00Z');
    const btc = await alpaca.marketData.getCryptoBars({ loc: 'us', symbols: ['BTC/USD'], timeframe: TimeFrame.Hour, start: new Date(saturday), end: new Date(saturday + 86_400_000 - 1) });
    expect(btc['BTC/USD'].map(asExpected)).toEqual(expectedBars(fake.market, 'BTC/USD', saturday, saturday + 86_400_000, 3_600_000, () => true, 100, 10_000));
    expect(btc['BTC/USD']).toHaveLength(24);
  });

  it('refuses recent SIP data on the free plan but serves it 15 minutes back, or with a subscription', async () => {
    const alpaca = sdk(fake, { retry: false });
    const recent = await alpaca.marketData.stocks.stockBars({ symbols: 'AAPL', timeframe: '1Min', feed: 'sip' }).catch((e: unknown) => e);
    expect(recent).toBeInstanceOf(PermissionError);
    expect((recent as ApiError).status).toBe(403);
    expect((recent as ApiError).message).toContain('subscription does not permit querying recent SIP data');
    const from = NOW - 30 * MIN;
    const old = await alpaca.marketData.getStockBarsFor('AAPL', { timeframe: TimeFrame.Minute, start: new Date(from), end: new Date(NOW - 16 * MIN), feed: 'sip' });
    expect(old.map(asExpected)).toEqual(expectedBars(fake.market, 'AAPL', from, NOW - 15 * MIN, MIN, () => true));
    const paid = await startFakeAlpaca({ now: () => NOW, sipSubscription: true });
    try {
      const bars = await sdk(paid).marketData.getStockBarsFor('AAPL', { timeframe: TimeFrame.Minute, start: new Date(NOW - 5 * MIN), feed: 'sip' });
      expect(bars.map(asExpected)).toEqual(expectedBars(paid.market, 'AAPL', NOW - 5 * MIN, NOW, MIN, () => true));
    } finally {
      await paid.close();
    }
  });

  it('answers a bad timeframe 422, a malformed symbol 400, an unknown one with no bars, wrong keys 401/403', async () => {
    const alpaca = sdk(fake, { retry: false });
    const badTimeframe = await alpaca.marketData.stocks.stockBars({ symbols: 'AAPL', timeframe: '1Minute' }).catch((e: unknown) => e);
    expect(badTimeframe).toBeInstanceOf(ValidationError);
    expect(badTimeframe).toMatchObject({ status: 422, code: 42210000 });
    expect((badTimeframe as ApiError).message).toContain('invalid timeframe: "1Minute"');
    const lower = await alpaca.marketData.stocks.stockBars({ symbols: 'aapl', timeframe: '1Min' }).catch((e: unknown) => e);
    expect(lower).toMatchObject({ status: 400, message: 'invalid symbol: "aapl"' });
    expect(await alpaca.marketData.getStockBars({ symbols: ['ZZZZ'], timeframe: TimeFrame.Day, start: new Date('2024-03-01') })).toEqual({});
    const wrong = sdk(fake, { secret: 'not-the-secret', retry: false });
    await expect(wrong.trading.account.getAccount()).rejects.toMatchObject({ status: 401 });
    await expect(wrong.marketData.stocks.stockBars({ symbols: 'AAPL', timeframe: '1Day' })).rejects.toBeInstanceOf(PermissionError);
  });

  it('keeps secrets out of the stats; injects a server error (over HTTP), a cut body and a delay', async () => {
    const post = await fetch(`${fake.urls.control}/faults`, { method: 'POST', body: JSON.stringify({ serverErrors: 1 }) });
    expect(post.status).toBe(200);
    const failed = await sdk(fake, { retry: false }).trading.account.getAccount().catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 500, code: 50010000 });
    fake.faults.malformed(1);
    await expect(sdk(fake).trading.account.getAccount()).rejects.toThrow(/JSON/);
    fake.faults.delay(300);
    const asked = Date.now();
    await sdk(fake).trading.clock.legacyClock();
    expect(Date.now() - asked).toBeGreaterThanOrEqual(290);
    fake.faults.clear();
    const stats = await (await fetch(`${fake.urls.control}/stats`)).text();
    expect(stats).toContain(DEFAULT_KEY.keyId);
    expect(stats).not.toContain(DEFAULT_KEY.secret);
    expect(stats).not.toContain('not-the-secret');
  });
});

describe('fake Alpaca rate limits', () => {
  let fake: FakeAlpaca;
  beforeAll(async () => {
    // The wall clock: X-RateLimit-Reset is absolute, and the SDK compares it with Date.now().
    fake = await startFakeAlpaca({ rateLimitPerMinute: 3 });
  });
  afterAll(() => fake.close());

  it('answers the fourth request in a minute 429 with the X-RateLimit headers', async () => {
    const alpaca = sdk(fake, { retry: false });
    for (let i = 0; i < 3; i++) await alpaca.trading.clock.legacyClock();
    const refused = await alpaca.trading.clock.legacyClock().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    const error = refused as RateLimitError;
    expect(error.rateLimit).toMatchObject({ limit: 3, remaining: 0 });
    const windowEnd = fake.stats().requests[0].time + MIN;
    expect(error.rateLimit!.reset!.getTime()).toBe(Math.ceil(windowEnd / 1000) * 1000);
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
    expect(fake.stats().requests.map((r) => r.status)).toEqual([200, 200, 200, 429]);
  });

  it('a 429 storm: the SDK retries twice with its own backoff (not the reset header), or not at all with retry: false', async () => {
    fake.resetStats();
    const delays: number[] = [];
    fake.faults.rateLimitStorm(2);
    const clock = await sdk(fake, { retry: { maxRetries: 2, retryDelayMs: 20, onRetry: (e) => delays.push(e.delayMs) } }).trading.clock.legacyClock();
    expect(clock.timestamp).toBeInstanceOf(Date);
    expect(fake.stats().requests.map((r) => r.status)).toEqual([429, 429, 200]);
    // 20 ms then 40 ms (±20%): exponential backoff; the minute-long X-RateLimit-Reset is ignored.
    expect(delays[0]).toBeLessThan(30);
    expect(delays[1]).toBeLessThan(60);
    fake.faults.rateLimitStorm(1);
    await expect(sdk(fake, { retry: false }).trading.clock.legacyClock()).rejects.toBeInstanceOf(RateLimitError);
    expect(fake.stats().requests).toHaveLength(4);
  });
});

type StreamTrade = streaming.StreamTrade;
type StreamBar = streaming.StreamBar;

/** Polls until `probe` returns something other than undefined/false. */
async function until<T>(probe: () => T | undefined | false, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('fake Alpaca streams, through the SDK', () => {
  // Saturday 15:00Z (the stream serves stocks at any hour), at 60×: one market minute per wall second.
  const wallStart = Date.now();
  const fakeStart = Date.parse('2024-03-16T15:00:00Z');
  const now = () => fakeStart + (Date.now() - wallStart) * 60;
  let fake: FakeAlpaca;
  let stream: ReturnType<Alpaca['marketData']['stockStream']>;
  const trades: StreamTrade[] = [];
  const bars: StreamBar[] = [];
  beforeAll(async () => {
    fake = await startFakeAlpaca({ now, tickMs: 20, authTimeoutMs: 400, keys: [DEFAULT_KEY, LIVE_KEY] });
  });
  afterAll(async () => {
    stream?.disconnect();
    await fake.close();
  });

  it('authenticates over msgpack, subscribes, and streams trades that aggregate exactly to each minute bar', async () => {
    stream = sdk(fake).marketData.stockStream({ feed: 'iex', url: fake.streamUrl('iex') });
    stream.onTrade((t) => trades.push(t));
    stream.onBar((b) => bars.push(b));
    stream.subscribeForTrades(['AAPL', 'MSFT']);
    stream.subscribeForBars(['AAPL', 'MSFT']);
    stream.connect();
    expect(await stream.whenAuthenticated()).toMatchObject({ authenticated: true });
    const subscribed = await until(() => fake.stats().stream.subscribeMessages[0]);
    expect(subscribed).toMatchObject({ keyId: DEFAULT_KEY.keyId, endpoint: 'iex', action: 'subscribe', channels: { trades: ['AAPL', 'MSFT'], bars: ['AAPL', 'MSFT'] } });
    // The minute in progress at subscription was only partly seen: compare the first whole one.
    const firstWhole = Math.ceil(subscribed.time / MIN) * MIN;
    for (const symbol of ['AAPL', 'MSFT']) {
      const bar = await until(() => bars.find((b) => b.symbol === symbol && b.timestamp.getTime() >= firstWhole));
      const open = bar.timestamp.getTime();
      const streamed = trades.filter((t) => t.symbol === symbol && t.timestamp.getTime() >= open && t.timestamp.getTime() < open + MIN);
      expect(streamed.length).toBe(bar.tradeCount);
      expect([bar.open, bar.high, bar.low, bar.close, bar.volume]).toEqual([
        streamed[0].price, Math.max(...streamed.map((t) => t.price)), Math.min(...streamed.map((t) => t.price)), streamed[streamed.length - 1].price,
        streamed.reduce((sum, t) => sum + t.size, 0),
      ]);
      expect(bar.vwap).toBeCloseTo(streamed.reduce((sum, t) => sum + t.price * t.size, 0) / bar.volume, 9);
      const iex: AlpacaTrade[] = [];
      for (let s = open / 1000; s < open / 1000 + 60; s++) iex.push(...fake.market.tradesOfSecond(symbol, s).filter((t) => t.exchange === 'V'));
      expect(asExpected(bar as Bar)).toEqual(expectedBars(fake.market, symbol, open, open + MIN, MIN, (t) => t.exchange === 'V')[0]);
      // msgpack timestamps carry the nanoseconds: the SDK's timestampRaw shows all nine digits.
      expect(streamed.map((t) => t.timestampRaw)).toEqual(iex.map((t) => `${new Date(t.epochSecond * 1000).toISOString().slice(0, 19)}.${String(t.nanos).padStart(9, '0')}Z`));
    }
    expect(fake.stats().stream).toMatchObject({ msgpack: 1, json: 0 });
  });

  it('answers a second connection with the same key 406 and closes it; the SDK retries that like a drop', async () => {
    const second = sdk(fake).marketData.stockStream({ feed: 'iex', url: fake.streamUrl('iex'), initialReconnectMs: 50, reconnectJitter: 0, maxReconnectAttempts: 2 });
    const errors: string[] = [];
    second.onError((e) => errors.push(e));
    second.connect();
    expect(await second.whenAuthenticated()).toMatchObject({ authenticated: false, status: 'closed' });
    expect(errors).toEqual(['connection limit exceeded', 'connection limit exceeded', 'connection limit exceeded']);
    expect(fake.stats().stream.perKey[DEFAULT_KEY.keyId]).toMatchObject({ connections: 1, current: 1, maxConcurrent: 1, refusedOverLimit: 3 });
  });

  it('after a drop the SDK reconnects in about a second and resubscribes everything in one message', async () => {
    const attempts: number[] = [];
    let reconnectedAt = 0;
    stream.onReconnecting((a) => attempts.push(a));
    stream.onReconnected(() => (reconnectedAt = Date.now()));
    const before = fake.stats().stream.subscribeMessages.length;
    const droppedAt = Date.now();
    expect(fake.faults.dropStreams()).toBeGreaterThanOrEqual(1);
    await until(() => reconnectedAt > 0, 5_000);
    expect(attempts).toEqual([1]);
    // initialReconnectMs 1000 with ±20% jitter, plus the handshake.
    expect(reconnectedAt - droppedAt).toBeGreaterThanOrEqual(800);
    expect(reconnectedAt - droppedAt).toBeLessThan(2_000);
    const resent = await until(() => fake.stats().stream.subscribeMessages[before]);
    expect(resent).toMatchObject({ action: 'subscribe', channels: { trades: ['AAPL', 'MSFT'], bars: ['AAPL', 'MSFT'] } });
    const count = trades.length;
    await until(() => trades.length > count + 3);
  });

  it('a stall keeps the socket open and silent; the backlog follows when it ends', async () => {
    fake.faults.stallStreams(1);
    await new Promise((r) => setTimeout(r, 100));
    const silentFrom = trades.length + bars.length;
    await new Promise((r) => setTimeout(r, 700));
    expect(trades.length + bars.length).toBe(silentFrom);
    await until(() => trades.length + bars.length > silentFrom + 3);
  });

  it('refused upgrades (503) make the SDK back off and retry until the fake accepts again', async () => {
    const crypto = sdk(fake).marketData.cryptoStream({ url: fake.streamUrl('crypto'), initialReconnectMs: 100, reconnectJitter: 0 });
    const btc: StreamTrade[] = [];
    const attempts: number[] = [];
    crypto.onTrade((t) => btc.push(t));
    let reconnected = false;
    crypto.onReconnecting((a) => attempts.push(a));
    crypto.onReconnected(() => (reconnected = true));
    crypto.subscribeForTrades(['BTC/USD']);
    crypto.connect();
    await until(() => btc.length > 0);
    expect(btc[0]).toMatchObject({ symbol: 'BTC/USD' });
    fake.faults.refuseStreams(0.5);
    fake.faults.dropStreams();
    await until(() => reconnected, 6_000);
    // 100, 200, 400 ms: the first two land inside the half second of refusals.
    expect(attempts).toEqual([1, 2, 3]);
    expect(fake.stats().stream.refusedUpgrades).toBeGreaterThanOrEqual(2);
    const count = btc.length;
    await until(() => btc.length > count);
    // The stock stream, dropped too, comes back on its own schedule: one key, two endpoints, both open.
    await until(() => fake.stats().stream.perKey[DEFAULT_KEY.keyId].current === 2, 4_000);
    expect(fake.stats().stream.perKey[DEFAULT_KEY.keyId].maxConcurrent).toBe(2);
    crypto.disconnect();
  });

  it('rejects a wrong secret with 402 and the SDK does not retry it', async () => {
    const wrong = sdk(fake, { secret: 'not-the-secret' }).marketData.stockStream({ feed: 'iex', url: fake.streamUrl('test'), initialReconnectMs: 50 });
    const opened = fake.stats().stream.opened;
    wrong.connect();
    expect(await wrong.whenAuthenticated()).toMatchObject({ authenticated: false, status: 'server_rejected', code: 402 });
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.stats().stream.opened).toBe(opened + 1);
  });

  it('speaks JSON to a client that does not ask for msgpack, with every error code it documents', async () => {
    const client = await RawStreamClient.open(fake.streamUrl('test'));
    expect(await client.waitFor((m) => m.T === 'success')).toEqual({ T: 'success', msg: 'connected' });
    client.send({ action: 'subscribe', trades: ['SPY'] });
    expect(await client.waitFor((m) => m.T === 'error')).toEqual({ T: 'error', code: 401, msg: 'not authenticated' });
    client.send('{not json');
    expect(await client.waitFor((m) => m.code === 400)).toEqual({ T: 'error', code: 400, msg: 'invalid syntax' });
    client.send({ action: 'auth', key: DEFAULT_KEY.keyId, secret: DEFAULT_KEY.secret });
    await client.waitFor((m) => m.msg === 'authenticated');
    client.send({ action: 'auth', key: DEFAULT_KEY.keyId, secret: DEFAULT_KEY.secret });
    expect(await client.waitFor((m) => m.code === 403)).toMatchObject({ msg: 'already authenticated' });
    client.send({ action: 'subscribe', trades: ['SPY'], quotes: ['SPY'] });
    expect(await client.waitFor((m) => m.T === 'subscription')).toMatchObject({ trades: ['SPY'], quotes: ['SPY'], bars: [], corrections: ['SPY'] });
    const trade = await client.waitFor((m) => m.T === 't');
    expect(trade).toMatchObject({ S: 'SPY', z: 'B' });
    expect(trade.t).toMatch(/^2024-03-16T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/);
    expect(await client.waitFor((m) => m.T === 'q')).toMatchObject({ S: 'SPY' });
    client.close();
    const sip = await RawStreamClient.open(fake.streamUrl('sip'));
    sip.send({ action: 'auth', key: DEFAULT_KEY.keyId, secret: DEFAULT_KEY.secret });
    expect(await sip.waitFor((m) => m.T === 'error')).toEqual({ T: 'error', code: 409, msg: 'insufficient subscription' });
    sip.close();
  });

  it('limits IEX trades + quotes to 30 symbols (405) and closes a socket that never authenticates (404)', async () => {
    // The other key: the SDK stream above holds this key's one IEX connection.
    const iex = await RawStreamClient.open(fake.streamUrl('iex'), { 'APCA-API-KEY-ID': LIVE_KEY.keyId, 'APCA-API-SECRET-KEY': LIVE_KEY.secret });
    await iex.waitFor((m) => m.msg === 'authenticated');
    const symbols = Array.from({ length: 31 }, (_, i) => `S${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26)}`);
    iex.send({ action: 'subscribe', trades: symbols.slice(0, 20), quotes: symbols.slice(20) });
    expect(await iex.waitFor((m) => m.T === 'error')).toEqual({ T: 'error', code: 405, msg: 'symbol limit exceeded' });
    iex.send({ action: 'subscribe', trades: symbols.slice(0, 20), quotes: symbols.slice(10, 30), bars: symbols });
    expect(await iex.waitFor((m) => m.T === 'subscription')).toMatchObject({ trades: symbols.slice(0, 20), bars: symbols });
    iex.close();
    const idle = await RawStreamClient.open(fake.streamUrl('test'));
    expect(await idle.waitFor((m) => m.T === 'error', 2_000)).toEqual({ T: 'error', code: 404, msg: 'auth timeout' });
    expect((await idle.closed).code).toBe(1008);
  });
});
