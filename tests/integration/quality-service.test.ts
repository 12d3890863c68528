// The Data Quality page's core over a real workspace: ingest with quarantine and audit, the report on
// the real ORCL file, quarantine of stored errors and the decisions on them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyBars, type BarColumns } from '../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { QualityConfigSchema } from '../../src-shared/domain/quality.ts';
import { BarIngest } from '../../src-main/quality/bar-ingest.ts';
import { QualityRepo } from '../../src-main/quality/quality-repo.ts';
import { QualityService } from '../../src-main/quality/quality-service.ts';
import { EventBus } from '../../src-main/services/event-bus.ts';
import { InstrumentRepo } from '../../src-main/services/instrument-repo.ts';
import { BarStore } from '../../src-main/storage/bar-store.ts';
import { openWorkspace, type Workspace } from '../../src-main/storage/database.ts';
import { loadDaily } from '../unit/indicators/kernels/fixtures.ts';
import { sharedDataDir } from '../support/shared-data.ts';

const D = '1d' as Timeframe;
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);

function bars(rows: readonly (readonly number[])[]): BarColumns {
  const b = emptyBars(rows.length);
  rows.forEach(([t, o, h, l, c, v], i) => {
    b.time[i] = t!; b.open[i] = o!; b.high[i] = h!; b.low[i] = l!; b.close[i] = c!; b.volume[i] = v!;
  });
  return b;
}

