import { randomBytes } from 'node:crypto';
import { AppFailure, type AppError } from '../../src-shared/contract/errors.ts';
import { isFinished, type JobKind, type JobProgress, type JobRecord } from '../../src-shared/domain/job.ts';
import { toAppError } from '../../src-shared/contract/router.ts';
import type { JobRepo } from './job-repo.ts';

/** What a running job may do: report progress, and notice cancellation through its signal. */
export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  progress(done: number, total: number, phase: string): void;
}

export interface JobSpec<T> {
  readonly kind: JobKind;
  readonly title: string;
  /** Persisted with the record: what reproduces the job (never file contents or secrets). */
  readonly input: unknown;
  readonly run: (ctx: JobContext) => Promise<T>;
  /**
   * The job waits on a venue, not on a core (a backfill): it starts at once instead of queueing for
   * one of the pool's `concurrency` slots, so three backfills do not wait for each other.
   */
  readonly outsidePool?: boolean;
}

interface Entry {
  record: JobRecord;
  readonly controller: AbortController;
  readonly start: () => void;
  readonly outsidePool: boolean;
  readonly done: Promise<JobRecord>;
  readonly settle: (record: JobRecord) => void;
}

const PROGRESS_EVENT_MS = 100;
const PROGRESS_SAVE_MS = 1000;

/**
 * Queues, runs, cancels and records jobs. At most `concurrency` run at once (the pool's size);
 * the rest wait in order — except jobs that wait on a venue rather than a core (`outsidePool`),
 * which start at once. Every state change is persisted and published.
 */
export class JobManager {
  private readonly live = new Map<string, Entry>();
  private readonly queue: Entry[] = [];
  private running = 0;

  constructor(
    private readonly repo: JobRepo,
    private readonly publish: (record: JobRecord) => void,
    private readonly concurrency: number,
    private readonly onBug: (error: unknown) => void = () => {},
  ) {
    repo.markInterrupted(Date.now());
  }

  submit<T>(spec: JobSpec<T>): { id: string; done: Promise<JobRecord> } {
    const record: JobRecord = {
      id: `job_${randomBytes(9).toString('base64url')}`,
      kind: spec.kind,
      title: spec.title,
      state: 'queued',
      progress: null,
      createdAt: Date.now(),
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
    };
    this.repo.insert(record, spec.input);
    let settle!: (r: JobRecord) => void;
    const done = new Promise<JobRecord>((r) => (settle = r));
    const entry: Entry = { record, controller: new AbortController(), done, settle, start: () => void this.execute(entry, spec), outsidePool: spec.outsidePool === true };
    this.live.set(record.id, entry);
    this.publish(record);
    if (entry.outsidePool) {
      entry.start();
    } else {
      this.queue.push(entry);
      this.pump();
    }
    return { id: record.id, done: entry.done };
  }

  cancel(jobId: string): boolean {
    const entry = this.live.get(jobId);
    if (!entry || isFinished(entry.record.state)) return false;
    entry.controller.abort();
    const queued = this.queue.indexOf(entry);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(entry, 'cancelled', null, { code: 'CANCELLED', message: 'Cancelled before it started' });
      entry.settle(entry.record);
    }
    return true;
  }

  list(limit: number): JobRecord[] {
    return this.repo.list(limit);
  }

  get(jobId: string): JobRecord | null {
    return this.live.get(jobId)?.record ?? this.repo.get(jobId);
  }

  /** Cancels everything and waits for running jobs to settle. */
  async shutdown(): Promise<void> {
    const pending = [...this.live.values()].filter((e) => !isFinished(e.record.state));
    for (const entry of pending) this.cancel(entry.record.id);
    await Promise.all(pending.map((e) => e.done));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      this.running++;
      entry.start();
    }
  }

  private async execute<T>(entry: Entry, spec: JobSpec<T>): Promise<void> {
    this.update(entry, { state: 'running', startedAt: Date.now() });
    let lastEvent = 0;
    let lastSave = 0;
    const ctx: JobContext = {
      jobId: entry.record.id,
      signal: entry.controller.signal,
      progress: (done, total, phase) => {
        const now = Date.now();
        const progress: JobProgress = { done, total, phase };
        entry.record = { ...entry.record, progress };
        if (now - lastEvent >= PROGRESS_EVENT_MS) {
          lastEvent = now;
          this.publish(entry.record);
        }
        if (now - lastSave >= PROGRESS_SAVE_MS) {
          lastSave = now;
          this.repo.save(entry.record);
        }
      },
    };
    try {
      const result = await spec.run(ctx);
      if (entry.controller.signal.aborted) throw new AppFailure('CANCELLED', 'Cancelled');
      this.finish(entry, 'done', result ?? null, null);
    } catch (error) {
      const appError = entry.controller.signal.aborted
        ? { code: 'CANCELLED' as const, message: 'Cancelled' }
        : toAppError(`job ${spec.kind}`, error, (_c, e) => this.onBug(e));
      this.finish(entry, appError.code === 'CANCELLED' ? 'cancelled' : 'failed', null, appError);
    } finally {
      if (!entry.outsidePool) this.running--;
      entry.settle(entry.record);
      this.pump();
    }
  }

  private finish(entry: Entry, state: JobRecord['state'], result: unknown, error: AppError | null): void {
    this.update(entry, { state, result, error, finishedAt: Date.now() });
  }

  private update(entry: Entry, patch: Partial<JobRecord>): void {
    entry.record = { ...entry.record, ...patch };
    this.repo.save(entry.record);
    this.publish(entry.record);
    if (isFinished(entry.record.state)) this.live.delete(entry.record.id);
  }
}
