import { spawn } from 'node:child_process';
import ccxt, { type Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonSocket } from '../fakes/exchange/json-socket.ts';
import type { FakeTrade } from '../fakes/exchange/market-data.ts';
import { startFakeExchange, type FakeExchange } from '../fakes/exchange/server.ts';

// The fake Binance driven by the real ccxt client. Expected values are computed here, by hand,
// from the generator's trades (the ground truth), never from the fake's own kline code.

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 15, 12, 34, 56, 789); // a Friday, mid-minute

async function binanceAt(fake: FakeExchange, timeoutMs = 3_000): Promise<Exchange> {
  const ex = new ccxt.pro.binance({ enableRateLimit: false, timeout: timeoutMs, options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, maxRetriesOnFailure: 0 } });
  const urls = ex.urls as unknown as { api: { public: string; ws: { spot: string } } };
  urls.api.public = `${fake.restUrl}/api/v3`;
  urls.api.ws.spot = fake.wsUrl;
  await ex.loadHttpProxyAgent(); // ccxt's condition for plain ws:// URLs
  return ex;
}

/** A bar from trades, by hand: BTCUSDT prices have 2 decimals, quantities 5. */
function handBar(trades: readonly FakeTrade[]) {
  const prices = trades.map((t) => t.priceTicks / 100);
  return {
    open: prices[0], high: Math.max(...prices), low: Math.min(...prices), close: prices[prices.length - 1],
    volume: trades.reduce((sum, t) => sum + t.qtySteps / 1e5, 0), count: trades.length,
  };
}

function minuteTrades(fake: FakeExchange, minuteOpen: number, upTo = Infinity): FakeTrade[] {
  return fake.market.tradesOfMinute('BTCUSDT', minuteOpen / MIN).filter((t) => t.time <= upTo);
}

/** Several bars folded into one, by hand. */
function fold(bars: number[][]): number[] {
  return [bars[0][0], bars[0][1], Math.max(...bars.map((b) => b[2])), Math.min(...bars.map((b) => b[3])), bars[bars.length - 1][4], bars.reduce((s, b) => s + b[5], 0)];
}

