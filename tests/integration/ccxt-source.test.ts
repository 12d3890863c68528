import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CCXT_EXCHANGES } from '../../src-shared/domain/connection.ts';
import { compareTimeframes, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import { toSourceError } from '../../src-main/connections/ccxt/ccxt-errors.ts';
import { CcxtSource } from '../../src-main/connections/ccxt/ccxt-source.ts';
import { BarFinality, barEnd } from '../../src-main/connections/ccxt/ccxt-stream.ts';
import { toBarValues } from '../../src-main/connections/ccxt/ccxt.mapper.ts';
import { applyUrlOverrides } from '../../src-main/connections/ccxt/url-overrides.ts';
import { VENUE_PROFILES } from '../../src-main/connections/ccxt/venue-profiles.ts';
import { SourceError, type LiveEvent } from '../../src-main/connections/market-data-source.ts';
import { startFakeExchange, type FakeExchange } from '../fakes/exchange/server.ts';
import { tempDir } from '../support/temp-dir.ts';

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 15, 12, 34, 56, 789);
const T0_MINUTE = Math.floor(T0 / MIN) * MIN;
const tf = (t: string) => t as Timeframe;

/** Leaves of a nested `urls` object as `a.b.c → value`. */
function flatten(node: unknown, prefix = ''): Record<string, unknown> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return { [prefix]: node };
  return Object.assign({}, ...Object.entries(node).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('venue profiles, checked against ccxt 4.5.84', () => {
  it.each(CCXT_EXCHANGES)('%s: timeframes, rate limit and the URLs the overrides replace', (id) => {
    const profile = VENUE_PROFILES[id];
    const ex = new ccxt.pro[id]();
    const ccxtTimeframes = Object.keys(ex.timeframes).sort(compareTimeframes);
    expect(profile.timeframes).toEqual(ccxtTimeframes);
    expect(profile.rateLimitMs).toBe(ex.rateLimit);
    const before = flatten(ex.urls);
    applyUrlOverrides(ex.urls as unknown as Record<string, unknown>, profile, { rest: 'http://127.0.0.1:9/', ws: 'ws://127.0.0.1:9/ws' });
    const after = flatten(ex.urls);
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]).sort();
    expect(changed).toEqual([...profile.restUrls, ...profile.wsUrls].map((p) => p.join('.')).sort());
    for (const path of profile.restUrls) {
      const key = path.join('.');
      expect(after[key]).toBe(`http://127.0.0.1:9${String(before[key]).replace(/^[a-z]+:\/\/[^/]+/, '')}`);
    }
    expect(flatten(new ccxt.pro[id]().urls)).toEqual(before); // other instances keep the real venue
  });

  it('changes only what an override names, keeping a gateway path as a prefix', () => {
    const ex = new ccxt.pro.binance();
    const urls = ex.urls as unknown as { api: { public: string; ws: { spot: string } } };
    applyUrlOverrides(ex.urls as unknown as Record<string, unknown>, VENUE_PROFILES.binance, { rest: 'https://gw.example/binance' });
    expect([urls.api.public, urls.api.ws.spot]).toEqual(['https://gw.example/binance/api/v3', 'wss://stream.binance.com:9443/ws']);
  });

  it('publishes each venue’s budget as 60 000 ms / ccxt’s ms per request', () => {
    // binance 50 ms, coinbase 34 ms, kraken 1000 ms, bybit 20 ms, okx 110 ms.
    expect(CCXT_EXCHANGES.map((id) => CcxtSource.defaultRequestsPerMinute(id))).toEqual([1200, 1764, 60, 3000, 545]);
    expect(new CcxtSource({ exchange: 'okx' }).defaultRequestsPerMinute).toBe(545);
    expect(() => new CcxtSource({ exchange: 'mtgox' as never })).toThrow(/unknown exchange "mtgox".*binance, coinbase, kraken, bybit, okx/);
  });
});

