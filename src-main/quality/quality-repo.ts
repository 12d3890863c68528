import { and, asc, desc, eq } from 'drizzle-orm';
import type { AuditEntry, QuarantinedBar } from '../../src-shared/contract/quality.contract.ts';
import { QualityConfigSchema, type QualityConfig } from '../../src-shared/domain/quality.ts';
import type { Db } from '../storage/database.ts';
import { barAudit, meta, quarantine } from '../storage/schema.ts';

export type BarTuple = [open: number, high: number, low: number, close: number, volume: number];

export interface HeldBar {
  time: number;
  values: BarTuple;
  source: string;
  rule: string;
  reason: string;
}

export interface AuditInput {
  action: 'quarantine' | 'accept' | 'discard' | 'fill' | 'replace' | 'revise';
  time: number;
  source: string;
  before: BarTuple | null;
  after: BarTuple | null;
  reason: string;
}

const CONFIG_KEY = 'quality.config';
const LIST_LIMIT = 1000;

/** Quarantined bars, the audit trail of changes to stored bars, and the rule thresholds. */
export class QualityRepo {
  constructor(private readonly db: Db) {}

  hold(instrumentId: number, timeframe: string, bars: readonly HeldBar[], now: number): void {
    for (const b of bars) {
      const [open, high, low, close, volume] = b.values;
      this.db
        .insert(quarantine)
        .values({ instrumentId, timeframe, time: b.time, open, high, low, close, volume, source: b.source, rule: b.rule, reason: b.reason, status: 'held', heldAt: now })
        .run();
    }
  }

  quarantined(instrumentId: number, timeframe: string): QuarantinedBar[] {
    return this.db
      .select()
      .from(quarantine)
      .where(and(eq(quarantine.instrumentId, instrumentId), eq(quarantine.timeframe, timeframe)))
      .orderBy(asc(quarantine.time), asc(quarantine.id))
      .limit(LIST_LIMIT)
      .all()
      .map(toQuarantined);
  }

  countHeld(instrumentId: number, timeframe: string): number {
    return this.db
      .select({ id: quarantine.id })
      .from(quarantine)
      .where(and(eq(quarantine.instrumentId, instrumentId), eq(quarantine.timeframe, timeframe), eq(quarantine.status, 'held')))
      .all().length;
  }

  getHeld(id: number): (QuarantinedBar & { instrumentId: number; timeframe: string }) | null {
    const row = this.db.select().from(quarantine).where(eq(quarantine.id, id)).get();
    return row ? { ...toQuarantined(row), instrumentId: row.instrumentId, timeframe: row.timeframe } : null;
  }

  decide(id: number, status: 'accepted' | 'discarded', now: number): void {
    this.db.update(quarantine).set({ status, decidedAt: now }).where(eq(quarantine.id, id)).run();
  }

  audit(instrumentId: number, timeframe: string, entries: readonly AuditInput[], now: number): void {
    for (const e of entries) {
      this.db.insert(barAudit).values({ instrumentId, timeframe, at: now, ...e }).run();
    }
  }

  auditTrail(instrumentId: number, timeframe: string): AuditEntry[] {
    return this.db
      .select()
      .from(barAudit)
      .where(and(eq(barAudit.instrumentId, instrumentId), eq(barAudit.timeframe, timeframe)))
      .orderBy(desc(barAudit.at), desc(barAudit.id))
      .limit(LIST_LIMIT)
      .all()
      .map((r) => ({
        auditId: r.id,
        at: r.at,
        action: r.action,
        time: r.time,
        source: r.source,
        before: (r.before as BarTuple | null) ?? null,
        after: (r.after as BarTuple | null) ?? null,
        reason: r.reason,
      }));
  }

  config(): QualityConfig {
    const row = this.db.select().from(meta).where(eq(meta.key, CONFIG_KEY)).get();
    return QualityConfigSchema.parse(row ? JSON.parse(row.value) : {});
  }

  saveConfig(config: QualityConfig): void {
    const value = JSON.stringify(config);
    this.db.insert(meta).values({ key: CONFIG_KEY, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
  }
}

function toQuarantined(r: typeof quarantine.$inferSelect): QuarantinedBar {
  return {
    quarantineId: r.id,
    time: r.time,
    open: r.open,
    high: r.high,
    low: r.low,
    close: r.close,
    volume: r.volume,
    source: r.source,
    rule: r.rule,
    reason: r.reason,
    status: r.status as QuarantinedBar['status'],
    heldAt: r.heldAt,
    decidedAt: r.decidedAt,
  };
}