describe('fake exchange: history through ccxt', () => {
  let fake: FakeExchange;
  let ex: Exchange;
  let now = T0;
  beforeAll(async () => {
    fake = await startFakeExchange({ now: () => now });
    ex = await binanceAt(fake);
  });
  afterAll(async () => {
    await ex.close();
    await fake.close();
  });

  it('loads the spot markets with one exchangeInfo request and Binance filters', async () => {
    const markets = await ex.loadMarkets();
    expect(fake.stats().requests.map((r) => `${r.path} ${r.status} ${r.weight}`)).toEqual(['/api/v3/exchangeInfo 200 20']);
    expect(Object.keys(markets).sort()).toEqual(['BCC/USDT', 'BNB/USDT', 'BTC/USDT', 'ETH/BTC', 'ETH/USDT', 'SOL/USDT']);
    const btc = markets['BTC/USDT']!;
    expect([btc.id, btc.type, btc.spot, btc.active, btc.precision.price, btc.precision.amount, btc.limits.cost?.min]).toEqual(['BTCUSDT', 'spot', true, true, 0.01, 0.00001, 5]);
    expect(markets['BCC/USDT']?.active).toBe(false);
  });

  it('serves 1m klines that are the aggregate of exactly the minute’s trades', async () => {
    const lastOpen = Math.floor(T0 / MIN) * MIN;
    const rows = await ex.fetchOHLCV('BTC/USDT', '1m', lastOpen - 4 * MIN);
    expect(rows.map((r) => r[0])).toEqual([4, 3, 2, 1, 0].map((k) => lastOpen - k * MIN));
    for (const row of rows) {
      const hand = handBar(minuteTrades(fake, row[0]!, T0));
      expect(row.slice(1, 5)).toEqual([hand.open, hand.high, hand.low, hand.close]);
      expect(row[5]).toBeCloseTo(hand.volume, 9);
    }
  });

  it('serves the open minute up to the server clock: a clock at its second trade shows two trades', async () => {
    const open = Math.floor(T0 / MIN) * MIN - 20 * MIN;
    const all = minuteTrades(fake, open);
    now = all[1].time;
    try {
      const [row] = (await (await fetch(`${fake.restUrl}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1`)).json()) as unknown[][];
      const hand = handBar(all.slice(0, 2));
      expect([row[0], Number(row[1]), Number(row[4]), row[8]]).toEqual([open, hand.open, hand.close, 2]);
      expect(all.length).toBeGreaterThan(2);
    } finally {
      now = T0;
    }
  });

  it('sends Binance’s 12-field rows: close time, quote volume, trade count, taker buy volumes', async () => {
    const open = Math.floor(T0 / MIN) * MIN - 10 * MIN;
    const res = await fetch(`${fake.restUrl}/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${open}&limit=1`);
    const [row] = (await res.json()) as unknown[][];
    const trades = minuteTrades(fake, open);
    const takers = trades.filter((t) => !t.buyerIsMaker);
    expect(row).toHaveLength(12);
    expect([row[0], row[6], row[8], row[11]]).toEqual([open, open + MIN - 1, trades.length, '0']);
    expect(Number(row[7])).toBeCloseTo(trades.reduce((s, t) => s + (t.priceTicks / 100) * (t.qtySteps / 1e5), 0), 6);
    expect(Number(row[9])).toBeCloseTo(takers.reduce((s, t) => s + t.qtySteps / 1e5, 0), 9);
    expect(row[1]).toMatch(/^\d+\.\d{8}$/);
    expect(res.headers.get('x-mbx-used-weight-1m')).toMatch(/^\d+$/);
  });

  it('builds 5m from 1m, 1h from 5m, 1d from 1h; weeks start on Monday and months on the 1st', async () => {
    const day = Date.UTC(2024, 2, 14);
    const ones = await ex.fetchOHLCV('BTC/USDT', '1m', day + 10 * 60 * MIN, 30);
    const fives = await ex.fetchOHLCV('BTC/USDT', '5m', day + 10 * 60 * MIN, 12);
    for (let k = 0; k < 6; k++) {
      const folded = fold(ones.slice(5 * k, 5 * k + 5) as number[][]);
      expect(fives[k].slice(0, 5)).toEqual(folded.slice(0, 5));
      expect(fives[k][5]).toBeCloseTo(folded[5], 9);
    }
    const [hour] = await ex.fetchOHLCV('BTC/USDT', '1h', day + 10 * 60 * MIN, 1);
    expect(hour.slice(0, 5)).toEqual(fold(fives as number[][]).slice(0, 5));
    const hours = await ex.fetchOHLCV('BTC/USDT', '1h', day, 24);
    const [daily] = await ex.fetchOHLCV('BTC/USDT', '1d', day, 1);
    expect(daily.slice(0, 5)).toEqual(fold(hours as number[][]).slice(0, 5));
    expect(daily[5]).toBeCloseTo(fold(hours as number[][])[5], 6);
    // Asked from a Friday and from the 10th, the first bars open the Monday and the 1st after.
    const [week] = await ex.fetchOHLCV('BTC/USDT', '1w', Date.UTC(2024, 2, 1), 1);
    const [month] = await ex.fetchOHLCV('BTC/USDT', '1M', Date.UTC(2024, 1, 10), 1);
    expect([week[0], month[0]]).toEqual([Date.UTC(2024, 2, 4), Date.UTC(2024, 2, 1)]);
  });

  it('pages like Binance: startTime rounds up to a whole bar, endTime is inclusive, default 500, at most 1000', async () => {
    const base = Math.floor(T0 / MIN) * MIN - 60 * MIN;
    const rows = await ex.fetchOHLCV('BTC/USDT', '1m', base + 30_000, undefined, { until: base + 5 * MIN });
    expect(rows.map((r) => (r[0]! - base) / MIN)).toEqual([1, 2, 3, 4, 5]);
    const latest = await ex.fetchOHLCV('BTC/USDT', '1m');
    expect([latest.length, latest[latest.length - 1][0]]).toEqual([500, Math.floor(T0 / MIN) * MIN]);
    const early = await ex.fetchOHLCV('BTC/USDT', '1h', Date.UTC(2023, 11, 31), 3);
    expect(early[0][0]).toBe(Date.UTC(2024, 0, 1)); // nothing before the origin
    const tooMany = await fetch(`${fake.restUrl}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1001`);
    expect([tooMany.status, ((await tooMany.json()) as { code: number }).code]).toEqual([400, -1130]);
    await expect(ex.fetchOHLCV('BTC/USDT', '7m')).rejects.toBeInstanceOf(ccxt.BadRequest);
    const bad = await fetch(`${fake.restUrl}/api/v3/klines?symbol=NOPEUSDT&interval=1m`);
    expect(await bad.json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
  });

  it('serves aggregate trades that are the generator’s trades', async () => {
    const open = Math.floor(T0 / MIN) * MIN - 3 * MIN;
    const trades = await ex.fetchTrades('BTC/USDT', open, 1000, { until: open + MIN - 1 });
    const truth = minuteTrades(fake, open);
    expect(trades.map((t) => [Number(t.id), t.timestamp, t.price, t.amount])).toEqual(truth.map((t) => [t.id, t.time, t.priceTicks / 100, t.qtySteps / 1e5]));
  });

  it('is deterministic: a second fake and a cold minute give the same data, each minute 3–30 ordered trades', async () => {
    const other = await startFakeExchange({ now: () => T0 });
    try {
      const minute = Math.floor(T0 / MIN) - 777;
      const cold = other.market.tradesOfMinute('BTCUSDT', minute);
      for (let m = minute - 50; m <= minute; m++) fake.market.tradesOfMinute('BTCUSDT', m);
      expect(fake.market.tradesOfMinute('BTCUSDT', minute)).toEqual(cold);
      for (let m = minute - 300; m <= minute; m++) {
        const trades = other.market.tradesOfMinute('ETHUSDT', m);
        expect(trades.length).toBeGreaterThanOrEqual(3);
        expect(trades.length).toBeLessThanOrEqual(30);
        trades.forEach((t, i) => {
          expect(Math.floor(t.time / MIN)).toBe(m);
          if (i > 0) expect(t.time).toBeGreaterThan(trades[i - 1].time);
        });
      }
    } finally {
      await other.close();
    }
  });
});

describe('fake exchange: request weight', () => {
  it('answers 429 with Retry-After once the minute’s weight is spent, and records every request', async () => {
    let now = T0;
    const fake = await startFakeExchange({ now: () => now, weightLimit: 40 });
    const ex = await binanceAt(fake);
    try {
      await ex.loadMarkets(); // weight 20
      for (let i = 0; i < 10; i++) await ex.fetchOHLCV('BTC/USDT', '1m', T0 - 30 * MIN, 5); // weight 2 each
      await expect(ex.fetchOHLCV('BTC/USDT', '1m', T0 - 30 * MIN, 5)).rejects.toBeInstanceOf(ccxt.DDoSProtection);
      const refused = await fetch(`${fake.restUrl}/api/v3/ping`);
      // 12:34:56.789 → the window resets at 12:35:00.000: 3.211 s, rounded up.
      expect([refused.status, refused.headers.get('retry-after'), refused.headers.get('x-mbx-used-weight-1m')]).toEqual([429, '4', '40']);
      now = Date.UTC(2024, 2, 15, 12, 35, 0, 0);
      await ex.fetchOHLCV('BTC/USDT', '1m', T0 - 30 * MIN, 5);
      const log = fake.stats().requests;
      expect(log.map((r) => r.status)).toEqual([200, ...Array(10).fill(200), 429, 429, 200]);
      expect(log.map((r) => r.usedWeight)).toEqual([20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 40, 40, 2]);
      expect(log[0]).toMatchObject({ time: T0, method: 'GET', path: '/api/v3/exchangeInfo', weight: 20 });
    } finally {
      await ex.close();
      await fake.close();
    }
  });
});

describe('fake exchange: faults', () => {
  let fake: FakeExchange;
  let ex: Exchange;
  beforeAll(async () => {
    fake = await startFakeExchange({ now: () => T0 });
    ex = await binanceAt(fake, 400);
    await ex.loadMarkets();
  });
  afterAll(async () => {
    await ex.close();
    await fake.close();
  });
  const statuses = () => fake.stats().requests.slice(-3).map((r) => r.status);

  it('a 429 storm answers the next N requests 429 with Retry-After, then recovers', async () => {
    fake.faults.rateLimitStorm(2, 7);
    await expect(ex.fetchTime()).rejects.toBeInstanceOf(ccxt.DDoSProtection);
    const second = await fetch(`${fake.restUrl}/api/v3/time`);
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '7']);
    expect(await ex.fetchTime()).toBe(T0);
    expect(statuses()).toEqual([429, 429, 200]);
  });

  it('server errors answer the next N requests with the chosen 5xx, then recover', async () => {
    fake.faults.serverErrors(2, 502);
    await expect(ex.fetchTime()).rejects.toBeInstanceOf(ccxt.BaseError);
    await expect(ex.fetchTime()).rejects.toBeInstanceOf(ccxt.BaseError);
    expect(await ex.fetchTime()).toBe(T0);
    expect(statuses()).toEqual([502, 502, 200]);
  });

  it('malformed answers cut the JSON body in the middle — ccxt alone lets it through as garbage', async () => {
    fake.faults.malformed(2);
    const raw = await fetch(`${fake.restUrl}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=3`);
    const text = await raw.text();
    expect(raw.status).toBe(200);
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('[[')).toBe(true);
    expect(await ex.fetchTime()).toBeUndefined();
    expect(await ex.fetchTime()).toBe(T0);
  });

  it('dropped requests lose their TCP connection without an answer', async () => {
    fake.faults.dropRequests(1);
    await expect(ex.fetchTime()).rejects.toBeInstanceOf(ccxt.NetworkError);
    expect(await ex.fetchTime()).toBe(T0);
    expect(fake.stats().requests.slice(-2).map((r) => r.status)).toEqual([0, 200]);
  });

  it('delay holds every answer for N ms', async () => {
    fake.faults.delay(250);
    const started = performance.now();
    expect(await ex.fetchTime()).toBe(T0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
    fake.faults.clear();
  });

  it('stall accepts requests and never answers, until cleared', async () => {
    fake.faults.stall();
    await expect(ex.fetchTime()).rejects.toBeInstanceOf(ccxt.RequestTimeout);
    fake.faults.clear();
    expect(await ex.fetchTime()).toBe(T0);
  });

  it('drop closes every websocket without a close frame; drop-every repeats it', async () => {
    const socket = await JsonSocket.open(fake.wsUrl);
    expect(fake.faults.dropSockets()).toBe(1);
    expect((await socket.closed).code).toBe(1006); // abnormal closure: no close frame was received
    const watching = ex.watchTrades('BTC/USDT');
    const outcome = watching.then(() => 'resolved', (e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 200));
    fake.faults.dropSockets();
    expect(await outcome).toMatch(/connection closed by remote server, closing code 1006/);
    fake.faults.dropSocketsEvery(0.2);
    const first = await JsonSocket.open(fake.wsUrl);
    await first.closed;
    const second = await JsonSocket.open(fake.wsUrl);
    await second.closed;
    fake.faults.dropSocketsEvery(null);
    expect(fake.stats().ws.dropped).toBeGreaterThanOrEqual(4);
  });

  it('is driven over HTTP too: POST /__fake/faults, GET /__fake/faults and /__fake/stats', async () => {
    const post = (body: string) => fetch(`${fake.controlUrl}/faults`, { method: 'POST', body });
    const set = await post('{"rateLimitStorm":1,"retryAfterSeconds":3,"delayMs":20}');
    expect(((await set.json()) as { faults: unknown }).faults).toMatchObject({ rateLimitStorm: 1, retryAfterSeconds: 3, delayMs: 20 });
    const stormed = await fetch(`${fake.restUrl}/api/v3/ping`);
    expect([stormed.status, stormed.headers.get('retry-after')]).toEqual([429, '3']);
    const bad = await post('{"delayMs":-5,"explode":true}');
    const message = ((await bad.json()) as { error: string }).error;
    expect([bad.status, /delayMs/.test(message), /explode/.test(message)]).toEqual([400, true, true]);
    expect((await post('not json')).status).toBe(400);
    await post('{"stall":true}');
    expect(await (await fetch(`${fake.controlUrl}/faults`)).json()).toMatchObject({ stalled: true });
    await post('{"clear":true}');
    expect(fake.faults.current).toEqual({ delayMs: 0, rateLimitStorm: 0, retryAfterSeconds: 1, serverErrors: 0, serverErrorStatus: 503, malformed: 0, droppedRequests: 0, stalled: false, dropEverySeconds: null });
    const stats = (await (await fetch(`${fake.controlUrl}/stats`)).json()) as { requests: { path: string; status: number }[] };
    expect(stats.requests.at(-1)).toMatchObject({ path: '/api/v3/ping', status: 429 });
    await fetch(`${fake.controlUrl}/stats`, { method: 'DELETE' });
    expect(fake.stats().requests).toEqual([]);
  });
});

