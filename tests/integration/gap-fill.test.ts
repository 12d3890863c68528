// Gap filling from a secondary source by priority (SPEC S9): a series backfilled from one fake
// exchange loses bars; "fill gaps" takes them from the other connections, best priority first,
// adds only what is missing, and writes every added bar to the audit trail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSettingsInput } from '../../src-shared/domain/connection.ts';
import { ConnectionSettingsSchema } from '../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { staticKeyProvider } from '../../src-main/secrets/key-providers.ts';
import { startFakeExchange, type FakeExchange } from '../fakes/exchange/server.ts';

const MINUTE = 60_000;
const FROM = Date.UTC(2024, 2, 1);
const TO = FROM + 1_440 * MINUTE;
const M1 = '1m' as Timeframe;

describe('filling gaps from other connections', () => {
  let home: FakeExchange;
  let backup: FakeExchange;
  let other: FakeExchange;
  let core: CoreInternals;
  let dir: string;
  const settings = (name: string, fake: FakeExchange, priority: number) =>
    ConnectionSettingsSchema.parse({ name, kind: 'ccxt', exchange: 'binance', urls: { rest: fake.restUrl, ws: fake.wsUrl }, priority } satisfies ConnectionSettingsInput);

  beforeAll(async () => {
    [home, backup, other] = await Promise.all([startFakeExchange(), startFakeExchange(), startFakeExchange()]);
    dir = mkdtempSync(join(tmpdir(), 'cw-fill-'));
    core = await createCore({ dataDir: dir, poolSize: 1, seedDemo: false, keyProvider: staticKeyProvider(new Uint8Array(32).fill(5)) });
  });
  afterAll(async () => {
    await core.close();
    await Promise.all([home.close(), backup.close(), other.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills only the missing bars, from the best-priority source that has them, each audited', async () => {
    const { connections, backfills, store, quality, gapFiller } = core.services;
    const homeId = connections.save(undefined, settings('Home', home, 10), undefined).id;
    connections.save(undefined, settings('Backup', backup, 1), undefined);
    connections.save(undefined, settings('Other', other, 5), undefined);
    const done = await backfills.finished(backfills.start({ connectionId: homeId, symbol: 'BTC/USDT', timeframe: M1, from: FROM, to: TO }).backfillId);
    const id = done.instrumentId!;
    const full = store.read(id, M1);
    expect(full.time.length).toBe(1_440);
    const holes = [10, 11, 12, 500, 1_439].map((k) => FROM + k * MINUTE);
    store.remove(id, M1, holes);
    expect(quality.report(id, M1).counts.missing).toBe(4); // the last bar is past the series' end: not a gap
    // Backup (priority 1) is asked first and fills every gap; Other (5) is not needed.
    const backupBefore = backup.stats().requests.filter((r) => r.path === '/api/v3/klines').length;
    const otherBefore = other.stats().requests.filter((r) => r.path === '/api/v3/klines').length;
    const result = await gapFiller.fill(id, M1);
    expect(result).toEqual({ filled: 4, stillMissing: 0, sources: ['Backup'] });
    expect(backup.stats().requests.filter((r) => r.path === '/api/v3/klines').length).toBeGreaterThan(backupBefore);
    expect(other.stats().requests.filter((r) => r.path === '/api/v3/klines').length).toBe(otherBefore);
    const after = store.read(id, M1);
    expect(after.time.length).toBe(1_439);
    // The filled bars equal the originals (the fakes serve the same market), and nothing else changed.
    for (let i = 0; i < after.time.length; i++) {
      expect([after.time[i], after.open[i], after.close[i], after.volume[i]]).toEqual([full.time[i], full.open[i], full.close[i], full.volume[i]]);
    }
    const audit = quality.report(id, M1).audit.filter((a) => a.action === 'fill');
    expect(audit.map((a) => a.time).sort((a, b) => a - b)).toEqual(holes.slice(0, 4));
    expect(new Set(audit.map((a) => a.source))).toEqual(new Set(['fill:Backup']));
  }, 60_000);
});
