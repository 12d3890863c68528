import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src-main/connections/clock.ts';
import { SourceError, type BarValues, type LiveEvent, type LiveRequest } from '../../src-main/connections/market-data-source.ts';
import { YahooClient } from '../../src-main/connections/yahoo/yahoo-client.ts';
import { YahooSource, type YahooSourceOptions } from '../../src-main/connections/yahoo/yahoo-source.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { fakeBars } from '../fakes/yahoo/fake-bars.ts';
import { findFakeSymbol } from '../fakes/yahoo/fake-symbols.ts';
import { startFakeYahoo, type FakeYahoo } from '../fakes/yahoo/fake-yahoo.ts';
import { SteppingClock } from '../fakes/yahoo/stepping-clock.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const tf = (t: string): Timeframe => t as Timeframe;
/** New York time in spring 2024 (EDT, UTC−4). */
const ny = (month: number, day: number, h: number, m: number, s = 0): number => Date.UTC(2024, month - 1, day, h + 4, m, s);

/** The clock the fake and the sources read: set by hand (`at`), or following a stepping clock while a stream runs. */
const clock = new (class implements Clock {
  at = ny(5, 15, 12, 0);
  following: Clock | null = null;
  now = (): number => this.following?.now() ?? this.at;
  schedule(ms: number, fn: () => void) {
    const h = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(h) };
  }
})();
let fake: FakeYahoo;
beforeAll(async () => {
  fake = await startFakeYahoo({ clock: () => clock.now(), dataDir: sharedDataDir });
});
afterAll(() => fake.close());
afterEach(() => fake.faults.clear());

const source = (options: YahooSourceOptions = {}): YahooSource => new YahooSource({ baseUrl: fake.url, clock, ...options });
const charts = (): number => fake.requests.filter((r) => r.endpoint === 'chart').length;
const rows = (bars: BarColumns): BarValues[] =>
  [...bars.time].map((time, i) => ({ time, open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! }));
