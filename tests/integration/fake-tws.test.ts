import { connect as tcpConnect } from 'node:net';
import { EventName, IBApiNext, SecType, type Contract, type ContractDetails } from '@stoqey/ib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { historyBarsText } from '../fakes/tws/format.ts';
import { fiveSecondBar, tradesOfSlot, type Series } from '../fakes/tws/ground-truth.ts';
import { IbProbe, isNotice, type HistoryBar, type Notice } from '../fakes/tws/ib-probe.ts';
import type { Instrument } from '../fakes/tws/instruments.ts';
import { intradayBars } from '../fakes/tws/intraday-bars.ts';
import { historicalData } from '../fakes/tws/messages.ts';
import { frame } from '../fakes/tws/protocol.ts';
import { startFakeTws, type FakeTws } from '../fakes/tws/server.ts';
import { twsDateTime } from '../fakes/tws/time-zone.ts';

// The fake TWS driven by the real @stoqey/ib client. Expected bars and ticks are folded here, by hand,
// from the exported 5-second ground truth; expected strings are written out literally.

const T0 = Date.UTC(2026, 0, 23, 16, 0, 0); // Friday 2026-01-23 11:00 New York (EST)
/** Server seconds per real second for streaming tests: a 5-second bar every 100 ms. */
const SPEED = 50;
const AAPL: Contract = { conId: 265598, exchange: 'SMART' };
const MSFT: Contract = { conId: 272093, exchange: 'SMART' };
const SPY: Contract = { conId: 756733, exchange: 'SMART' };
const PACING = 'Historical Market Data Service error message:Historical data request pacing violation';
const DECODER_COMPLAINT = /unprocessed data|Underrun|No parser|Decoding error/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const accelerated = (t0: number) => {
  const base = Date.now();
  return () => t0 + (Date.now() - base) * SPEED;
};
const fakeLog: string[] = [];
const log = (line: string) => void fakeLog.push(line);
const consoleLines: string[] = [];
for (const method of ['log', 'warn', 'error'] as const) {
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
}

async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Folds `count` 5-second bars from `fromSec` by hand: first open, max high, min low, last close, sums. */
function fold(i: Instrument, series: Series, fromSec: number, count: number) {
  const bars = Array.from({ length: count }, (_, j) => fiveSecondBar(i, series, fromSec + 5 * j));
  const volume = bars.reduce((s, b) => s + b.volume, 0);
  return {
    open: bars[0].open, high: Math.max(...bars.map((b) => b.high)), low: Math.min(...bars.map((b) => b.low)), close: bars[count - 1].close,
    volume: series === 'TRADES' ? volume : -1, count: series === 'TRADES' ? 4 * count : -1,
    wap: series === 'TRADES' ? bars.reduce((s, b) => s + b.wapSum, 0) / volume : -1,
  };
}

function expectBar(actual: HistoryBar, expected: ReturnType<typeof fold>): void {
  expect([actual.open, actual.high, actual.low, actual.close, actual.volume, actual.count]).toEqual([expected.open, expected.high, expected.low, expected.close, expected.volume, expected.count]);
  expect(actual.wap).toBeCloseTo(expected.wap, 4);
}

function bars(result: Awaited<ReturnType<IbProbe['history']>>): HistoryBar[] {
  if (isNotice(result)) throw new Error(`expected bars, got error ${result.code}: ${result.message}`);
  return result.bars;
}

afterAll(() => {
  expect(consoleLines.filter((l) => DECODER_COMPLAINT.test(l))).toEqual([]);
});

