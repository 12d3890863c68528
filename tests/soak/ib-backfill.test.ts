// Issue 7's IB backfill acceptance: five years of 1-minute bars for three stocks, backfilled at once
// through the real @stoqey/ib client against the fake TWS, which enforces IB's pacing rules. Zero
// pacing violations; every bar the fake served is stored exactly once, inside the regular session.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { staticKeyProvider } from '../../src-main/secrets/key-providers.ts';
import { ibMinuteOf } from '../support/ib-minutes.ts';
import { startFakeTws, type FakeTws } from '../fakes/tws/server.ts';

const MINUTE = 60_000;
const M1 = '1m' as Timeframe;
const SYMBOLS = ['AAPL', 'MSFT', 'SPY'];
const TO = Date.UTC(2026, 10, 14);
const FROM = Date.UTC(2021, 10, 14);

describe('five years of IB minutes for three stocks (fake TWS)', () => {
  let tws: FakeTws;
  let core: CoreInternals;
  let dir: string;

  beforeAll(async () => {
    tws = await startFakeTws({ controlPort: null });
    dir = mkdtempSync(join(tmpdir(), 'cw-ib-backfill-'));
    core = await createCore({ dataDir: dir, poolSize: 1, seedDemo: false, keyProvider: staticKeyProvider(new Uint8Array(32).fill(6)) });
  });
  afterAll(async () => {
    await core?.close();
    await tws?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes with zero pacing violations and every bar stored once', async () => {
    const connection = core.services.connections.save(undefined, {
      name: 'Fake TWS', kind: 'ib', ib: { host: '127.0.0.1', port: tws.port, clientId: 31, live: 'bars', regularHoursOnly: true },
      urls: {}, heartbeatSeconds: 15, pollSeconds: 60, priority: 10, breaker: { failureThreshold: 8, openSeconds: 2 },
      backoff: { initialMs: 200, maxMs: 2_000, attemptsBeforeDown: 10 },
    }, undefined);
    tws.resetStats();
    const started = SYMBOLS.map((symbol) => core.services.backfills.start({ connectionId: connection.id, symbol, timeframe: M1, from: FROM, to: TO }));
    const records = await Promise.all(started.map((s) => core.services.backfills.finished(s.backfillId)));

    const stats = tws.stats();
    expect(stats.pacingViolations, JSON.stringify(stats.pacingByRule)).toBe(0);
    const history = stats.requests.filter((r) => r.message === 'REQ_HISTORICAL_DATA');
    expect(history.every((r) => r.outcome === 'ok' || /^error 162/.test(r.outcome))).toBe(true);
    for (const [i, record] of records.entries()) {
      expect(record, SYMBOLS[i]).toMatchObject({ state: 'done', error: null, retries: 0 });
      const instrument = core.services.instruments.get(record.instrumentId!)!;
      const bars = core.services.store.read(instrument.id, M1);
      const conId = tws.instruments.find((x) => x.symbol === SYMBOLS[i] && x.secType === 'STK')!.conId;
      const served = history.filter((r) => r.contract?.startsWith(`${conId} `)).reduce((n, r) => n + Number(r.params.bars ?? 0), 0);
      // Five years of regular sessions: about 1,300 weekdays of 390 minutes, all stored, each once.
      expect(bars.time.length, SYMBOLS[i]).toBe(served);
      expect(bars.time.length).toBeGreaterThan(1_250 * 390);
      expect(record.inserted).toBe(bars.time.length);
      for (let k = 1; k < bars.time.length; k++) if (!(bars.time[k]! > bars.time[k - 1]!)) throw new Error(`${SYMBOLS[i]}: bar ${k} out of order or twice`);
      for (let k = 0; k < bars.time.length; k += 5_003) {
        expect(inRegularSession(bars.time[k]!), new Date(bars.time[k]!).toISOString()).toBe(true);
        const want = ibMinuteOf(tws.instruments.find((x) => x.conId === conId)!, bars.time[k]!);
        expect([bars.open[k], bars.high[k], bars.low[k], bars.close[k]]).toEqual(want.slice(0, 4));
        expect(bars.volume[k]).toBeCloseTo(want[4]!, 6);
      }
    }
    console.log(`IB 5-year backfill: ${history.length} history requests, ${records.map((r) => r.inserted).join(' + ')} bars`);
  }, 900_000);
});

/** Weekday 09:30–16:00 in New York (the fake's regular session; Intl handles daylight saving). */
function inRegularSession(time: number): boolean {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(time));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  return !['Sat', 'Sun'].includes(get('weekday')) && minutes >= 570 && minutes < 960;
}