/** The one bar the fake holds at `time` as of `at` (the fake's own generator, not the source). */
function fakeBarAt(symbol: string, interval: string, time: number, at: number): BarValues {
  const [row] = fakeBars(findFakeSymbol(symbol)!, interval, time, time + 1, at, { dataDir: null });
  return { time: row!.stamp, open: row!.open, high: row!.high, low: row!.low, close: row!.close, volume: row!.volume };
}
async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe.skipIf(!sharedDataDir)('YahooSource history over the real ORCL file', () => {
  const csv = readFileSync(sharedDataFile('orcl-1995-2014.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const csvBar = (c: string[]): BarValues => ({ time: Date.parse(`${c[0]}T00:00:00Z`), open: Number(c[1]), high: Number(c[2]), low: Number(c[3]), close: Number(c[4]), volume: Number(c[6]) });

  it('returns every daily row of the CSV, stamped at UTC midnight of its date, in one request', async () => {
    const before = charts();
    const bars = await source().history({ symbol: 'ORCL', timeframe: tf('1d'), from: Date.UTC(1995, 0, 1), to: Date.UTC(2015, 0, 1) });
    expect(charts() - before).toBe(1);
    expect(bars.time.length).toBe(5036);
    expect(rows(bars)).toEqual(csv.map(csvBar));
    expect(new Date(bars.time[5035]!).toISOString()).toBe('2014-12-31T00:00:00.000Z');
  });

  it('returns weekly bars that join the CSV days of each Monday-based week (MLK week opens Tuesday)', async () => {
    const bars = await source().history({ symbol: 'ORCL', timeframe: tf('1w'), from: Date.UTC(2014, 0, 6), to: Date.UTC(2014, 1, 3) });
    const weeks = [6, 13, 20, 27].map((d) => Date.UTC(2014, 0, d));
    const expected = weeks.map((monday) => {
      const days = csv.map(csvBar).filter((b) => b.time >= monday && b.time < monday + 7 * DAY);
      return { time: monday, open: days[0]!.open, high: Math.max(...days.map((d) => d.high)), low: Math.min(...days.map((d) => d.low)), close: days.at(-1)!.close, volume: days.reduce((s, d) => s + d.volume, 0) };
    });
    expect(rows(bars)).toEqual(expected);
    // The file has no row for Martin Luther King Day: that week's bar still opens on Monday the 20th.
    expect(csv.some((c) => c[0] === '2014-01-20')).toBe(false);
  });
});

describe('YahooSource history: stamps, paging and limits', () => {
  it('puts monthly Tokyo bars (stamped 15:00 UTC the day before) on the 1st, daily ones on their session date', async () => {
    clock.at = ny(5, 15, 12, 0);
    const months = await source().history({ symbol: '7203.T', timeframe: tf('1M'), from: Date.UTC(2023, 0, 1), to: Date.UTC(2024, 0, 1) });
    expect([...months.time]).toEqual(Array.from({ length: 12 }, (_, m) => Date.UTC(2023, m, 1)));
    const days = await source().history({ symbol: 'VOD.L', timeframe: tf('1d'), from: Date.UTC(2024, 4, 1), to: Date.UTC(2024, 4, 11) });
    // 6 May 2024 was the early May bank holiday in London.
    expect([...days.time].map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-07', '2024-05-08', '2024-05-09', '2024-05-10']);
  });

  it('pages 10 days of 1m crypto bars: 10,000 then 4,400, each request within 7 days', async () => {
    clock.at = Date.UTC(2024, 4, 15, 12, 0);
    const from = Date.UTC(2024, 4, 5);
    const to = from + 10 * DAY;
    const yahoo = source();
    const before = fake.requests.length;
    const first = await yahoo.history({ symbol: 'BTC-USD', timeframe: tf('1m'), from, to });
    expect(first.time.length).toBe(yahoo.pageLimit);
    expect(first.time[0]).toBe(from);
    const second = await yahoo.history({ symbol: 'BTC-USD', timeframe: tf('1m'), from: first.time[9_999]! + MIN, to });
    // Bitcoin trades every minute: ten whole days of them.
    expect(first.time.length + second.time.length).toBe(10 * 1440);
    const all = [...first.time, ...second.time];
    expect(all.every((t, i) => i === 0 || t - all[i - 1]! === MIN)).toBe(true);
    const asked = fake.requests.slice(before);
    expect(asked.map((r) => r.status)).toEqual([200, 200]);
    for (const r of asked) expect(Number(r.query.period2) - Number(r.query.period1)).toBeLessThanOrEqual(7 * 86_400);
  });

  it('joins two 1m requests of NVDA without a duplicate: 7 sessions × 390 minutes', async () => {
    clock.at = ny(5, 15, 12, 0);
    const before = charts();
    const bars = await source().history({ symbol: 'NVDA', timeframe: tf('1m'), from: Date.UTC(2024, 4, 6), to: Date.UTC(2024, 4, 15) });
    expect(charts() - before).toBe(2);
    expect(bars.time.length).toBe(7 * 390);
    expect(new Set(bars.time).size).toBe(bars.time.length);
    expect(bars.time[0]).toBe(ny(5, 6, 9, 30));
    expect(bars.time[bars.time.length - 1]).toBe(ny(5, 14, 15, 59));
  });

  it('refuses ranges Yahoo would refuse before asking, naming the limit', async () => {
    clock.at = Date.UTC(2024, 4, 15, 12, 0);
    const yahoo = source();
    const before = fake.requests.length;
    const ask = (timeframe: string, from: number, to = clock.at) => failure(yahoo.history({ symbol: 'ORCL', timeframe: tf(timeframe), from, to }));
    const minute = await ask('1m', clock.at - 31 * DAY);
    expect(minute.kind).toBe('request');
    expect(minute.message).toBe('Yahoo serves 1m bars for the last 30 days only (and at most 7 days per request): from 2024-04-14T12:00:00Z is before 2024-04-15T12:00:00Z');
    expect((await ask('5m', clock.at - 61 * DAY)).message).toMatch(/last 60 days only/);
    expect((await ask('1h', clock.at - 731 * DAY)).message).toMatch(/last 730 days only/);
    expect((await ask('4h', clock.at - DAY)).message).toBe('Yahoo has no 4h bars; it serves 1m, 5m, 15m, 30m, 1h, 1d, 1w, 1M');
    expect((await ask('1d', clock.at, clock.at - DAY)).message).toMatch(/needs from < to/);
    expect(fake.requests.length).toBe(before);
  });

  it('skips rows with nulls instead of inventing bars', async () => {
    clock.at = ny(5, 15, 12, 0);
    const from = ny(5, 14, 10, 0);
    fake.faults.add({ kind: 'nulls', rows: [1, 3] });
    fake.faults.add({ kind: 'nulls', rows: [5], fields: ['high'] }); // waits for the next request
    const yahoo = source();
    const first = await yahoo.history({ symbol: 'ORCL', timeframe: tf('1m'), from, to: from + 60 * MIN });
    expect(first.time.length).toBe(58);
    expect([...first.time].filter((t) => t === from + MIN || t === from + 3 * MIN)).toEqual([]);
    const second = await yahoo.history({ symbol: 'ORCL', timeframe: tf('1m'), from, to: from + 60 * MIN });
    expect(second.time.length).toBe(59);
    expect([...second.time].filter((t) => t === from + 5 * MIN)).toEqual([]);
  });

  it('joins the live row Yahoo sends apart while a market trades (5m, 1d, 1w)', async () => {
    clock.at = ny(5, 15, 10, 7, 30);
    const cases: Array<[string, string, number, number]> = [
      ['5m', '5m', ny(5, 15, 9, 30), ny(5, 15, 10, 10)],
      ['1d', '1d', Date.UTC(2024, 4, 1), Date.UTC(2024, 4, 16)],
      ['1w', '1wk', Date.UTC(2024, 3, 1), Date.UTC(2024, 4, 20)],
    ];
    for (const [timeframe, interval, from, to] of cases) {
      const plain = await source().history({ symbol: 'ORCL', timeframe: tf(timeframe), from, to });
      fake.faults.add({ kind: 'split-live-row' }, { endpoint: 'chart' });
      const split = await source().history({ symbol: 'ORCL', timeframe: tf(timeframe), from, to });
      expect(rows(split)).toEqual(rows(plain));
      // The fake did send one row more.
      const orcl = findFakeSymbol('ORCL')!;
      const margin = interval === '5m' ? 0 : DAY;
      const sent = (splitLiveRow: boolean) => fakeBars(orcl, interval, from - margin, to + margin, clock.at, { dataDir: null, splitLiveRow }).length;
      expect(sent(true)).toBe(sent(false) + 1);
    }
  });
});

describe('YahooSource errors: one failed call, one SourceError', () => {
  const daily = { symbol: 'ORCL', timeframe: tf('1d'), from: Date.UTC(2024, 4, 1), to: Date.UTC(2024, 4, 10) };
  const once = async (fault: Parameters<FakeYahoo['faults']['add']>[0], options: YahooSourceOptions = {}): Promise<SourceError> => {
    clock.at = ny(5, 15, 12, 0);
    fake.faults.add(fault, { endpoint: 'chart', times: 5 });
    const before = charts();
    const error = await failure(source(options).history(daily));
    expect(charts() - before).toBe(1); // no retry inside the source
    return error;
  };

  it('429 → rate-limit, with Retry-After when Yahoo sends it', async () => {
    const told = await once({ kind: 'rate-limit', retryAfterSeconds: 7 });
    expect([told.kind, told.retryAfterMs, told.retryable]).toEqual(['rate-limit', 7_000, true]);
    expect(told.message).toMatch(/429 Too Many Requests.*wait 7 s/);
    fake.faults.clear();
    const untold = await once({ kind: 'rate-limit' });
    expect([untold.kind, untold.retryAfterMs]).toEqual(['rate-limit', undefined]);
  });

  it('5xx → venue', async () => {
    expect((await once({ kind: 'server-error' })).message).toBe('Yahoo answered 500 Internal Server Error for the ORCL 1d chart');
    fake.faults.clear();
    expect((await once({ kind: 'server-error', status: 503 })).kind).toBe('venue');
  });

  it('not JSON, or a field of the wrong type → bad-data naming the field', async () => {
    const notJson = await once({ kind: 'malformed-json' });
    expect([notJson.kind, notJson.message.startsWith('Yahoo sent the ORCL 1d chart that is not JSON')]).toEqual(['bad-data', true]);
    fake.faults.clear();
    const close = await once({ kind: 'bad-field', field: 'close' });
    expect(close.kind).toBe('bad-data');
    expect(close.message).toContain('chart.result[0].indicators.quote[0].close[0]: Invalid input: expected number, received string');
    fake.faults.clear();
    expect((await once({ kind: 'bad-field', field: 'timestamp' })).message).toContain('chart.result[0].timestamp[0]');
  });

  it('404 → request: unknown symbol', async () => {
    expect((await once({ kind: 'unknown-symbol' })).message).toMatch(/^Unknown symbol ORCL at Yahoo/);
    const real = await failure(source().history({ ...daily, symbol: 'XYZ' }));
    expect([real.kind, real.retryable, real.message]).toEqual(['request', false, 'Unknown symbol XYZ at Yahoo (No data found, symbol may be delisted)']);
  });

  it('other refusals → request, in Yahoo\'s words', async () => {
    const client = new YahooClient(fake.url, { timeoutMs: 5_000, now: () => clock.now() });
    const error = await failure(client.chart('ORCL', '7m', daily.from, daily.to));
    expect(error.kind).toBe('request');
    expect(error.message).toMatch(/^Yahoo refused the ORCL 7m chart \(400 Bad Request\): Invalid input - interval=7m is not supported/);
  });

  it('no answer → network: refused connection, hang-up, timeout', async () => {
    const closed = await startFakeYahoo({ dataDir: null });
    await closed.close();
    const refused = await failure(new YahooSource({ baseUrl: closed.url }).history(daily));
    expect(refused.kind).toBe('network');
    expect(refused.message).toBe(`Could not reach Yahoo at ${closed.url} for the ORCL 1d chart: ECONNREFUSED`);
    expect((await once({ kind: 'hang-up' })).kind).toBe('network');
    fake.faults.clear();
    const started = performance.now();
    const slow = await once({ kind: 'delay', ms: 3_000 }, { timeoutMs: 150 });
    expect([slow.kind, slow.message]).toEqual(['network', 'Yahoo did not answer the ORCL 1d chart within 150 ms']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a caller abort is cancellation, not a SourceError', async () => {
    fake.faults.add({ kind: 'delay', ms: 2_000 });
    const controller = new AbortController();
    const pending = source().history(daily, controller.signal);
    setTimeout(() => controller.abort(), 30);
    const error = await pending.then(() => null, (e: unknown) => e);
    expect(error).not.toBeInstanceOf(SourceError);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('YahooSource search, markets, ping', () => {
  it('maps search hits to markets and leaves out entities without a symbol', async () => {
    const before = fake.requests.length;
    expect(await source().search('oracle')).toEqual([{ symbol: 'ORCL', base: 'ORCL', quote: '', active: true, type: 'equity', exchange: 'NYQ', name: 'Oracle Corporation' }]);
    expect(fake.requests[before]!.query).toEqual({ q: 'oracle', quotesCount: '20', newsCount: '0' });
    expect(await source().search('btc')).toEqual([{ symbol: 'BTC-USD', base: 'BTC', quote: 'USD', active: true, type: 'cryptocurrency', exchange: 'CCC', name: 'Bitcoin USD' }]);
    const empty = await failure(source().search('  '));
    expect([empty.kind, fake.requests.length]).toEqual(['request', before + 2]);
  });

  it('lists no markets, pings with one search, connects', async () => {
    const yahoo = source();
    expect(await yahoo.markets()).toEqual([]);
    const before = fake.requests.length;
    const latency = await yahoo.ping();
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThan(5_000);
    await yahoo.connect();
    expect(fake.requests.slice(before).map((r) => r.endpoint)).toEqual(['search', 'search']);
  });
});

describe('YahooSource polling', () => {
  interface Seen { at: number; time: number; final: boolean; bar: BarValues }
  interface PollHooks {
    /** Runs before the stream starts (its requests are not counted). */
    prepare?: (yahoo: YahooSource) => Promise<void>;
    onEvent?: () => Promise<void>;
  }
  /** Runs a stream on a stepping clock from `start` until `stop`; returns what it yielded and asked. */
  async function poll(request: LiveRequest, start: number, stop: number, hooks: PollHooks = {}) {
    const stepping = new SteppingClock(start);
    const logged: string[] = [];
    const yahoo = new YahooSource({ baseUrl: fake.url, clock: stepping, pollSeconds: 60, log: (level, m) => logged.push(`${level}: ${m}`) });
    clock.following = stepping; // the fake's market time moves with the stream's
    try {
      if (hooks.prepare) await hooks.prepare(yahoo);
      stepping.waits.length = 0;
      const before = fake.requests.length;
      const controller = new AbortController();
      stepping.stopAt(stop, controller);
      const seen: Seen[] = [];
      for await (const e of yahoo.stream(request, controller.signal)) {
        if (e.type === 'bar') seen.push({ at: stepping.now(), time: e.bar.time, final: e.final, bar: e.bar });
        await hooks.onEvent?.();
      }
      const asked = fake.requests.slice(before).filter((r) => r.endpoint === 'chart').map((r) => r.at);
      return { seen, asked, waits: stepping.waits, logged };
    } finally {
      clock.following = null;
    }
  }
  const hhmm = (ms: number): string => new Date(ms - 4 * 3_600_000).toISOString().slice(11, 16); // New York, EDT
  const brief = (s: Seen): string => `${hhmm(s.at)} ${hhmm(s.time)}${s.final ? ' final' : ''}`;

  it('yields new and changed 5m bars each minute, final once their period has ended', async () => {
    const { seen, asked } = await poll({ symbol: 'ORCL', kind: 'bars', timeframe: tf('5m') }, ny(5, 15, 10, 2), ny(5, 15, 10, 6, 30));
    expect(asked.map(hhmm)).toEqual(['10:02', '10:03', '10:04', '10:05', '10:06']);
    expect(seen.map(brief)).toEqual(['10:02 09:55 final', '10:02 10:00', '10:03 10:00', '10:04 10:00', '10:05 10:00 final', '10:05 10:05', '10:06 10:05']);
    for (const s of seen) expect(s.bar).toEqual(fakeBarAt('ORCL', '5m', s.time, s.at));
    expect(seen[2]!.bar.volume).toBeGreaterThan(seen[1]!.bar.volume); // the forming bar grew by a minute
  });

  it('asks nothing over a weekend: closes Friday\'s last bar, sleeps to Monday 09:30, resumes', async () => {
    const { seen, asked, waits } = await poll({ symbol: 'ORCL', kind: 'bars', timeframe: tf('5m') }, ny(5, 17, 15, 57), ny(5, 20, 9, 32, 30));
    expect(asked).toEqual([ny(5, 17, 15, 57), ny(5, 17, 15, 58), ny(5, 17, 15, 59), ny(5, 17, 16, 0), ny(5, 20, 9, 30), ny(5, 20, 9, 31), ny(5, 20, 9, 32)]);
    // Friday 16:01 → Monday 09:30 is 2 days 17 h 29 min.
    expect(waits).toContain(2 * DAY + 17 * 3_600_000 + 29 * MIN);
    expect(seen.map(brief)).toEqual(['15:57 15:50 final', '15:57 15:55', '15:58 15:55', '15:59 15:55', '16:00 15:55 final', '09:30 09:30', '09:31 09:30', '09:32 09:30']);
    expect(seen[5]!.bar).toEqual(fakeBarAt('ORCL', '5m', ny(5, 20, 9, 30), ny(5, 20, 9, 30)));
  });

  it('closes a 1h bar at an early close: the 12:30 bar of the day after Thanksgiving is final at 13:00', async () => {
    const est = (h: number, m: number, s = 0): number => Date.UTC(2024, 10, 29, h + 5, m, s);
    const { seen, asked } = await poll({ symbol: 'ORCL', kind: 'bars', timeframe: tf('1h') }, est(12, 58), est(13, 1, 30));
    const local = (ms: number): string => new Date(ms - 5 * 3_600_000).toISOString().slice(11, 16);
    expect(asked.map(local)).toEqual(['12:58', '12:59', '13:00']);
    expect(seen.map((x) => `${local(x.at)} ${local(x.time)}${x.final ? ' final' : ''}`)).toEqual(['12:58 11:30 final', '12:58 12:30', '12:59 12:30', '13:00 12:30 final']);
    expect(seen[3]!.bar).toEqual(fakeBarAt('ORCL', '60m', est(12, 30), est(13, 0)));
  });

  it('sleeps through Good Friday and the weekend, resuming Monday 1 April', async () => {
    const { asked, waits } = await poll({ symbol: 'ORCL', kind: 'bars', timeframe: tf('1m') }, ny(3, 28, 15, 58), ny(4, 1, 9, 30, 30));
    expect(asked).toEqual([ny(3, 28, 15, 58), ny(3, 28, 15, 59), ny(3, 28, 16, 0), ny(4, 1, 9, 30)]);
    expect(waits).toContain(3 * DAY + 17 * 3_600_000 + 29 * MIN); // Thursday 16:01 → Monday 09:30
  });

  it('on a closed market asks once to learn the exchange, or not at all when a request already told it', async () => {
    const saturday = ny(5, 18, 12, 0);
    const request: LiveRequest = { symbol: 'NVDA', kind: 'bars', timeframe: tf('15m') };
    const fresh = await poll(request, saturday, ny(5, 20, 9, 30, 30));
    expect(fresh.asked).toEqual([saturday, ny(5, 20, 9, 30)]);
    const informed = await poll(request, saturday, ny(5, 20, 9, 30, 30), {
      prepare: async (yahoo) => void (await yahoo.history({ symbol: 'NVDA', timeframe: tf('1d'), from: saturday - 7 * DAY, to: saturday })),
    });
    expect(informed.asked).toEqual([ny(5, 20, 9, 30)]);
    expect(informed.waits[0]).toBe(DAY + 21.5 * 3_600_000); // Saturday 12:00 → Monday 09:30
  });

  it('polls crypto on a Saturday, and a market without a calendar around the clock (saying why)', async () => {
    const saturday = Date.UTC(2024, 4, 18, 3, 0); // noon in Tokyo, a Saturday
    const btc = await poll({ symbol: 'BTC-USD', kind: 'bars', timeframe: tf('1m') }, saturday, saturday + 2.5 * MIN);
    expect(btc.asked).toEqual([saturday, saturday + MIN, saturday + 2 * MIN]);
    expect(btc.seen.filter((s) => s.final).map((s) => s.time)).toEqual([saturday - 2 * MIN, saturday - MIN, saturday, saturday + MIN]);
    const toyota = await poll({ symbol: '7203.T', kind: 'bars', timeframe: tf('1m') }, saturday, saturday + 2.5 * MIN);
    expect(toyota.asked).toEqual([saturday, saturday + MIN, saturday + 2 * MIN]);
    expect(toyota.seen).toEqual([]);
    expect(toyota.logged).toEqual(['warn: Yahoo lists 7203.T on exchange "JPX" (Asia/Tokyo), which has no market calendar here: polling it around the clock']);
  });

  it('refuses trades', async () => {
    const trades = source().stream({ symbol: 'ORCL', kind: 'trades' }, new AbortController().signal);
    const refused = await failure((async () => {
      for await (const _ of trades) break;
    })());
    expect([refused.kind, refused.message]).toEqual(['request', "Yahoo has no trade feed for ORCL: stream its bars instead (kind 'bars', timeframe 1m, 5m, 15m, 30m, 1h, 1d, 1w, 1M)"]);
  });

  it('ends with the SourceError of a failed poll (fault ordered over the fake\'s HTTP control)', async () => {
    let ordered = false;
    const orderFault = async (): Promise<void> => {
      if (ordered) return;
      ordered = true;
      const response = await fetch(`${fake.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ fault: { kind: 'server-error', status: 503 }, endpoint: 'chart' }) });
      expect(await response.json()).toEqual({ pending: 1 });
    };
    const error = await failure(poll({ symbol: 'ORCL', kind: 'bars', timeframe: tf('1m') }, ny(5, 15, 11, 0), ny(5, 15, 11, 10), { onEvent: orderFault }));
    expect([error.kind, error.message]).toEqual(['venue', 'Yahoo answered 503 Service Unavailable for the ORCL 1m chart']);
    expect(fake.requests.filter((r) => r.endpoint === 'chart').slice(-2).map((r) => [hhmm(r.at), r.status])).toEqual([['11:00', 200], ['11:01', 503]]);
  });

  it('stops at once when aborted or closed during a long sleep (real timers)', async () => {
    const saturday = ny(5, 18, 12, 0);
    const realTimers: Clock = { now: () => saturday, schedule: (ms, fn) => { const h = setTimeout(fn, Math.min(ms, 2_147_483_647)); return { cancel: () => clearTimeout(h) }; } };
    clock.at = saturday;
    const yahoo = new YahooSource({ baseUrl: fake.url, clock: realTimers });
    await yahoo.history({ symbol: 'ORCL', timeframe: tf('1d'), from: saturday - 7 * DAY, to: saturday });
    const before = charts();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const events: LiveEvent[] = [];
    for await (const e of yahoo.stream({ symbol: 'ORCL', kind: 'bars', timeframe: tf('5m') }, controller.signal)) events.push(e);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect([events.length, charts() - before]).toEqual([0, 0]);
    // Closing the source ends a sleeping stream the same way.
    setTimeout(() => void yahoo.close(), 50);
    const closedAt = performance.now();
    for await (const e of yahoo.stream({ symbol: 'ORCL', kind: 'bars', timeframe: tf('5m') }, new AbortController().signal)) events.push(e);
    expect(performance.now() - closedAt).toBeLessThan(1_000);
    expect(events).toEqual([]);
  });
});