describe('lazy loading', () => {
  it('does not load ccxt until a source connects', async () => {
    const fake = await startFakeExchange({ now: () => T0 });
    const tmp = tempDir();
    try {
      // A resolve hook in the child reports every module resolved from node_modules/ccxt.
      const script = join(tmp.dir, 'lazy.mjs');
      writeFileSync(script, `
        import { register } from 'node:module';
        import { MessageChannel } from 'node:worker_threads';
        const { port1, port2 } = new MessageChannel();
        const seen = [];
        port1.on('message', (url) => seen.push(url));
        port1.unref();
        const hook = "let port; export function initialize(d) { port = d.port; }" +
          "export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/node_modules/ccxt/')) port.postMessage(r.url); return r; }";
        register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
        const settle = () => new Promise((r) => setTimeout(r, 300));
        const { CcxtSource } = await import(process.env.SOURCE_MODULE);
        const source = new CcxtSource({ exchange: 'binance', urls: { rest: process.env.REST, ws: process.env.WS } });
        await settle();
        const before = { loaded: seen.length, pageLimit: source.pageLimit, perMinute: source.defaultRequestsPerMinute };
        await source.connect();
        await settle();
        const after = { loaded: seen.length, markets: (await source.markets()).length };
        await source.close();
        console.log(JSON.stringify({ before, after }));
      `);
      const env = { ...process.env, SOURCE_MODULE: resolve('src-main/connections/ccxt/ccxt-source.ts'), REST: fake.restUrl, WS: fake.wsUrl };
      // Asynchronously: the fake it talks to runs in this process.
      const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), env, timeout: 30_000 });
      expect(child.stderr).toBe('');
      const { before, after } = JSON.parse(child.stdout.trim().split('\n').pop()!);
      expect(before).toEqual({ loaded: 0, pageLimit: 1000, perMinute: 1200 });
      expect(after.loaded).toBeGreaterThan(0);
      expect(after.markets).toBe(6);
    } finally {
      tmp.cleanup();
      await fake.close();
    }
  });
});