describe.each([193, 176, 151, 124])('fake TWS at server version %i, through IBApi', (version) => {
  let fake: FakeTws;
  let probe: IbProbe;
  let greeting: Awaited<ReturnType<IbProbe['connect']>>;
  beforeAll(async () => {
    fake = await startFakeTws({ serverVersion: version, now: accelerated(T0), streamTickMs: 20, controlPort: null, log });
    probe = new IbProbe(fake.port, 11);
    greeting = await probe.connect();
  });
  afterAll(async () => {
    probe.disconnect();
    await fake.close();
  });
  afterEach(() => expect(probe.decoderProblems()).toEqual([]));

  it('handshakes with the negotiated version, accounts, next id and the farm notices', () => {
    expect(greeting.version).toBe(version);
    expect(greeting.connectionTime).toMatch(/^20260123 11:0\d:\d\d EST$/);
    expect([greeting.accounts, greeting.nextId]).toEqual(['DU1234567', 1]);
    expect(probe.infos.map((n) => n.code)).toEqual([2104, 2106, 2158]);
    expect(fake.stats().clients.map((c) => [c.clientId, c.serverVersion, c.announced])).toEqual([[11, version, '100..193']]);
  });

  it('describes stocks, the front future, a call, a currency pair and a coin with the long layout', async () => {
    const [aapl] = (await probe.contractDetails(1, { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' })) as ContractDetails[];
    expect(aapl.contract).toMatchObject({ conId: 265598, symbol: 'AAPL', secType: 'STK', exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD', localSymbol: 'AAPL', tradingClass: 'NMS' });
    expect([aapl.longName, aapl.minTick, aapl.marketName, aapl.timeZoneId, aapl.secIdList]).toEqual(['APPLE INC', 0.01, 'NMS', 'US/Eastern', [{ tag: 'ISIN', value: 'US0378331005' }]]);
    expect(aapl.tradingHours?.startsWith('20260123:0400-20260123:2000;20260124:CLOSED;20260125:CLOSED;20260126:0400-20260126:2000')).toBe(true);
    expect(aapl.liquidHours?.startsWith('20260123:0930-20260123:1600;20260124:CLOSED')).toBe(true);
    expect(aapl.stockType).toBe(version >= 152 ? 'COMMON' : undefined);
    expect(aapl.minSize).toBe(version >= 164 ? 0.0001 : undefined);
    expect(aapl.aggGroup).toBe(1);

    const [es] = (await probe.contractDetails(2, { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', lastTradeDateOrContractMonth: '202603' })) as ContractDetails[];
    expect(es.contract).toMatchObject({ conId: 620702603, localSymbol: 'ESH6', lastTradeDateOrContractMonth: '20260320', multiplier: 50, exchange: 'CME' });
    expect([es.underConId, es.contractMonth, es.minTick, es.tradingHours?.slice(0, 27)]).toEqual([11004968, '202603', 0.25, '20260122:1800-20260123:1700']);
    const [call] = (await probe.contractDetails(3, { symbol: 'AAPL', secType: SecType.OPT, right: 'C' as never, strike: 190, lastTradeDateOrContractMonth: '20260320', exchange: 'SMART' })) as ContractDetails[];
    expect(call.contract).toMatchObject({ conId: 700260320, localSymbol: 'AAPL  260320C00190000', right: 'C', strike: 190, multiplier: 100 });
    const [eur] = (await probe.contractDetails(4, { conId: 12087792 })) as ContractDetails[];
    expect([eur.contract.localSymbol, eur.contract.exchange, eur.minTick]).toEqual(['EUR.USD', 'IDEALPRO', 0.00005]);
    const [btc] = (await probe.contractDetails(5, { symbol: 'BTC', secType: SecType.CRYPTO, exchange: 'PAXOS', currency: 'USD' })) as ContractDetails[];
    expect([btc.contract.conId, btc.contract.localSymbol]).toEqual([479624278, 'BTC.USD']);
    expect(await probe.contractDetails(6, { symbol: 'NOPE', secType: SecType.STK, exchange: 'SMART' })).toEqual({ code: 200, reqId: 6, message: 'No security definition has been found for the request' });
  });

  it('serves 1-minute bars that are exact folds of the 5-second ground truth', async () => {
    const aapl = fake.instrument(265598);
    const got = bars(await probe.history(10, AAPL, '20260122 11:00:00 US/Eastern', '3600 S', '1 min', 'TRADES', 1));
    expect(got).toHaveLength(60);
    expect([got[0].date, got[59].date]).toEqual(['20260122 10:00:00 US/Eastern', '20260122 10:59:00 US/Eastern']);
    got.forEach((bar, n) => expectBar(bar, fold(aapl, 'TRADES', Date.UTC(2026, 0, 22, 15, n) / 1000, 12)));
    const epoch = bars(await probe.history(11, AAPL, '20260122-16:00:00', '600 S', '1 min', 'TRADES', 1, 2));
    expect(epoch.map((b) => b.date)).toEqual(Array.from({ length: 10 }, (_, n) => String(Date.UTC(2026, 0, 22, 15, 50 + n) / 1000)));
    const mids = bars(await probe.history(12, { conId: 12087792, exchange: 'IDEALPRO' }, '20260122 11:00:00 US/Eastern', '1800 S', '5 mins', 'MIDPOINT', 0));
    expect(mids).toHaveLength(6);
    mids.forEach((bar, n) => expectBar(bar, fold(fake.instrument(12087792), 'MIDPOINT', Date.UTC(2026, 0, 22, 15, 30 + 5 * n) / 1000, 60)));
  });

  it('streams 5-second real-time bars aligned to the clock, equal to the ground truth', async () => {
    const got: Array<[number, number, number, number, number, number, number, number]> = [];
    const off = probe.on(EventName.realtimeBar, (id: number, time: number, o: number, h: number, l: number, c: number, v: number, wap: number, count: number) => void (id === 20 && got.push([time, o, h, l, c, v, wap, count])));
    probe.ib.reqRealTimeBars(20, AAPL, 5, 'TRADES' as never, false);
    await waitFor('3 real-time bars', () => got.length >= 3);
    probe.ib.cancelRealTimeBars(20);
    off();
    const aapl = fake.instrument(265598);
    for (const [time, o, h, l, c, v, wap, count] of got.slice(0, 3)) {
      expect(time % 5).toBe(0);
      const truth = fiveSecondBar(aapl, 'TRADES', time);
      expect([o, h, l, c, v, count]).toEqual([truth.open, truth.high, truth.low, truth.close, truth.volume, 4]);
      expect(wap).toBeCloseTo(truth.wapSum / truth.volume, 4);
    }
    expect(got[1][0] - got[0][0]).toBe(5);
  });

  const tickByTick = async () => {
    const trades: Array<[number, number, number]> = [];
    const quotes: Array<[number, number, number]> = [];
    const mids: Array<[number, number]> = [];
    const offs = [
      // The client hands tick times over as the text TWS sent (epoch seconds).
      probe.on(EventName.tickByTickAllLast, (id: number, _t: number, time: string, price: number, size: number) => void (id === 30 && trades.push([Number(time), price, size]))),
      probe.on(EventName.tickByTickBidAsk, (id: number, time: string, bid: number, ask: number) => void (id === 31 && quotes.push([Number(time), bid, ask]))),
      probe.on(EventName.tickByTickMidPoint, (id: number, time: string, mid: number) => void (id === 32 && mids.push([Number(time), mid]))),
    ];
    probe.ib.reqTickByTickData(30, AAPL, 'Last' as never, 0, false);
    probe.ib.reqTickByTickData(31, AAPL, 'BidAsk' as never, 0, false);
    probe.ib.reqTickByTickData(32, AAPL, 'MidPoint' as never, 0, false);
    await waitFor('12 trades', () => trades.length >= 12 && quotes.length >= 4 && mids.length >= 4);
    [30, 31, 32].forEach((id) => probe.ib.cancelTickByTickData(id));
    offs.forEach((off) => off());
    const aapl = fake.instrument(265598);
    const truthAt = (time: number) => tradesOfSlot(aapl, time - (time % 5)).find((t) => Math.floor(t.time / 1000) === time)!;
    for (const [time, price, size] of trades) expect([price, size]).toEqual([truthAt(time).price, truthAt(time).size]);
    for (const [time, bid, ask] of quotes) expect([bid, ask]).toEqual([(Math.round(truthAt(time).price * 100) - 1) / 100, (Math.round(truthAt(time).price * 100) + 2) / 100]);
    for (const [time, mid] of mids) expect(mid).toBeCloseTo(truthAt(time).price + 0.005, 9);
    // A whole slot of trades (12 trades span at least two) folds into exactly its 5-second bar.
    const slotOf = (t: number) => t - (t % 5);
    const slot = slotOf(trades.find(([t]) => trades.filter(([u]) => slotOf(u) === slotOf(t)).length === 4)![0]);
    const inSlot = trades.filter(([t]) => slotOf(t) === slot);
    const truth = fiveSecondBar(aapl, 'TRADES', slot);
    expect([inSlot[0][1], Math.max(...inSlot.map((t) => t[1])), Math.min(...inSlot.map((t) => t[1])), inSlot[3][1], inSlot.reduce((s, t) => s + t[2], 0)])
      .toEqual([truth.open, truth.high, truth.low, truth.close, truth.volume]);
  };

  if (version >= 137) {
    it('streams tick-by-tick trades, quotes and midpoints that fold into the 5-second bars', tickByTick);
  } else {
    it('speaks no tick-by-tick below version 137: the client refuses to ask, the fake hears nothing', async () => {
      probe.ib.reqTickByTickData(30, AAPL, 'Last' as never, 0, false);
      const refusal = await waitFor('the client\'s own refusal', () => probe.errors.find((e) => e.reqId === 30));
      expect([refusal.code, refusal.message]).toEqual([503, `Server Version ${version}: It does not support tick-by-tick data requests.`]);
      expect(fake.stats().requests.filter((r) => r.message === 'REQ_TICK_BY_TICK_DATA')).toEqual([]);
    });
  }
});

describe('fake TWS history: searches, head timestamps, bar rules and refusals', () => {
  let fake: FakeTws;
  let probe: IbProbe;
  beforeAll(async () => {
    // Pacing has its own tests below; here many requests share one instant of a stopped clock.
    fake = await startFakeTws({ now: () => T0, controlPort: null, enforcePacing: false, log });
    probe = new IbProbe(fake.port, 3);
    await probe.connect();
  });
  afterAll(async () => {
    probe.disconnect();
    await fake.close();
  });

  it('finds symbols by prefix or by name, with their derivative types', async () => {
    const search = (id: number, pattern: string) => {
      const answer = probe.once(EventName.symbolSamples, (reqId: number, found: Array<{ contract: Contract; derivativeSecTypes: string[] }>) => (reqId === id ? found : undefined));
      probe.ib.reqMatchingSymbols(id, pattern);
      return answer;
    };
    const byPrefix = await search(40, 'AAP');
    expect(byPrefix.map((d) => [d.contract.conId, d.contract.symbol, d.contract.secType, d.contract.primaryExch, d.contract.description])).toEqual([[265598, 'AAPL', 'STK', 'NASDAQ', 'APPLE INC']]);
    expect(byPrefix[0].derivativeSecTypes).toContain('OPT');
    expect((await search(41, 'micro')).map((d) => d.contract.symbol)).toEqual(['MSFT']);
    expect((await search(42, 'zzz'))).toEqual([]);
  });

  it('reports the earliest data: the origin, inside the instrument\'s session', async () => {
    const head = (id: number, contract: Contract, rth: boolean, format: number) => {
      const answer = probe.once(EventName.headTimestamp, (reqId: number, text: string) => (reqId === id ? text : undefined));
      probe.ib.reqHeadTimestamp(id, contract, 'TRADES' as never, rth, format);
      return answer;
    };
    expect(await head(50, AAPL, true, 1)).toBe('20150101-14:30:00'); // Thursday 2015-01-01 09:30 New York
    // The origin, 2015-01-01T00:00Z, is 19:00 on New Year's Eve in New York: inside 04:00–20:00.
    expect(await head(51, AAPL, false, 2)).toBe(String(Date.UTC(2015, 0, 1) / 1000));
    expect(await head(52, { conId: 479624278, exchange: 'PAXOS' }, false, 1)).toBe('20150101-00:00:00');
  });

  it('serves daily, weekly and partial bars by the documented rule', async () => {
    const aapl = fake.instrument(265598);
    const rthSlots = 6.5 * 720;
    const daily = bars(await probe.history(60, AAPL, '20260122 16:00:00 US/Eastern', '1 W', '1 day', 'TRADES', 1));
    expect(daily.map((b) => b.date)).toEqual(['20260116', '20260119', '20260120', '20260121', '20260122']);
    daily.forEach((bar, n) => expectBar(bar, fold(aapl, 'TRADES', Date.UTC(2026, 0, [16, 19, 20, 21, 22][n], 14, 30) / 1000, rthSlots)));
    // An end after "now" (Friday 11:00) is now: today's bar holds 09:30–11:00 only.
    const today = bars(await probe.history(63, AAPL, '20260123 16:00:00 US/Eastern', '1 D', '1 day', 'TRADES', 1));
    expect(today.map((b) => b.date)).toEqual(['20260123']);
    expectBar(today[0], fold(aapl, 'TRADES', Date.UTC(2026, 0, 23, 14, 30) / 1000, 90 * 12));
    const weekly = bars(await probe.history(61, AAPL, '20260117 00:00:00 US/Eastern', '1 M', '1 week', 'TRADES', 1));
    expect(weekly.map((b) => b.date)).toEqual(['20251222', '20251229', '20260105', '20260112']);
    const week = [12, 13, 14, 15, 16].map((d) => fold(aapl, 'TRADES', Date.UTC(2026, 0, d, 14, 30) / 1000, rthSlots));
    expectBar(weekly[3], {
      open: week[0].open, high: Math.max(...week.map((w) => w.high)), low: Math.min(...week.map((w) => w.low)), close: week[4].close,
      volume: week.reduce((s, w) => s + w.volume, 0), count: 4 * 5 * rthSlots, wap: week.reduce((s, w) => s + w.wap * w.volume, 0) / week.reduce((s, w) => s + w.volume, 0),
    });
    // End 10:00:30: the first bar is the first whole minute after end − 30 min; the last holds 10:00:00–10:00:30 only.
    const partial = bars(await probe.history(62, AAPL, '20260122 10:00:30 US/Eastern', '1800 S', '1 min', 'TRADES', 1));
    expect([partial.length, partial[0].date, partial.at(-1)!.date]).toEqual([30, '20260122 09:31:00 US/Eastern', '20260122 10:00:00 US/Eastern']);
    expectBar(partial.at(-1)!, fold(aapl, 'TRADES', Date.UTC(2026, 0, 22, 15) / 1000, 6));
  });

  it('refuses what TWS refuses, with its codes and words', async () => {
    const refusal = async (id: number, ...args: Parameters<IbProbe['history']> extends [number, ...infer R] ? R : never) => (await probe.history(id, ...args)) as Notice;
    // Minute bars: up to a week per request (decision 0024); half-hour bars up to a month; daily beyond.
    expect(await refusal(70, AAPL, '', '2 W', '1 min', 'TRADES', 1)).toMatchObject({ code: 162, message: 'Historical Market Data Service error message:Time length exceed max.' });
    expect(await refusal(71, AAPL, '', '1 M', '5 mins', 'TRADES', 1)).toMatchObject({ code: 162 });
    expect(await refusal(72, AAPL, '', '1 Y', '1 hour', 'TRADES', 1)).toMatchObject({ code: 162 });
    expect((await refusal(73, AAPL, '', '1 D', '7 mins', 'TRADES', 1)).message).toMatch(/^Error validating request.-'bS' : cause - Historical data bar size setting is invalid. Legal ones are: 1 secs, 5 secs/);
    expect(await refusal(74, AAPL, '2026-01-22 10:00', '1 D', '1 min', 'TRADES', 1)).toMatchObject({ code: 321 });
    expect(await refusal(75, AAPL, '20260118 12:00:00 US/Eastern', '1 D', '1 min', 'TRADES', 1)).toEqual({
      code: 162, reqId: 75, message: 'Historical Market Data Service error message:HMDS query returned no data: AAPL@SMART Trades',
    });
    expect((await refusal(76, { conId: 12087792, exchange: 'IDEALPRO' }, '', '1 D', '1 min', 'TRADES', 0)).message).toContain('HMDS query returned no data: EUR.USD@IDEALPRO Trades');
    expect(await refusal(77, { conId: 1 }, '', '1 D', '1 min', 'TRADES', 1)).toMatchObject({ code: 200 });
    expect(bars(await probe.history(78, AAPL, '20260122 16:00:00 US/Eastern', '1 D', '1 min', 'TRADES', 1))).toHaveLength(390);
    expect(bars(await probe.history(79, AAPL, '20260122 16:00:00 US/Eastern', '1 W', '1 min', 'TRADES', 1))).toHaveLength(5 * 390);
    expect(probe.decoderProblems()).toEqual([]);
  });

  it('cancels an open query with "query cancelled" and an unknown one with 366', async () => {
    fake.faults.delayAnswers(300);
    const answer = probe.history(80, MSFT, '20260121 16:00:00 US/Eastern', '1 D', '5 mins', 'TRADES', 1);
    await waitFor('the query to be open', () => fake.stats().requests.some((r) => r.reqId === 80));
    probe.ib.cancelHistoricalData(80);
    expect(await answer).toEqual({ code: 162, reqId: 80, message: 'Historical Market Data Service error message:API historical data query cancelled: 80' });
    fake.faults.delayAnswers(0);
    probe.ib.cancelHistoricalData(81);
    expect(await probe.nextNotice(366)).toEqual({ code: 366, reqId: 81, message: 'No historical data query found for ticker id:81' });
  });

  it('also answers IBApiNext, which keys its own requests', async () => {
    const next = new IBApiNext({ host: '127.0.0.1', port: fake.port, logger: { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } });
    const complaints: string[] = [];
    const watching = next.error.subscribe((e) => void complaints.push(`${e.code} ${e.error.message}`));
    next.connect(4);
    expect(await next.getCurrentTime()).toBe(T0 / 1000);
    const [details] = await next.getContractDetails({ conId: 756733, exchange: 'SMART' });
    expect([details.contract.symbol, details.stockType]).toEqual(['SPY', 'ETF']);
    const got = await next.getHistoricalData({ conId: 756733, exchange: 'SMART' }, '20260121 16:00:00 US/Eastern', '3600 S', '5 mins' as never, 'TRADES' as never, 1, 1);
    expect(got.map((b) => b.time)).toEqual(Array.from({ length: 12 }, (_, n) => `20260121 15:${String(n * 5).padStart(2, '0')}:00 US/Eastern`));
    watching.unsubscribe();
    next.disconnect();
    expect(complaints).toEqual([]);
  });
});

describe('fake TWS pacing, on a clock the test moves', () => {
  let clock = T0;
  let fake: FakeTws;
  let probe: IbProbe;
  beforeAll(async () => {
    fake = await startFakeTws({ now: () => clock, controlPort: null, log });
    probe = new IbProbe(fake.port, 5, 1000);
    await probe.connect();
  });
  afterAll(async () => {
    probe.disconnect();
    await fake.close();
  });
  const ask = (id: number, contract: Contract, end: string, barSize = '1 min', what = 'TRADES', duration = '1800 S') => probe.history(id, contract, end, duration, barSize, what, 1);
  const end = (minute: number) => `20260122 ${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00 US/Eastern`;

  it('refuses an identical request within 15 seconds', async () => {
    expect(bars(await ask(1, AAPL, end(0)))).toHaveLength(30);
    clock += 1_000;
    expect(await ask(2, AAPL, end(0))).toEqual({ code: 162, reqId: 2, message: PACING });
    clock += 15_000;
    expect(bars(await ask(3, AAPL, end(0)))).toHaveLength(30);
  });

  it('refuses the sixth request for one contract, exchange and tick type within 2 seconds', async () => {
    clock += 60_000;
    for (let n = 0; n < 5; n++) {
      expect(bars(await ask(10 + n, AAPL, end(10 + n)))).toHaveLength(30);
      clock += 100;
    }
    expect(await ask(15, AAPL, end(15))).toMatchObject({ code: 162, message: PACING });
    expect(bars(await ask(16, MSFT, end(15)))).toHaveLength(30); // another contract has its own count
    clock += 2_000;
    expect(bars(await ask(17, AAPL, end(15)))).toHaveLength(30);
  });

  it('counts BID_ASK twice', async () => {
    clock += 60_000;
    expect(bars(await ask(20, SPY, end(20), '1 min', 'BID_ASK'))).toHaveLength(30);
    expect(bars(await ask(21, SPY, end(21), '1 min', 'BID_ASK'))).toHaveLength(30);
    expect(await ask(22, SPY, end(22), '1 min', 'BID_ASK')).toMatchObject({ code: 162, message: PACING });
  });

  it('refuses the 61st request for bars of 30 seconds or less within 10 minutes, and only those', async () => {
    clock += 60_000;
    for (let n = 0; n < 60; n++) {
      expect(bars(await ask(100 + n, [AAPL, MSFT, SPY][n % 3], end(n), '30 secs'))).toHaveLength(60);
      clock += 5_000;
    }
    expect(await ask(160, AAPL, end(100), '30 secs')).toMatchObject({ code: 162, message: PACING });
    expect(bars(await ask(161, AAPL, end(100), '1 min'))).toHaveLength(30);
    clock += 600_000;
    expect(bars(await ask(162, AAPL, end(101), '30 secs'))).toHaveLength(60);
  });

  it('refuses the next N requests on command and counts every violation', async () => {
    clock += 60_000;
    fake.faults.forcePacingViolations(2);
    expect(await ask(200, AAPL, end(30))).toMatchObject({ code: 162, message: PACING });
    expect(await ask(201, MSFT, end(30))).toMatchObject({ code: 162, message: PACING });
    expect(bars(await ask(202, SPY, end(30)))).toHaveLength(30);
    const stats = fake.stats();
    expect([stats.pacingViolations, stats.pacingByRule]).toEqual([6, { identical: 1, burst: 2, 'ten-minutes': 1, forced: 2 }]);
    expect(stats.requests.filter((r) => r.outcome.startsWith('pacing')).map((r) => [r.reqId, r.outcome])).toEqual([
      [2, 'pacing identical'], [15, 'pacing burst'], [22, 'pacing burst'], [160, 'pacing ten-minutes'], [200, 'pacing forced'], [201, 'pacing forced'],
    ]);
    expect(stats.requests.find((r) => r.reqId === 1)).toMatchObject({ clientId: 5, message: 'REQ_HISTORICAL_DATA', contract: '265598 AAPL', outcome: 'ok', params: { barSizeSetting: '1 min', durationStr: '1800 S', whatToShow: 'TRADES', bars: 30 } });
  });

  it('refuses a request beyond the open-request limit', async () => {
    const small = await startFakeTws({ now: () => T0, controlPort: null, maxOpenHistorical: 2, log });
    const client = new IbProbe(small.port, 1);
    await client.connect();
    small.faults.delayAnswers(200);
    const answers = [AAPL, MSFT, SPY].map((c, n) => client.history(n + 1, c, '', '1800 S', '1 min', 'TRADES', 1));
    expect((await answers[2]) as Notice).toMatchObject({ code: 162, message: PACING });
    expect(bars(await answers[0])).toHaveLength(30);
    expect(small.stats().pacingByRule).toEqual({ simultaneous: 1 });
    client.disconnect();
    await small.close();
  });
});

describe('fake TWS streams: client ids, line limits and subscription stats', () => {
  let fake: FakeTws;
  let probe: IbProbe;
  beforeAll(async () => {
    fake = await startFakeTws({ now: accelerated(T0), streamTickMs: 20, maxMarketDataLines: 2, controlPort: null, log });
    probe = new IbProbe(fake.port, 21);
    await probe.connect();
  });
  afterAll(async () => {
    probe.disconnect();
    await fake.close();
  });

  it('refuses a second connection with a client id in use (326) and closes it', async () => {
    const twin = new IbProbe(fake.port, 21);
    twin.ib.connect(21);
    await waitFor('the twin to be closed', () => twin.disconnects > 0);
    expect(twin.infos.map((n) => [n.code, n.message])).toEqual([[326, 'Unable to connect as the client id is already in use. Retry with a unique client id.']]);
    expect(fake.stats().refusedConnections).toBe(1);
    expect(fake.stats().clients.map((c) => c.clientId)).toEqual([21]);
  });

  it('refuses real-time bars beyond the market-data lines (101) and tick-by-tick beyond its own limit (10190)', async () => {
    probe.ib.reqRealTimeBars(1, AAPL, 5, 'TRADES' as never, false);
    probe.ib.reqRealTimeBars(2, MSFT, 5, 'MIDPOINT' as never, false);
    probe.ib.reqRealTimeBars(3, SPY, 5, 'TRADES' as never, false);
    expect(await probe.nextNotice(101)).toEqual({ code: 101, reqId: 3, message: 'Max number of tickers has been reached.' });
    probe.ib.cancelRealTimeBars(1);
    probe.ib.reqRealTimeBars(4, SPY, 5, 'TRADES' as never, false);
    for (let n = 0; n < 6; n++) probe.ib.reqTickByTickData(10 + n, [AAPL, MSFT, SPY][n % 3], 'Last' as never, 0, false);
    expect(await probe.nextNotice(10190)).toEqual({ code: 10190, reqId: 15, message: 'Max number of tick-by-tick requests has been reached.' });
    await waitFor('the stats to settle', () => fake.stats().requests.some((r) => r.reqId === 15));
    const streams = fake.stats().streams;
    expect(streams.activeByClient).toEqual({ 21: { realtimeBars: 2, tickByTick: 5 } });
    expect(streams.activeByContract['756733']).toEqual({ realtimeBars: 1, tickByTick: 1 });
    expect(streams.maxConcurrent).toMatchObject({ '21:265598:realtimeBars': 1, '21:756733:realtimeBars': 1, '21:265598:tickByTick': 2 });
    expect(streams.subscribes.filter((s) => s.kind === 'realtimeBars').map((s) => s.reqId)).toEqual([1, 2, 4]);
    expect(probe.decoderProblems()).toEqual([]);
  });
});

describe('fake TWS faults', () => {
  let now: () => number;
  let fake: FakeTws;
  let probe: IbProbe;
  const realtimeBars: Array<[number, number]> = [];
  beforeAll(async () => {
    now = accelerated(T0);
    fake = await startFakeTws({ now: () => now(), streamTickMs: 20, log });
    probe = new IbProbe(fake.port, 31);
    await probe.connect();
    probe.on(EventName.realtimeBar, (id: number, time: number) => void realtimeBars.push([id, time]));
  });
  afterAll(async () => {
    probe.disconnect();
    await fake.close();
  });
  const barsOf = (id: number) => realtimeBars.filter(([reqId]) => reqId === id).length;
  const currentTime = (client: IbProbe, timeoutMs = 3000) => {
    const answer = client.once(EventName.currentTime, (t: number) => t, timeoutMs);
    client.ib.reqCurrentTime();
    return answer;
  };

  it('1100 stops streams and holds queries; 1101 forgets subscriptions; 1102 keeps them', async () => {
    probe.ib.reqRealTimeBars(1, AAPL, 5, 'TRADES' as never, false);
    await waitFor('bars', () => barsOf(1) >= 2);
    fake.faults.lose();
    expect(await probe.nextNotice(1100)).toMatchObject({ message: 'Connectivity between IB and Trader Workstation has been lost.' });
    const held = probe.history(2, AAPL, '20260122 16:00:00 US/Eastern', '1800 S', '1 min', 'TRADES', 1);
    const during = barsOf(1);
    await sleep(400); // 20 server seconds: four slots end
    expect(barsOf(1)).toBe(during);
    expect(fake.stats().requests.some((r) => r.reqId === 2)).toBe(false);

    fake.faults.restore('lost');
    const restoredAt = now();
    expect(await probe.nextNotice(1101)).toMatchObject({ message: 'Connectivity between IB and TWS has been restored - data lost.' });
    expect(bars(await held)).toHaveLength(30);
    await sleep(400);
    expect(barsOf(1)).toBe(during);
    expect(fake.stats().streams.activeByClient).toEqual({});
    probe.ib.reqRealTimeBars(3, AAPL, 5, 'TRADES' as never, false);
    await waitFor('bars after the new request', () => barsOf(3) >= 1);
    // The server clock of every subscribe is kept: a client's re-request can be timed against the 1101.
    const again = fake.stats().streams.subscribes.filter((s) => s.clientId === 31).map((s) => [s.reqId, s.time >= restoredAt]);
    expect(again).toEqual([[1, false], [3, true]]);

    fake.faults.lose();
    await probe.nextNotice(1100);
    fake.faults.restore('maintained');
    expect(await probe.nextNotice(1102)).toMatchObject({ message: 'Connectivity between IB and TWS has been restored - data maintained.' });
    const before = barsOf(3);
    await waitFor('bars to carry on without a new request', () => barsOf(3) >= before + 2);
    fake.faults.brokenServerLink();
    expect(await probe.nextNotice(2110)).toMatchObject({ message: 'Connectivity between TWS and server is broken. It will be restored automatically.' });
    probe.ib.cancelRealTimeBars(3);
  });

  it('stalls: nothing sent, nothing answered, until the stall ends', async () => {
    fake.faults.stall();
    const answer = currentTime(probe);
    await sleep(300);
    expect(fake.stats().requests.filter((r) => r.message === 'REQ_CURRENT_TIME')).toHaveLength(0);
    fake.faults.unstall();
    expect(Math.abs((await answer) - now() / 1000)).toBeLessThan(SPEED);
  });

  it('delays every answer', async () => {
    fake.faults.delayAnswers(250);
    const started = Date.now();
    await currentTime(probe);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    fake.faults.delayAnswers(0);
  });

  it('sends a malformed frame once: garbage fields, then a length that lies', async () => {
    const victim = new IbProbe(fake.port, 32);
    await victim.connect();
    fake.faults.malformNext('garbage');
    victim.ib.reqCurrentTime();
    await waitFor('the decoder to complain', () => victim.decoderProblems().length > 0);
    expect(victim.decoderProblems()[0]).toMatch(/^Decoding error on CURRENT_TIME: unprocessed data left on queue/);
    expect(await currentTime(victim)).toBeGreaterThan(0); // once only: the next answer is whole
    fake.faults.malformNext('bad-length');
    victim.ib.reqCurrentTime();
    victim.ib.reqCurrentTime();
    await waitFor('the broken framing to show', () => victim.decoderProblems().length > 1);
    victim.disconnect();
  });

  it('drops every socket, now or every N seconds, and refuses connections during a nightly reset', async () => {
    const a = new IbProbe(fake.port, 33);
    await a.connect();
    expect(fake.faults.dropSockets()).toBeGreaterThanOrEqual(2);
    await waitFor('the drop to be seen', () => a.disconnects > 0 && probe.disconnects > 0);
    expect(fake.stats().clients).toEqual([]);

    fake.faults.dropSocketsEvery(0.2);
    const b = new IbProbe(fake.port, 34);
    await b.connect();
    await waitFor('the periodic drop', () => b.disconnects > 0, 1000);
    fake.faults.dropSocketsEvery(null);

    fake.faults.nightlyReset(0.5);
    const c = new IbProbe(fake.port, 35);
    c.ib.connect(35);
    await waitFor('a refused connection', () => c.errors.find((e) => /ECONNREFUSED/.test(e.message)));
    await sleep(700);
    const d = new IbProbe(fake.port, 36);
    expect((await d.connect()).nextId).toBe(1);
    d.disconnect();
  });

  it('answers requests it does not serve — never silently — and logs them', async () => {
    const e = new IbProbe(fake.port, 37);
    await e.connect();
    e.ib.reqPositions();
    expect(await e.nextNotice(321)).toEqual({ code: 321, reqId: -1, message: "Error validating request.-'REQ_POSITIONS' : cause - REQ_POSITIONS is not served by this fake TWS (docs/fake-tws.md)." });
    e.ib.placeOrder(7, { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, { action: 'BUY' as never, orderType: 'MKT' as never, totalQuantity: 1 });
    expect(await e.nextNotice(321)).toEqual({ code: 321, reqId: 7, message: "Error validating request.-'PLACE_ORDER' : cause - The API interface is currently in Read-Only mode." });
    expect(fakeLog.filter((l) => /REQ_POSITIONS|PLACE_ORDER/.test(l))).toHaveLength(2);
    expect(fake.stats().requests.filter((r) => r.outcome === 'unsupported').map((r) => r.message)).toEqual(['REQ_POSITIONS', 'PLACE_ORDER']);
    e.disconnect();
  });

  it('is driven over HTTP as well', async () => {
    const f = new IbProbe(fake.port, 38);
    await f.connect();
    const post = (body: unknown) => fetch(`${fake.controlUrl}/faults`, { method: 'POST', body: JSON.stringify(body) });
    let mark = f.notices.length;
    const lost = await post({ lose: true });
    expect([lost.status, ((await lost.json()) as { faults: { connectivity: string } }).faults.connectivity]).toEqual([200, 'lost']);
    expect(await f.nextNotice(1100, 3000, mark)).not.toBeNull();
    mark = f.notices.length;
    await post({ restore: 'maintained', pacingViolations: 3 });
    expect(await f.nextNotice(1102, 3000, mark)).not.toBeNull();
    expect(await (await fetch(`${fake.controlUrl}/faults`)).json()).toMatchObject({ connectivity: 'ok', forcedPacingViolations: 3 });
    const bad = await post({ restore: 'maybe' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^bad fault command: restore: /);
    const stats = (await (await fetch(`${fake.controlUrl}/stats`)).json()) as { clients: Array<{ clientId: number }> };
    expect(stats.clients.map((c) => c.clientId)).toContain(38);
    await post({ clear: true });
    f.disconnect();
  });
});

describe('fake TWS wire handling for any client', () => {
  let fake: FakeTws;
  beforeAll(async () => {
    fake = await startFakeTws({ now: () => T0, serverVersion: 176, controlPort: null, log });
  });
  afterAll(() => fake.close());

  /** A raw TCP client: what it wrote, everything it read, and whether the server closed it. */
  async function raw(chunks: Buffer[], waitMs = 200): Promise<{ received: Buffer; closed: boolean }> {
    const socket = tcpConnect(fake.port, '127.0.0.1');
    const received: Buffer[] = [];
    let closed = false;
    socket.on('data', (d) => received.push(d));
    socket.on('close', () => (closed = true));
    await new Promise((r) => socket.once('connect', r));
    for (const chunk of chunks) {
      socket.write(chunk);
      await sleep(5);
    }
    await sleep(waitMs);
    socket.destroy();
    return { received: Buffer.concat(received), closed };
  }
  const hello = (range: string) => Buffer.concat([Buffer.from('API\0', 'latin1'), Buffer.from([0, 0, 0, range.length]), Buffer.from(range)]);
  /** The frames of a byte stream, each as its fields. */
  const frames = (bytes: Buffer) => {
    const out: string[][] = [];
    for (let at = 0; at + 4 <= bytes.length; ) {
      const size = bytes.readInt32BE(at);
      out.push(bytes.subarray(at + 4, at + 4 + size).toString('utf8').split('\0').slice(0, -1));
      at += 4 + size;
    }
    return out;
  };

  it('buffers a handshake sent a byte at a time, and frames sent together in one write', async () => {
    const greeting = hello('v100..193');
    const { received } = await raw([...[...greeting].map((b) => Buffer.from([b])), Buffer.concat([frame([71, 2, 9, '']), frame([49, 1]), frame([8, 1, 1])])]);
    const got = frames(received);
    expect(got[0]).toEqual(['176', '20260123 11:00:00 EST']);
    expect(got.slice(1)).toEqual([
      ['15', '1', 'DU1234567'], ['9', '1', '1'],
      ['4', '2', '-1', '2104', 'Market data farm connection is OK:usfarm', ''],
      ['4', '2', '-1', '2106', 'HMDS data farm connection is OK:ushmds', ''],
      ['4', '2', '-1', '2158', 'Sec-def data farm connection is OK:secdefnj', ''],
      ['49', '1', String(T0 / 1000)], ['9', '1', '1'],
    ]);
  });

  it('negotiates the highest common version, and refuses a client whose range is above its own', async () => {
    expect(frames((await raw([hello('v100..150')])).received)[0][0]).toBe('150');
    const refused = await raw([hello('v180..200')]);
    expect([refused.received.length, refused.closed]).toEqual([0, true]);
    expect(fake.stats().refusedConnections).toBe(1);
    expect(fakeLog.some((l) => l.includes('"v180..200"'))).toBe(true);
  });

  it('answers a request whose fields do not match its version layout with 320, and an unknown id with 505', async () => {
    const { received } = await raw([hello('v100..176'), frame([71, 2, 8, '']), frame([49, 1, 'extra']), frame([777, 1])]);
    const errors = frames(received).filter((f) => f[0] === '4' && (f[3] === '320' || f[3] === '505'));
    expect(errors.map((f) => [f[3], f[4]])).toEqual([
      ['320', "Error reading request.-'REQ_CURRENT_TIME' : cause - REQ_CURRENT_TIME has 3 fields; version layout has 2"],
      ['505', 'Fatal Error: Unknown message id.'],
    ]);
  });
});
