import type Database from 'better-sqlite3';
import { emptyBars, type BarColumns } from '../../src-shared/domain/bars.ts';
import { checkBars, type QualityFinding, type QualityReport } from '../../src-workers/quality/index.ts';
import type { BarStore } from '../storage/bar-store.ts';
import type { AuditInput, BarTuple, HeldBar, QualityRepo } from './quality-repo.ts';

/**
 * How incoming bars meet stored ones (docs/data-quality.md, "Conflicts"):
 * - 'replace': the venue's own history is authoritative for its bars — a bar fetched from it
 *   replaces a stored bar of the same time (a locally built live bar, an earlier fetch the venue
 *   has since corrected); every replacement that changes a value is audited.
 * - 'fill': a secondary source only fills bars that are missing; it never overwrites, and every bar
 *   it adds is audited.
 */
export type IngestPolicy = 'replace' | 'fill';

export interface IngestCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Held in quarantine (impossible data): never stored, never dropped. */
  quarantined: number;
  /** 'fill' only: bars already stored, left as they are. */
  kept: number;
}

/** Integrity-only rules (ingest, quarantine): the statistical ones need history and run in the quality report. */
export const INTEGRITY_ONLY = { priceJump: { enabled: false }, volumeSpike: { enabled: false } } as const;

/** The one way bars from a connection enter the store: checked, quarantined or merged, audited, in one transaction. */
export class BarIngest {
  private readonly tx: (id: number, tf: string, bars: BarColumns, source: string, policy: IngestPolicy) => IngestCounts;

  constructor(
    sqlite: Database.Database,
    private readonly store: BarStore,
    private readonly quality: QualityRepo,
    private readonly now: () => number = Date.now,
  ) {
    this.tx = sqlite.transaction((id: number, tf: string, bars: BarColumns, source: string, policy: IngestPolicy) => this.run(id, tf, bars, source, policy));
  }

  /** Joins the caller's transaction when there is one (a backfill page and its checkpoint land together). */
  write(instrumentId: number, timeframe: string, bars: BarColumns, source: string, policy: IngestPolicy = 'replace'): IngestCounts {
    return this.tx(instrumentId, timeframe, bars, source, policy);
  }

  private run(id: number, tf: string, bars: BarColumns, source: string, policy: IngestPolicy): IngestCounts {
    const counts: IngestCounts = { inserted: 0, updated: 0, unchanged: 0, quarantined: 0, kept: 0 };
    const n = bars.time.length;
    if (n === 0) return counts;
    const now = this.now();
    const report = checkBars(bars, INTEGRITY_ONLY);
    const held = heldBars(bars, report, source);
    if (held.length > 0) {
      this.quality.hold(id, tf, held, now);
      this.quality.audit(id, tf, held.map((h) => ({ action: 'quarantine', time: h.time, source, before: null, after: h.values, reason: h.reason })), now);
      counts.quarantined = held.length;
    }
    const rejected = new Set(report.rejected);
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (!rejected.has(i)) keep.push(i);
    if (keep.length === 0) return counts;

    const existing = this.store.read(id, tf, { from: bars.time[keep[0]!]!, to: bars.time[keep[keep.length - 1]!]! });
    const stored = new Map<number, number>();
    for (let j = 0; j < existing.time.length; j++) stored.set(existing.time[j]!, j);
    const audit: AuditInput[] = [];
    const write: number[] = [];
    for (const i of keep) {
      const j = stored.get(bars.time[i]!);
      if (j === undefined) {
        write.push(i);
        if (policy === 'fill') audit.push({ action: 'fill', time: bars.time[i]!, source, before: null, after: tuple(bars, i), reason: 'missing bar filled from a secondary source' });
      } else if (policy === 'fill') {
        counts.kept++;
      } else {
        write.push(i);
        const before = tuple(existing, j);
        const after = tuple(bars, i);
        if (!sameTuple(before, after)) audit.push({ action: 'replace', time: bars.time[i]!, source, before, after, reason: `${source} is authoritative for its own bars` });
      }
    }
    if (audit.length > 0) this.quality.audit(id, tf, audit, now);
    const merged = this.store.upsert(id, tf, pick(bars, write));
    counts.inserted = merged.inserted;
    counts.updated = merged.updated;
    counts.unchanged = merged.unchanged;
    return counts;
  }
}

/** The rejected bars of a check, each with its first error's rule and message, to hold in quarantine. */
export function heldBars(bars: BarColumns, report: QualityReport, source: string): HeldBar[] {
  const firstError = new Map<number, QualityFinding>();
  for (const f of report.findings) if (f.severity === 'error' && !firstError.has(f.index)) firstError.set(f.index, f);
  return Array.from(report.rejected, (i) => {
    const f = firstError.get(i);
    return { time: bars.time[i]!, values: tuple(bars, i), source, rule: f?.rule ?? 'ohlc-integrity', reason: f?.message ?? 'impossible bar' };
  });
}

function tuple(bars: BarColumns, i: number): BarTuple {
  return [bars.open[i]!, bars.high[i]!, bars.low[i]!, bars.close[i]!, bars.volume[i]!];
}

function sameTuple(a: BarTuple, b: BarTuple): boolean {
  return a.every((v, k) => Object.is(v, b[k]));
}

function pick(bars: BarColumns, indexes: readonly number[]): BarColumns {
  const out = emptyBars(indexes.length);
  indexes.forEach((i, k) => {
    out.time[k] = bars.time[i]!;
    out.open[k] = bars.open[i]!;
    out.high[k] = bars.high[i]!;
    out.low[k] = bars.low[i]!;
    out.close[k] = bars.close[i]!;
    out.volume[k] = bars.volume[i]!;
  });
  return out;
}