describe('CcxtSource against the fake Binance: markets, history, errors', () => {
  let fake: FakeExchange;
  let source: CcxtSource;
  beforeAll(async () => {
    fake = await startFakeExchange({ now: () => T0 });
    source = new CcxtSource({ exchange: 'binance', urls: { rest: fake.restUrl, ws: fake.wsUrl }, timeoutMs: 500 });
    await source.connect();
  });
  afterAll(async () => {
    await source.close();
    await fake.close();
  });
  const lastRequests = (n: number) => fake.stats().requests.slice(-n).map((r) => `${r.path} ${r.status}`);

  it('lists the spot markets in neutral form, a halted one inactive, after one exchangeInfo request', async () => {
    expect(fake.stats().requests.map((r) => r.path)).toEqual(['/api/v3/exchangeInfo']);
    const markets = await source.markets();
    expect(markets.find((m) => m.symbol === 'BTC/USDT')).toEqual({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', active: true, type: 'spot' });
    expect(markets.filter((m) => !m.active).map((m) => m.symbol)).toEqual(['BCC/USDT']);
    expect(await source.ping()).toBeGreaterThan(0);
    expect(lastRequests(1)).toEqual(['/api/v3/time 200']);
  });

  it('returns bars with from ≤ time < to, ascending, the end exclusive and a mid-bar start rounded up', async () => {
    const from = T0_MINUTE - 30 * MIN;
    const page = await source.history({ symbol: 'BTC/USDT', timeframe: tf('1m'), from, to: from + 10 * MIN });
    expect(Array.from(page.time)).toEqual(Array.from({ length: 10 }, (_, i) => from + i * MIN));
    const shifted = await source.history({ symbol: 'BTC/USDT', timeframe: tf('1m'), from: from + 1, to: from + 10 * MIN + 1 });
    expect([shifted.time[0], shifted.time[shifted.time.length - 1]]).toEqual([from + MIN, from + 10 * MIN]);
    const trades = fake.market.tradesOfMinute('BTCUSDT', from / MIN);
    const prices = trades.map((t) => t.priceTicks / 100);
    expect([page.open[0], page.high[0], page.low[0], page.close[0]]).toEqual([prices[0], Math.max(...prices), Math.min(...prices), prices[prices.length - 1]]);
    expect(page.volume[0]).toBeCloseTo(trades.reduce((s, t) => s + t.qtySteps / 1e5, 0), 9);
  });

  it('pages at most 1000 bars; walking the pages covers a range exactly once', async () => {
    const from = T0_MINUTE - 2500 * MIN;
    const to = T0_MINUTE - 100 * MIN;
    const times: number[] = [];
    let requests = 0;
    for (let cursor = from; cursor < to; requests++) {
      const page = await source.history({ symbol: 'BTC/USDT', timeframe: tf('1m'), from: cursor, to });
      expect(page.time.length).toBeLessThanOrEqual(1000);
      times.push(...page.time);
      cursor = page.time[page.time.length - 1] + MIN;
    }
    expect([requests, times.length]).toEqual([3, 2400]);
    expect(times.every((t, i) => t === from + i * MIN)).toBe(true);
  });

  it('refuses what the venue cannot serve as request errors, by name', async () => {
    const unknownTf = await failure(source.history({ symbol: 'BTC/USDT', timeframe: tf('2m'), from: 0, to: MIN }));
    expect([unknownTf.kind, unknownTf.retryable]).toEqual(['request', false]);
    expect(unknownTf.message).toContain('binance serves no 2m bars (it serves 1s, 1m, 3m');
    expect((await failure(source.history({ symbol: 'BTC/USDT', timeframe: tf('1m'), from: MIN, to: MIN }))).kind).toBe('request');
    const symbol = await failure(source.history({ symbol: 'NOPE/USDT', timeframe: tf('1m'), from: 0, to: MIN }));
    expect([symbol.kind, symbol.message.startsWith('binance: history NOPE/USDT 1m failed: unknown symbol')]).toEqual(['request', true]);
  });

  it('surfaces a 429 storm as one rate-limit error per call, with the Retry-After, and no hidden retries', async () => {
    fake.faults.rateLimitStorm(3, 7);
    const request = { symbol: 'BTC/USDT', timeframe: tf('1m'), from: T0_MINUTE - 5 * MIN, to: T0_MINUTE };
    for (let i = 0; i < 3; i++) {
      const e = await failure(source.history(request));
      expect([e.kind, e.retryAfterMs, e.retryable]).toEqual(['rate-limit', 7000, true]);
      expect(e.message).toMatch(/^binance: history BTC\/USDT 1m failed: rate limited \(HTTP 429, retry after 7 s\)/);
      expect(e.message).not.toMatch(/\?|symbol=/); // no query strings in messages
    }
    expect((await source.history(request)).time.length).toBe(5);
    expect(lastRequests(4)).toEqual(['/api/v3/klines 429', '/api/v3/klines 429', '/api/v3/klines 429', '/api/v3/klines 200']);
  });

  it('maps 5xx to venue, a cut body to bad-data, a dropped connection and a stall to network, each with one request', async () => {
    fake.faults.serverErrors(2, 503);
    for (let i = 0; i < 2; i++) expect((await failure(source.ping())).kind).toBe('venue');
    expect(lastRequests(2)).toEqual(['/api/v3/time 503', '/api/v3/time 503']);
    fake.faults.malformed(1);
    const cut = await failure(source.history({ symbol: 'ETH/USDT', timeframe: tf('1h'), from: T0_MINUTE - 600 * MIN, to: T0_MINUTE }));
    expect([cut.kind, cut.message]).toEqual(['bad-data', expect.stringContaining('malformed answer (HTTP 200)')]);
    fake.faults.dropRequests(1);
    const dropped = await failure(source.ping());
    expect([dropped.kind, lastRequests(1)]).toEqual(['network', ['/api/v3/time 0']]);
    fake.faults.stall();
    const stalled = await failure(source.ping());
    expect([stalled.kind, stalled.message]).toEqual(['network', expect.stringContaining('timed out')]);
    fake.faults.clear();
    expect(await source.ping()).toBeGreaterThan(0);
  });

  it('maps a spent weight budget to rate-limit with the window’s Retry-After, and a closed port to network', async () => {
    const tight = await startFakeExchange({ now: () => T0, weightLimit: 21 });
    const src = new CcxtSource({ exchange: 'binance', urls: { rest: tight.restUrl }, timeoutMs: 500 });
    try {
      await src.connect(); // exchangeInfo: weight 20
      await src.ping(); // 21
      const spent = await failure(src.ping());
      expect([spent.kind, spent.retryAfterMs]).toEqual(['rate-limit', 4000]); // 12:34:56.789 → 12:35:00: 4 s
    } finally {
      await src.close();
      await tight.close();
    }
    const gone = new CcxtSource({ exchange: 'binance', urls: { rest: tight.restUrl }, timeoutMs: 500 });
    expect((await failure(gone.connect())).kind).toBe('network');
  });

  it('gives up at once when the caller aborts, with the caller’s reason', async () => {
    fake.faults.delay(2_000);
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error('user left')), 50);
    await expect(source.ping(controller.signal)).rejects.toThrow('user left');
    expect(performance.now() - started).toBeLessThan(1_000);
    fake.faults.clear();
    await expect(source.history({ symbol: 'BTC/USDT', timeframe: tf('1m'), from: 0, to: MIN }, AbortSignal.abort())).rejects.toThrow();
  });
});