describe('fake exchange: live streams', () => {
  // One fake minute per real second, so that a test sees whole minutes close.
  const started = Date.now();
  const clock = () => started + (Date.now() - started) * 60;
  let fake: FakeExchange;
  beforeAll(async () => {
    fake = await startFakeExchange({ now: clock, tickMs: 20 });
  });
  afterAll(() => fake.close());

  it('answers SUBSCRIBE, LIST_SUBSCRIPTIONS, bad JSON, bad streams and pings as Binance does', async () => {
    const socket = await JsonSocket.open(fake.wsUrl);
    try {
      expect(await socket.request('SUBSCRIBE', ['btcusdt@trade', 'ethusdt@kline_5m'], 1)).toEqual({ result: null, id: 1 });
      expect(await socket.request('LIST_SUBSCRIPTIONS', [], 2)).toEqual({ result: ['btcusdt@trade', 'ethusdt@kline_5m'], id: 2 });
      expect(await socket.request('SUBSCRIBE', ['nopeusdt@trade'], 3)).toEqual({ error: { code: 2, msg: "Invalid request: unknown symbol in stream 'nopeusdt@trade'" }, id: 3 });
      socket.send('{"method": "SUBSCRIBE", ');
      expect((await socket.waitFor((m) => m.id === null)).error).toMatchObject({ code: 3 });
      expect(await socket.request('UNSUBSCRIBE', ['ethusdt@kline_5m'], 4)).toEqual({ result: null, id: 4 });
      const pong = new Promise<string>((resolve) => socket.socket.once('pong', (data) => resolve(data.toString())));
      socket.socket.ping('are you there');
      expect(await pong).toBe('are you there');
    } finally {
      socket.close();
    }
  });

  it('pushes each trade when its time comes, in Binance’s format, and closes each kline with x: true', async () => {
    const socket = await JsonSocket.open(`${fake.wsUrl}/btcusdt@trade`); // a stream named in the path subscribes at once
    try {
      await socket.request('SUBSCRIBE', ['btcusdt@kline_1m'], 1);
      const isFinal = (m: Record<string, unknown>) => m.e === 'kline' && (m.k as { x: boolean }).x;
      const first = await socket.waitFor(isFinal, 4_000); // the end of a partly seen minute
      const firstClose = (first.k as { T: number }).T;
      // The next minute is seen whole: its bar from the socket's trades must equal the REST kline.
      const second = await socket.waitFor((m) => isFinal(m) && (m.k as { t: number }).t === firstClose + 1, 4_000);
      const k = second.k as Record<string, unknown>;
      expect(Object.keys(second)).toEqual(['e', 'E', 's', 'k']);
      expect(Object.keys(k)).toEqual(['t', 'T', 's', 'i', 'f', 'L', 'o', 'c', 'h', 'l', 'v', 'n', 'x', 'q', 'V', 'Q', 'B']);
      const streamed = socket.messages.filter((m) => m.e === 'trade' && (m.T as number) >= (k.t as number) && (m.T as number) <= (k.T as number));
      expect(Object.keys(streamed[0])).toEqual(['e', 'E', 's', 't', 'p', 'q', 'T', 'm', 'M']);
      const prices = streamed.map((m) => Number(m.p));
      const fromStream = [prices[0], Math.max(...prices), Math.min(...prices), prices[prices.length - 1], streamed.reduce((s, m) => s + Number(m.q), 0), streamed.length];
      const rest = (await (await fetch(`${fake.restUrl}/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${k.t}&limit=1`)).json()) as unknown[][];
      const [open, high, low, close, volume] = rest[0].slice(1, 6).map(Number);
      expect(fromStream.slice(0, 4)).toEqual([open, high, low, close]);
      expect(fromStream[4]).toBeCloseTo(volume, 9);
      expect(fromStream[5]).toBe(rest[0][8]);
      expect([Number(k.o), Number(k.h), Number(k.l), Number(k.c), k.n]).toEqual([open, high, low, close, rest[0][8]]);
      expect(streamed.map((m) => m.t)).toEqual(fake.market.tradesOfMinute('BTCUSDT', (k.t as number) / MIN).map((t) => t.id));
    } finally {
      socket.close();
    }
  });

  it('stall stops every push and reply without closing; clearing it resumes the stream', async () => {
    const socket = await JsonSocket.open(fake.wsUrl);
    try {
      await socket.request('SUBSCRIBE', ['solusdt@trade'], 1);
      await socket.waitFor((m) => m.e === 'trade');
      fake.faults.stall();
      const countAtStall = socket.messages.length;
      socket.send({ method: 'LIST_SUBSCRIPTIONS', id: 2 });
      await new Promise((r) => setTimeout(r, 600)); // ten fake minutes: trades were due
      expect(socket.messages.length).toBe(countAtStall);
      expect(socket.socket.readyState).toBe(socket.socket.OPEN);
      fake.faults.clear();
      const resumed = await socket.waitFor((m) => m.e === 'trade' && socket.messages.indexOf(m) >= countAtStall, 3_000);
      expect(resumed.s).toBe('SOLUSDT');
    } finally {
      socket.close();
    }
  });
});

describe('fake exchange: standalone', () => {
  it('npm run fake:exchange starts it and prints the URLs to configure; a bad flag is refused by name', async () => {
    const child = spawn('npm', ['run', '--silent', 'fake:exchange', '--', '--port', '0'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    try {
      let out = '';
      const rest = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URLs printed: ${out}`)), 20_000);
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /REST URL:\s+(\S+)/.exec(out);
          if (match && /WebSocket URL:\s+ws:\/\/\S+\/ws/.test(out) && /Control: \S+\/__fake/.test(out)) (clearTimeout(timer), resolve(match[1]));
        });
      });
      expect(await (await fetch(`${rest}/api/v3/ping`)).json()).toEqual({});
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    const bad = spawn('npm', ['run', '--silent', 'fake:exchange', '--', '--port', 'eighty'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise((resolve) => bad.on('close', resolve));
    expect(code).not.toBe(0);
    expect(err).toContain('--port must be 0..65535, got "eighty"');
  });
});
