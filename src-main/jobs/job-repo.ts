import { desc, eq, inArray } from 'drizzle-orm';
import type { JobRecord } from '../../src-shared/domain/job.ts';
import type { Db } from '../storage/database.ts';
import { jobs } from '../storage/schema.ts';

type Row = typeof jobs.$inferSelect;

function toRecord(row: Row): JobRecord {
  return {
    id: row.id,
    kind: row.kind as JobRecord['kind'],
    title: row.title,
    state: row.state as JobRecord['state'],
    progress: (row.progress as JobRecord['progress']) ?? null,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    error: (row.error as JobRecord['error']) ?? null,
    result: row.result ?? null,
  };
}

/** Persisted job records, so the history survives restarts and a crash is visible afterwards. */
export class JobRepo {
  constructor(private readonly db: Db) {}

  insert(record: JobRecord, input: unknown): void {
    this.db.insert(jobs).values({ ...record, input }).run();
  }

  save(record: JobRecord): void {
    const { id, ...rest } = record;
    this.db.update(jobs).set(rest).where(eq(jobs.id, id)).run();
  }

  list(limit: number): JobRecord[] {
    return this.db.select().from(jobs).orderBy(desc(jobs.createdAt)).limit(limit).all().map(toRecord);
  }

  get(id: string): JobRecord | null {
    const row = this.db.select().from(jobs).where(eq(jobs.id, id)).get();
    return row ? toRecord(row) : null;
  }

  /** Jobs left queued or running by a process that stopped: they did not finish. */
  markInterrupted(now: number): number {
    const result = this.db
      .update(jobs)
      .set({
        state: 'failed',
        finishedAt: now,
        error: { code: 'CANCELLED', message: 'Interrupted: Candlewick stopped while this job was running' },
      })
      .where(inArray(jobs.state, ['queued', 'running']))
      .run();
    return result.changes;
  }
}
