import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { expectedBars, getCalendar } from '../../src-shared/calendar/index.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { BackfillPlan, BackfillRecord } from '../../src-shared/contract/backfill.contract.ts';
import { timeframeMs, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import { countInRanges, missingRanges, pageWindows, type TimeRange } from '../../src-workers/backfill/missing-ranges.ts';
import type { JobManager } from '../jobs/job-manager.ts';
import { calendarIdOf } from '../market-data/calendar-of.ts';
import type { ConnectionService } from '../market-data/connection-service.ts';
import { instrumentSpecFor } from '../market-data/instrument-for.ts';
import type { BarIngest } from '../quality/bar-ingest.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import type { BarStore } from '../storage/bar-store.ts';
import type { BackfillRepo } from './backfill-repo.ts';
import { runBackfill } from './backfill-run.ts';

export interface BackfillTarget {
  connectionId: string;
  symbol: string;
  timeframe: Timeframe;
  from: number;
  to?: number | undefined;
}

/** Where the bars of a target are, what is missing, and how it will be fetched. */
export interface Layout {
  instrumentId: number | null;
  periodMs: number;
  expected: number[];
  missing: TimeRange[];
}

/**
 * Backfills (SPEC S8): fetch what is missing of a range from a connection, page by page through its
 * supervisor (rate limit, retries, breaker), each page stored with its checkpoint in one
 * transaction — so a backfill stopped in any way resumes where it stopped, and running the same
 * backfill again fetches only what is still missing.
 */
export class BackfillService {
  private readonly running = new Map<string, { jobId: string; done: Promise<unknown> }>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly repo: BackfillRepo,
    private readonly connections: ConnectionService,
    private readonly instruments: InstrumentRepo,
    private readonly store: BarStore,
    private readonly ingest: BarIngest,
    private readonly jobs: JobManager,
    private readonly bus: EventBus,
  ) {
    repo.markInterrupted(Date.now());
  }

  plan(target: BackfillTarget): BackfillPlan {
    const to = target.to ?? Date.now();
    const layout = this.layout(target, target.from, to);
    const { settings, source } = this.connections.use(target.connectionId);
    const pages = pageWindows(layout.missing, layout.periodMs, source.pageLimit).length;
    const perMinute = Math.min(settings.requestsPerMinute ?? 600, source.pagesPerMinute ?? Infinity);
    return {
      missing: layout.missing,
      bars: countInRanges(layout.expected, layout.missing),
      requests: pages,
      estimatedMs: Math.round((pages / perMinute) * 60_000),
    };
  }

  /** Starts a backfill, or resumes the unfinished one of the same series and range. */
  start(target: BackfillTarget): BackfillRecord {
    const to = Math.min(target.to ?? Date.now(), Date.now());
    if (!(to > target.from)) throw new AppFailure('VALIDATION_FAILED', `from (${iso(target.from)}) must be before to (${iso(to)})`);
    this.connections.get(target.connectionId);
    const same = this.repo
      .unfinished(target.connectionId, target.symbol, target.timeframe)
      .find((r) => r.from === target.from && (target.to === undefined || r.to === target.to) && !this.running.has(r.backfillId));
    if (same) return this.resume(same.backfillId);
    const now = Date.now();
    const record: BackfillRecord = {
      backfillId: `bfl_${randomBytes(9).toString('base64url')}`, connectionId: target.connectionId, symbol: target.symbol,
      timeframe: target.timeframe, instrumentId: null, from: target.from, to, cursor: target.from, state: 'running', fetched: 0,
      inserted: 0, updated: 0, unchanged: 0, requests: 0, retries: 0, error: null, jobId: null, createdAt: now, updatedAt: now,
    };
    this.repo.insert(record);
    return this.launch(record);
  }

  resume(backfillId: string): BackfillRecord {
    const record = this.repo.get(backfillId);
    if (!record) throw new AppFailure('NOT_FOUND', `No backfill ${backfillId}`);
    if (this.running.has(backfillId)) return record;
    if (record.state === 'done') throw new AppFailure('VALIDATION_FAILED', `Backfill ${backfillId} is done; start a new one to fetch newer bars`);
    return this.launch(record);
  }

  list(limit: number): BackfillRecord[] {
    return this.repo.list(limit);
  }

  remove(backfillId: string): boolean {
    if (this.running.has(backfillId)) throw new AppFailure('VALIDATION_FAILED', 'The backfill is running: cancel it first');
    return this.repo.remove(backfillId);
  }

  /** Resolves when the backfill's job settles (for the CLI and tests). */
  async finished(backfillId: string): Promise<BackfillRecord> {
    await this.running.get(backfillId)?.done;
    const record = this.repo.get(backfillId);
    if (!record) throw new AppFailure('NOT_FOUND', `No backfill ${backfillId}`);
    return record;
  }

  cancel(backfillId: string): boolean {
    const live = this.running.get(backfillId);
    return live ? this.jobs.cancel(live.jobId) : false;
  }

  /** Interrupts every backfill of a connection (it is being removed). */
  interruptFor(connectionId: string): void {
    for (const r of this.repo.list(500)) if (r.connectionId === connectionId && this.running.has(r.backfillId)) this.cancel(r.backfillId);
  }

  layout(target: BackfillTarget, from: number, to: number): Layout {
    const { settings } = this.connections.use(target.connectionId);
    const periodMs = timeframeMs(target.timeframe);
    if (periodMs === null) throw new AppFailure('VALIDATION_FAILED', `A backfill needs a fixed-length timeframe, not ${target.timeframe}`);
    const spec = instrumentSpecFor(settings, target.symbol);
    const instrument = this.instruments.list().find((i) => i.source === spec.source && i.venue === spec.venue && i.symbol === spec.symbol);
    const expected = expectedBars(getCalendar(calendarIdOf(spec)), target.timeframe, from, to).times;
    const stored = instrument ? this.store.read(instrument.id, target.timeframe, { from, to: to - 1 }).time : new Float64Array(0);
    return { instrumentId: instrument?.id ?? null, periodMs, expected, missing: missingRanges(stored, expected, periodMs) };
  }

  private launch(record: BackfillRecord): BackfillRecord {
    const { settings } = this.connections.use(record.connectionId);
    const instrumentId = this.instruments.ensure(instrumentSpecFor(settings, record.symbol)).id;
    const title = `Backfill ${record.symbol} ${record.timeframe} from ${settings.name}`;
    const job = this.jobs.submit({
      kind: 'backfill',
      title,
      outsidePool: true,
      input: { backfillId: record.backfillId, connectionId: record.connectionId, symbol: record.symbol, timeframe: record.timeframe, from: record.from, to: record.to },
      run: (ctx) => runBackfill({ ...this.deps(), record: { ...record, instrumentId }, ctx }),
    });
    this.repo.setState(record.backfillId, { state: 'running', error: null, jobId: job.id, instrumentId }, Date.now());
    const done = job.done.finally(() => {
      this.running.delete(record.backfillId);
      this.changed(record.backfillId);
      this.bus.emit('instruments.changed', { instrumentIds: [instrumentId] });
    });
    this.running.set(record.backfillId, { jobId: job.id, done });
    return this.changed(record.backfillId);
  }

  private deps() {
    return {
      sqlite: this.sqlite, repo: this.repo, connections: this.connections, ingest: this.ingest,
      layout: (r: BackfillRecord) => this.layout(r, r.from, r.to), onPage: (id: string) => this.changed(id),
    };
  }

  private changed(backfillId: string): BackfillRecord {
    const record = this.repo.get(backfillId);
    if (!record) throw new AppFailure('NOT_FOUND', `No backfill ${backfillId}`);
    this.bus.emit('backfill.changed', record);
    return record;
  }
}

function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
}
