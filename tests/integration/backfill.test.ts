// The live-data issue's backfill acceptance: real ccxt against the fake exchange, through the core's
// backfill service (supervisor, rate limiter, checkpoints) and the real `candlewick backfill` CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackfillRecord } from '../../src-shared/contract/backfill.contract.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { staticKeyProvider } from '../../src-main/secrets/key-providers.ts';
import { startFakeExchange, type FakeExchange } from '../fakes/exchange/server.ts';
import { BIN, ROOT, runCli } from '../support/cli.ts';

const MINUTE = 60_000;
const FROM = Date.UTC(2024, 0, 1);
const BARS = 100_000;
const TO = FROM + BARS * MINUTE;
const M1 = '1m' as Timeframe;
/** The fake's weight budget: 2,400 a minute is 1,200 kline pages; the connection asks at most 240. */
const WEIGHT_LIMIT = 2_400;
const RATE = 240;
/** The limiter's burst (docs/connections.md): a twentieth of the minute's budget. */
const BURST = RATE / 20;

describe('backfill against the fake exchange (real ccxt)', () => {
  let fake: FakeExchange;
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'cw-backfill-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    // The real clock: history up to now (2024 is long past), and request times that can be checked against the rate.
    fake = await startFakeExchange({ weightLimit: WEIGHT_LIMIT });
  });
  afterAll(async () => {
    await fake.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function openCore(dir: string): Promise<CoreInternals> {
    return createCore({ dataDir: dir, poolSize: 1, seedDemo: false, keyProvider: staticKeyProvider(new Uint8Array(32).fill(7)) });
  }

  it('stores 100,000 one-minute bars exactly once through a 429 storm and two dropped connections, within the rate limit', async () => {
    const core = await openCore(tempDir());
    try {
      const connection = core.services.connections.save(undefined, {
        name: 'Fake Binance', kind: 'ccxt', exchange: 'binance', urls: { rest: fake.restUrl, ws: fake.wsUrl }, requestsPerMinute: RATE,
        heartbeatSeconds: 15, pollSeconds: 60, priority: 10,
        breaker: { failureThreshold: 8, openSeconds: 1 }, backoff: { initialMs: 100, maxMs: 2_000, attemptsBeforeDown: 8 },
      }, undefined);
      fake.resetStats();
      let pages = 0;
      core.onEvent((e) => {
        if (e.name !== 'backfill.changed' || (e.payload as BackfillRecord).state !== 'running') return;
        pages++;
        if (pages === 20) fake.faults.rateLimitStorm(6, 1);
        if (pages === 45 || pages === 70) fake.faults.dropRequests(1);
      });
      const started = core.services.backfills.start({ connectionId: connection.id, symbol: 'BTC/USDT', timeframe: M1, from: FROM, to: TO });
      const record = await core.services.backfills.finished(started.backfillId);

      expect(record).toMatchObject({ state: 'done', error: null, cursor: TO, inserted: BARS, updated: 0 });
      expect(record.retries).toBeGreaterThanOrEqual(8); // six 429s and two drops, each retried
      const instrument = core.services.instruments.get(record.instrumentId!)!;
      const bars = core.services.store.read(instrument.id, M1);
      expect(bars.time.length).toBe(BARS);
      for (let i = 0; i < BARS; i++) if (bars.time[i] !== FROM + i * MINUTE) throw new Error(`bar ${i} at ${bars.time[i]}`);
      // Values: every 997th bar against the fake's ground truth, aggregated here from its trades.
      for (let i = 0; i < BARS; i += 997) expect([bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]]).toEqual(minuteFromTrades(fake, 'BTCUSDT', i));

      const klines = fake.stats().requests.filter((r) => r.path === '/api/v3/klines');
      const refused = klines.filter((r) => r.status === 429);
      expect(refused).toHaveLength(6); // only the injected storm: the budget itself was never exceeded
      // The connection's own limit, 240 a minute: no run of requests ever came faster than the
      // limiter's burst plus its refill over the run's span allows.
      const times = klines.map((r) => r.time);
      expect(times.length).toBeGreaterThan(100);
      for (let i = 0; i < times.length; i++) {
        for (let j = i + 1; j < times.length; j++) expect(j - i + 1).toBeLessThanOrEqual(BURST + 1 + ((times[j]! - times[i]!) * RATE) / MINUTE);
      }
    } finally {
      await core.close();
    }
  }, 120_000);

  it('a killed backfill resumes from its checkpoint and stores every bar once', async () => {
    const dir = tempDir();
    const args = [
      'backfill', '--source', 'binance', '--rest-url', fake.restUrl, '--ws-url', fake.wsUrl, '--symbol', 'ETH/USDT', '--timeframe', '1m',
      '--from', new Date(FROM).toISOString(), '--to', new Date(FROM + 20_000 * MINUTE).toISOString(), '--data-dir', dir, '--json',
    ];
    fake.resetStats();
    fake.faults.delay(400);
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CANDLEWICK_MASTER_KEY: '11'.repeat(32) } });
    const klines = () => fake.stats().requests.filter((r) => r.path === '/api/v3/klines' && r.status === 200).length;
    while (klines() < 5) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    // The killed run's last request is still held by the delay: let it be answered before counting.
    await new Promise((r) => setTimeout(r, 600));
    fake.faults.clear();
    const firstRun = klines();
    fake.resetStats();

    const second = await runCliEnv(args, { CANDLEWICK_MASTER_KEY: '11'.repeat(32) });
    expect(second.code).toBe(0);
    const checkpoint = /from its checkpoint (\S+)/.exec(second.stderr)?.[1];
    expect(checkpoint, second.stderr).toBeDefined();
    const resumedAt = Date.parse(checkpoint!);
    // Pages of 1,000 bars: the checkpoint is the end of the last page the killed run stored.
    expect((resumedAt - FROM) / MINUTE % 1000).toBe(0);
    expect(resumedAt).toBeGreaterThan(FROM);
    expect(resumedAt - FROM).toBeLessThanOrEqual(firstRun * 1000 * MINUTE);
    // The second run fetched only from the checkpoint on.
    expect(klines()).toBe(Math.ceil((FROM + 20_000 * MINUTE - resumedAt) / (1000 * MINUTE)));
    const record = JSON.parse(second.stdout) as BackfillRecord;
    expect(record).toMatchObject({ state: 'done', inserted: 20_000 });

    const stored = await runCli(['bars', '--symbol', 'ETH/USDT', '--timeframe', '1m', '--data-dir', dir, '--json', '--source', 'ccxt', '--limit', '100000']);
    const times = (JSON.parse(stored.stdout) as { bars: number[][] }).bars.map((r) => r[0]!);
    expect(times).toHaveLength(20_000);
    expect(new Set(times).size).toBe(20_000);
  }, 120_000);
});

/** O, H, L, C, V of minute `i` after FROM from the fake's trades (ticks and steps are exact integers). */
function minuteFromTrades(fake: FakeExchange, symbol: string, i: number): number[] {
  const spec = fake.market.spec(symbol)!;
  const prices: number[] = [];
  let steps = 0;
  fake.market.visitMinute(spec, (FROM + i * MINUTE) / MINUTE, (_id, _time, priceTicks, qtySteps) => {
    prices.push(priceTicks);
    steps += qtySteps;
  });
  const px = (ticks: number) => ticks / 10 ** spec.tickDecimals;
  return [px(prices[0]!), px(Math.max(...prices)), px(Math.min(...prices)), px(prices.at(-1)!), steps / 10 ** spec.stepDecimals];
}

function runCliEnv(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