describe('quality over a workspace', () => {
  let ws: Workspace;
  let store: BarStore;
  let repo: QualityRepo;
  let ingest: BarIngest;
  let quality: QualityService;
  let id: number;
  const events: string[] = [];

  beforeEach(() => {
    ws = openWorkspace(':memory:');
    store = new BarStore(ws.sqlite);
    repo = new QualityRepo(ws.db);
    ingest = new BarIngest(ws.sqlite, store, repo, () => 1_000);
    const instruments = new InstrumentRepo(ws.db);
    const bus = new EventBus();
    bus.on((e) => events.push(e.name));
    quality = new QualityService(ws.sqlite, repo, store, instruments, bus);
    id = instruments.ensure({ symbol: 'ABC', venue: '', assetClass: 'stock', currency: 'USD', tickSize: 0.01, lotSize: 1, source: 'test' }).id;
  });
  afterEach(() => ws.close());

  it('ingest: an impossible bar is held with its reason, never stored and never dropped', () => {
    const counts = ingest.write(id, D, bars([[T0, 10, 11, 9, 10.5, 100], [T0 + DAY, 10, 9, 11, 10, 100], [T0 + 2 * DAY, 10, 12, 9.5, 11, 50]]), 'backfill:x');
    expect(counts).toMatchObject({ inserted: 2, quarantined: 1 });
    expect(Array.from(store.read(id, D).time)).toEqual([T0, T0 + 2 * DAY]);
    const held = repo.quarantined(id, D);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ time: T0 + DAY, high: 9, low: 11, status: 'held', rule: 'ohlc-integrity', source: 'backfill:x' });
    expect(held[0]!.reason).toMatch(/high|low/i);
    expect(repo.auditTrail(id, D).map((a) => a.action)).toEqual(['quarantine']);
  });

  it("ingest 'replace': the venue's bar replaces a different stored bar and the change is audited before → after", () => {
    ingest.write(id, D, bars([[T0, 10, 11, 9, 10.5, 100]]), 'live:x');
    const counts = ingest.write(id, D, bars([[T0, 10, 11.5, 9, 10.75, 130], [T0 + DAY, 1, 1, 1, 1, 1]]), 'venue:x', 'replace');
    expect(counts).toMatchObject({ inserted: 1, updated: 1 });
    const audit = repo.auditTrail(id, D);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'replace', time: T0, source: 'venue:x', before: [10, 11, 9, 10.5, 100], after: [10, 11.5, 9, 10.75, 130] });
    // The same bar again changes nothing and adds no audit line.
    ingest.write(id, D, bars([[T0, 10, 11.5, 9, 10.75, 130]]), 'venue:x', 'replace');
    expect(repo.auditTrail(id, D)).toHaveLength(1);
  });

  it("ingest 'fill': a secondary source adds missing bars only, each audited, and never overwrites", () => {
    ingest.write(id, D, bars([[T0, 10, 11, 9, 10.5, 100]]), 'venue:x');
    const counts = ingest.write(id, D, bars([[T0, 99, 99, 99, 99, 99], [T0 + DAY, 10, 12, 9.5, 11, 50]]), 'fill:yahoo', 'fill');
    expect(counts).toMatchObject({ inserted: 1, kept: 1, updated: 0 });
    const stored = store.read(id, D);
    expect(Array.from(stored.close)).toEqual([10.5, 11]);
    expect(repo.auditTrail(id, D).map((a) => [a.action, a.time, a.source])).toEqual([['fill', T0 + DAY, 'fill:yahoo']]);
  });

  it('quarantines stored errors in one step and accepts or discards them with an audit line each', () => {
    store.upsert(id, D, bars([[T0, 10, 11, 9, 10.5, 100], [T0 + DAY, 10, 9, 11, 10, 100], [T0 + 2 * DAY, -1, 12, 9.5, 11, 50], [T0 + 3 * DAY, 10, 12, 9.5, 11, 50]]));
    expect(quality.quarantineErrors(id, D)).toBe(2);
    expect(Array.from(store.read(id, D).time)).toEqual([T0, T0 + 3 * DAY]);
    const [a, b] = repo.quarantined(id, D);
    expect(quality.decide(a!.quarantineId, 'accept').status).toBe('accepted');
    expect(Array.from(store.read(id, D).time)).toEqual([T0, T0 + DAY, T0 + 3 * DAY]);
    expect(quality.decide(b!.quarantineId, 'discard').status).toBe('discarded');
    expect(() => quality.decide(b!.quarantineId, 'accept')).toThrow(/discarded already/);
    expect(repo.auditTrail(id, D).map((e) => e.action).sort()).toEqual(['accept', 'discard', 'quarantine', 'quarantine']);
    expect(events).toContain('quality.changed');
    expect(quality.report(id, D).counts.quarantined).toBe(0);
  });

  it('thresholds are saved per workspace; a field left out takes its default', () => {
    const saved = quality.saveConfig(QualityConfigSchema.parse({ priceJump: { minPercent: 0.12 } }));
    expect(saved.priceJump.minPercent).toBe(0.12);
    expect(saved.priceJump.minRobustZ).toBe(6);
    expect(quality.config().priceJump.minPercent).toBe(0.12);
  });

  describe.skipIf(!sharedDataDir)('the report on orcl-1995-2014.csv', () => {
    it('has no gaps against the NYSE calendar, no errors, the 16 suspect days, and a score per year', () => {
      const orcl = loadDaily('orcl-1995-2014.csv');
      store.upsert(id, D, orcl);
      const report = quality.report(id, D);
      expect(report.calendar).toBe('XNYS');
      expect(report.bars).toBe(orcl.time.length);
      expect(report.counts).toMatchObject({ errors: 0, suspects: 16, missing: 0, unexpected: 0 });
      expect(report.gaps).toEqual([]);
      expect(report.periods.map((p) => p.label)).toEqual(Array.from({ length: 20 }, (_, k) => String(1995 + k)));
      expect(report.periods.reduce((n, p) => n + p.bars, 0)).toBe(orcl.time.length);
      // 16 suspects over 5,036 bars: P = 1000·16/5036 ≈ 3.18 points → 100·e^(−0.0318) ≈ 96.9.
      expect(report.score).toBeCloseTo(100 * Math.exp(-(1000 * 16) / orcl.time.length / 100), 1);
    });

    it('finds a removed week as one gap of 5 sessions', () => {
      const orcl = loadDaily('orcl-1995-2014.csv');
      store.upsert(id, D, orcl);
      const start = orcl.date.indexOf('2010-03-08'); // a Monday
      store.remove(id, D, Array.from(orcl.time.subarray(start, start + 5)));
      const report = quality.report(id, D);
      expect(report.gaps).toEqual([{ from: Date.UTC(2010, 2, 8), to: Date.UTC(2010, 2, 13), missing: 5 }]);
      expect(report.counts.missing).toBe(5);
    });
  });
});