describe('CcxtSource streams from the fake Binance', () => {
  // One fake minute per real second.
  const started = Date.now();
  const clock = () => started + (Date.now() - started) * 60;
  let fake: FakeExchange;
  let source: CcxtSource;
  beforeAll(async () => {
    fake = await startFakeExchange({ now: clock, tickMs: 20 });
    source = new CcxtSource({ exchange: 'binance', urls: { rest: fake.restUrl, ws: fake.wsUrl }, timeoutMs: 1_000, unwatchTimeoutMs: 300, now: clock });
    await source.connect();
  });
  afterAll(async () => {
    await source.close();
    await fake.close();
  });

  /** Trades from the stream until `enough` or the stream ends; what it threw, if it did. */
  async function collect(stream: AsyncIterable<LiveEvent>, enough: (n: number) => boolean, onTrades?: (n: number) => void) {
    const trades: { time: number; price: number; size: number }[] = [];
    try {
      for await (const event of stream) {
        if (event.type === 'trades') trades.push(...event.trades);
        onTrades?.(trades.length);
        if (enough(trades.length)) break;
      }
      return { trades, error: undefined };
    } catch (error) {
      return { trades, error: error as SourceError };
    }
  }

  it('yields each trade once, in order: exactly the venue’s trades between the first and the last seen', async () => {
    const { trades, error } = await collect(source.stream({ symbol: 'BTC/USDT', kind: 'trades' }, new AbortController().signal), (n) => n >= 40);
    expect(error).toBeUndefined();
    const truth = fake.market.tradesBetween('BTCUSDT', trades[0].time, trades[trades.length - 1].time + 1);
    expect(trades).toEqual(truth.map((t) => ({ time: t.time, price: t.priceTicks / 100, size: t.qtySteps / 1e5 })));
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.stats().ws.streams).toBe(0); // breaking out of the loop unsubscribed
  });

  it('throws a network SourceError when the socket drops, and iterating again subscribes again', async () => {
    const before = fake.stats().ws;
    const signal = new AbortController().signal;
    const dropped = await collect(source.stream({ symbol: 'ETH/USDT', kind: 'trades' }, signal), () => false, (n) => n >= 5 && fake.faults.dropSockets());
    expect([dropped.error?.kind, dropped.error?.message]).toEqual(['network', expect.stringMatching(/^binance: stream trades of ETH\/USDT failed: network error.*1006/)]);
    const again = await collect(source.stream({ symbol: 'ETH/USDT', kind: 'trades' }, signal), (n) => n >= 5);
    // At least the 5 asked for: one message can carry several trades (more under load).
    expect(again.error).toBeUndefined();
    expect(again.trades.length).toBeGreaterThanOrEqual(5);
    const after = fake.stats().ws;
    expect(after.connections - before.connections).toBe(2);
    // Two SUBSCRIBEs and one UNSUBSCRIBE (by the break): nothing is unsubscribed on a dead socket.
    expect(after.subscribeRequests - before.subscribeRequests).toBe(3);
  });

  it('ends quietly when the signal aborts, even while the venue is stalled', async () => {
    const controller = new AbortController();
    const stream = collect(source.stream({ symbol: 'SOL/USDT', kind: 'trades' }, controller.signal), () => false, () => {
      if (!fake.faults.current.stalled) fake.faults.stall();
    });
    await new Promise((r) => setTimeout(r, 1_500));
    const abortedAt = performance.now();
    controller.abort();
    const { error, trades } = await stream;
    fake.faults.clear();
    expect([error, trades.length > 0]).toEqual([undefined, true]);
    expect(performance.now() - abortedAt).toBeLessThan(1_000); // the unsubscribe is given up after 300 ms
  });

  it('streams venue candles; each is closed once, with the REST kline’s values', async () => {
    const events: Extract<LiveEvent, { type: 'bar' }>[] = [];
    const controller = new AbortController();
    for await (const event of source.stream({ symbol: 'BTC/USDT', kind: 'bars', timeframe: tf('1m') }, controller.signal)) {
      if (event.type === 'bar') events.push(event);
      if (events.filter((e) => e.final).length === 2) controller.abort();
    }
    const finals = events.filter((e) => e.final);
    expect(new Set(finals.map((e) => e.bar.time)).size).toBe(2);
    for (const { bar } of finals) {
      expect(barEnd(bar.time, tf('1m'))).toBeLessThanOrEqual(clock());
      const [row] = (await (await fetch(`${fake.restUrl}/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${bar.time}&limit=1`)).json()) as string[][];
      expect([bar.open, bar.high, bar.low, bar.close, bar.volume]).toEqual(row.slice(1, 6).map(Number));
    }
    expect(events.filter((e) => !e.final).every((e) => barEnd(e.bar.time, tf('1m')) > e.bar.time)).toBe(true);
  });

  it('refuses to stream before connect and a timeframe the venue does not serve', async () => {
    const idle = new CcxtSource({ exchange: 'binance' });
    await expect(idle.stream({ symbol: 'BTC/USDT', kind: 'trades' }, new AbortController().signal).next()).rejects.toThrow('binance: connect() before using the source');
    const wrong = await failure(source.stream({ symbol: 'BTC/USDT', kind: 'bars', timeframe: tf('7m') }, new AbortController().signal).next());
    expect(wrong.kind).toBe('request');
  });
});

