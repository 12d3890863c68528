import { desc, eq, inArray } from 'drizzle-orm';
import type { BackfillRecord } from '../../src-shared/contract/backfill.contract.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import type { Db } from '../storage/database.ts';
import { backfills } from '../storage/schema.ts';

type Row = typeof backfills.$inferSelect;
export type BackfillState = BackfillRecord['state'];

/** Counters added by one stored page. */
export interface PageCounts {
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  requests: number;
  retries: number;
}

/** Backfill records and their checkpoints. */
export class BackfillRepo {
  constructor(private readonly db: Db) {}

  insert(record: BackfillRecord): void {
    this.db.insert(backfills).values(toRow(record)).run();
  }

  get(id: string): BackfillRecord | null {
    const row = this.db.select().from(backfills).where(eq(backfills.id, id)).get();
    return row ? toRecord(row) : null;
  }

  list(limit: number): BackfillRecord[] {
    return this.db.select().from(backfills).orderBy(desc(backfills.createdAt)).limit(limit).all().map(toRecord);
  }

  /** The newest unfinished backfill of the same series whose range covers the wanted one, if any. */
  unfinished(connectionId: string, symbol: string, timeframe: string): BackfillRecord[] {
    return this.db
      .select()
      .from(backfills)
      .where(inArray(backfills.state, ['interrupted', 'failed', 'running', 'cancelled']))
      .orderBy(desc(backfills.createdAt))
      .all()
      .filter((r) => r.connectionId === connectionId && r.symbol === symbol && r.timeframe === timeframe)
      .map(toRecord);
  }

  /** The checkpoint: written in the same transaction as the page's bars. */
  advance(id: string, cursor: number, add: PageCounts, now: number): void {
    const row = this.db.select().from(backfills).where(eq(backfills.id, id)).get();
    if (!row) return;
    this.db
      .update(backfills)
      .set({
        cursor,
        fetched: row.fetched + add.fetched,
        inserted: row.inserted + add.inserted,
        updated: row.updated + add.updated,
        unchanged: row.unchanged + add.unchanged,
        requests: row.requests + add.requests,
        retries: row.retries + add.retries,
        updatedAt: now,
      })
      .where(eq(backfills.id, id))
      .run();
  }

  setState(id: string, patch: { state: BackfillState; error?: string | null; jobId?: string | null; instrumentId?: number }, now: number): void {
    this.db.update(backfills).set({ ...patch, updatedAt: now }).where(eq(backfills.id, id)).run();
  }

  /** After a crash or kill nothing is running: mark what was as interrupted, resumable. */
  markInterrupted(now: number): number {
    return this.db.update(backfills).set({ state: 'interrupted', jobId: null, updatedAt: now }).where(eq(backfills.state, 'running')).run().changes;
  }

  remove(id: string): boolean {
    return this.db.delete(backfills).where(eq(backfills.id, id)).run().changes > 0;
  }
}

function toRow(r: BackfillRecord): typeof backfills.$inferInsert {
  return {
    id: r.backfillId, connectionId: r.connectionId, symbol: r.symbol, timeframe: r.timeframe, instrumentId: r.instrumentId,
    fromTime: r.from, toTime: r.to, cursor: r.cursor, state: r.state, fetched: r.fetched, inserted: r.inserted, updated: r.updated,
    unchanged: r.unchanged, requests: r.requests, retries: r.retries, error: r.error, jobId: r.jobId, createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}

function toRecord(r: Row): BackfillRecord {
  return {
    backfillId: r.id, connectionId: r.connectionId, symbol: r.symbol, timeframe: r.timeframe as Timeframe, instrumentId: r.instrumentId,
    from: r.fromTime, to: r.toTime, cursor: r.cursor, state: r.state as BackfillState, fetched: r.fetched, inserted: r.inserted,
    updated: r.updated, unchanged: r.unchanged, requests: r.requests, retries: r.retries, error: r.error, jobId: r.jobId,
    createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}