describe('ccxt errors and payloads at the edge', () => {
  it.each([
    ['RateLimitExceeded', 'rate-limit'], ['DDoSProtection', 'rate-limit'], ['ExchangeNotAvailable', 'venue'], ['OnMaintenance', 'venue'],
    ['RequestTimeout', 'network'], ['NetworkError', 'network'], ['BadResponse', 'bad-data'], ['NullResponse', 'bad-data'],
    ['AuthenticationError', 'auth'], ['PermissionDenied', 'auth'], ['BadSymbol', 'request'], ['BadRequest', 'request'], ['ExchangeError', 'venue'],
  ] as const)('%s → %s', (name, kind) => {
    const error = toSourceError(ccxt, 'kraken', 'ping', new ccxt[name]('kraken GET https://api.kraken.com/0/private/Balance?nonce=1&apiKey=SECRETKEY {"error":[]}'));
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe(kind);
    expect((error as SourceError).message).toMatch(/^kraken: ping failed: /);
    expect((error as SourceError).message).not.toContain('SECRETKEY');
  });

  it('passes anything that is not a ccxt error through unchanged (a bug stays a bug)', () => {
    const bug = new TypeError('x is undefined');
    expect(toSourceError(ccxt, 'binance', 'ping', bug)).toBe(bug);
  });

  it('rejects candles with holes or out of order as bad data, naming where', () => {
    expect(() => toBarValues('binance', 'history', [[60_000, 1, 2, 0.5, 1.5, 10], [0, 1, 1, 1, 1, 1]])).toThrow('candles out of order at [1] (60000 then 0)');
    expect(() => toBarValues('binance', 'history', [[0, 1, 2, 0.5, Number.NaN, 10]])).toThrow(/bad data at \[0\]\[4\]/);
    expect(() => toBarValues('binance', 'history', [[0, '1', 2, 0.5, 1, 10]])).toThrow(SourceError);
  });

  it('closes a candle when its period is over by the clock, or when a later one arrives', () => {
    let now = 90_000;
    const finality = new BarFinality(tf('1m'), () => now);
    const bar = (time: number, close: number) => ({ time, open: 1, high: 2, low: 0.5, close, volume: 3 });
    expect(finality.update([bar(60_000, 1)]).map((e) => (e as { final: boolean }).final)).toEqual([false]);
    expect(finality.update([bar(60_000, 1.2)]).map((e) => (e as { final: boolean }).final)).toEqual([false]);
    // The clock is still inside the minute (a skewed venue clock): the next bar closes the previous one.
    expect(finality.update([bar(120_000, 1.3)])).toEqual([
      { type: 'bar', timeframe: '1m', bar: bar(60_000, 1.2), final: true },
      { type: 'bar', timeframe: '1m', bar: bar(120_000, 1.3), final: false },
    ]);
    now = 180_000;
    expect(finality.update([bar(120_000, 1.4)])).toEqual([{ type: 'bar', timeframe: '1m', bar: bar(120_000, 1.4), final: true }]);
    expect(finality.update([bar(180_000, 1.5)]).map((e) => (e as { final: boolean }).final)).toEqual([false]);
    expect([barEnd(Date.UTC(2024, 0, 1), tf('1M')), barEnd(Date.UTC(2024, 10, 1), tf('3M'))]).toEqual([Date.UTC(2024, 1, 1), Date.UTC(2025, 1, 1)]);
  });
});
