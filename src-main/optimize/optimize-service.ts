import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type {
  OptimizationDetail, OptimizationSummary, OptimizeCheck, OptimizeStartInput, ResultRow,
} from '../../src-shared/contract/optimize.contract.ts';
import type { JobRecord } from '../../src-shared/domain/job.ts';
import { periodsPerYear } from '../../src-workers/backtest/metrics/index.ts';
import { METRIC_NAMES, type PreparedOptimization } from '../../src-workers/optimize/index.ts';
import { dataFingerprint, failureOf } from '../backtest/backtest-service.ts';
import type { UserStrategies } from '../backtest/user-strategies.ts';
import type { JobManager } from '../jobs/job-manager.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import type { BarService } from '../services/bar-service.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import { refuseIssues, readOptimizeInputs, type BacktestPace, type InputSources, type OptimizeInputs } from './optimize-inputs.ts';
import { toDetail, type OptimizationRecord, type OptimizeRepo, type ResultsQuery } from './optimize-repo.ts';
import { runOptimization } from './optimization-run.ts';
import { SearchProgress } from './search-progress.ts';

export interface StartedOptimization {
  optimizationId: string;
  jobId: string;
  /** Settles when the job ends: the saved optimization, or the job's failure (CANCELLED when cancelled). */
  done: Promise<OptimizationDetail>;
}

/** `optimize.changed` at most this often while a search runs (finishing, starting and removing always announce). */
const CHANGED_EVENT_MS = 1000;
/** Fewer fresh evaluations than this say more about start-up costs than about the pace. */
const MIN_PACE_EVALUATIONS = 200;

/**
 * Optimizations as saved, resumable jobs (SPEC S6). `start` checks everything before a job exists
 * (instrument, bars, strategy, the whole setup), saves the optimization, and runs the search over the
 * worker pool, storing every finished batch. A cancel keeps what finished; `resume` continues a
 * cancelled, failed or interrupted optimization by replaying the optimizer from its seed against the
 * stored rows, evaluating only the rest. Optimizations a stopped process left running are marked
 * cancelled when the core starts, so they can be resumed.
 */
export class OptimizeService {
  /** Optimizations running in this process, with their job. */
  private readonly live = new Map<string, string>();
  /**
   * One backtest's cost on one worker, for the time estimate before a run: the pace of the last
   * search that ran here, or at first a cautious guess (the bench's sma-cross runs 5,036 bars in
   * about 0.2 ms per worker; strategies of the user's own are slower).
   */
  private pace: BacktestPace = { backtestMs: 0.5, backtestBars: 5000 };
  /** Optimizations whose resume is being checked (no job yet). */
  private readonly resuming = new Set<string>();
  /** When each optimization was last announced (progress is throttled per optimization). */
  private readonly announced = new Map<string, number>();

  constructor(
    private readonly bars: BarService,
    private readonly instruments: InstrumentRepo,
    private readonly pool: WorkerPool,
    private readonly jobs: JobManager,
    private readonly repo: OptimizeRepo,
    private readonly bus: EventBus,
    private readonly userStrategies: UserStrategies,
  ) {
    repo.markInterrupted(Date.now());
  }

  /** Every problem of a setup with its field and value, its warnings and its size, without starting anything. */
  async validate(raw: OptimizeStartInput): Promise<OptimizeCheck> {
    const { check, bars } = await readOptimizeInputs(raw, this.sources());
    return { ok: check.ok, errors: check.ok ? [] : [...check.errors], warnings: [...check.warnings], estimate: check.estimate, bars: bars.time.length };
  }

  async start(raw: OptimizeStartInput): Promise<StartedOptimization> {
    const inputs = await readOptimizeInputs(raw, this.sources());
    const { check, setup, instrument, bars, strategy } = inputs;
    if (!check.ok) throw refuseIssues(check.errors);
    const n = bars.time.length;
    const record: OptimizationRecord = {
      id: `opt_${randomBytes(9).toString('base64url')}`, createdAt: Date.now(), finishedAt: null,
      instrumentId: instrument.id, symbol: instrument.symbol, timeframe: setup.timeframe, range: inputs.range,
      fromTime: bars.time[0]!, toTime: bars.time[n - 1]!, bars: n, dataFingerprint: dataFingerprint(bars),
      strategyId: strategy.id, strategyVersion: strategy.version, strategyHash: strategy.hash,
      direction: check.prepared.objective.direction, setup, estimate: check.estimate, warnings: [...check.warnings],
      state: 'running', error: null, evaluated: 0, planned: check.estimate.evaluations * check.estimate.windows,
      best: null, safeguards: null, walkForward: null,
    };
    this.repo.insert(record);
    this.changed(record.id, true);
    return this.launch(record, inputs, check.prepared, 0, false);
  }

  /**
   * Continues an optimization that did not finish. The bars are read again over the range it read
   * and must be the same (the data fingerprint), and so must the strategy (its hash): otherwise the
   * stored results would mix two different searches.
   */
  async resume(id: string): Promise<StartedOptimization> {
    const record = this.record(id);
    const jobId = this.live.get(id);
    if (jobId || this.resuming.has(id)) {
      throw new AppFailure('VALIDATION_FAILED', `Optimization ${id} is already running${jobId ? ` (job ${jobId})` : ''}`, { optimizationId: id, jobId });
    }
    if (record.state === 'done') throw new AppFailure('VALIDATION_FAILED', `Optimization ${id} has finished; there is nothing to resume`, { optimizationId: id });
    // Reading the bars and the strategy waits: a second resume meanwhile must not start a second job.
    this.resuming.add(id);
    try {
      return await this.resumeChecked(record);
    } finally {
      this.resuming.delete(id);
    }
  }

  private async resumeChecked(record: OptimizationRecord): Promise<StartedOptimization> {
    const { id } = record;
    const inputs = await readOptimizeInputs({ ...record.setup, instrumentId: record.instrumentId, from: record.range.from, to: record.range.to }, this.sources());
    const span = `${iso(record.range.from)} → ${iso(record.range.to)}`;
    if (dataFingerprint(inputs.bars) !== record.dataFingerprint) {
      throw new AppFailure(
        'VALIDATION_FAILED',
        `The ${record.symbol} ${record.timeframe} bars of ${span} changed since optimization ${id} started (the data fingerprint differs); its results no longer match the data: start a new optimization`,
        { optimizationId: id, field: 'dataFingerprint' },
      );
    }
    if (inputs.strategy.hash !== record.strategyHash) {
      throw new AppFailure('VALIDATION_FAILED', `Strategy ${record.strategyId} changed since optimization ${id} started; start a new optimization`, {
        optimizationId: id, field: 'strategyHash',
      });
    }
    if (!inputs.check.ok) throw refuseIssues(inputs.check.errors);
    const stored = this.repo.countRows(id);
    this.repo.update(id, { state: 'running', error: null, finishedAt: null, evaluated: stored, safeguards: null, walkForward: null });
    this.changed(id, true);
    return this.launch(record, inputs, inputs.check.prepared, stored, true);
  }

  list(): OptimizationSummary[] {
    return this.repo.list().map((s) => ({ ...s, jobId: this.live.get(s.id) ?? null }));
  }

  get(id: string): OptimizationDetail {
    return { ...toDetail(this.record(id)), jobId: this.live.get(id) ?? null };
  }

  /** A page of evaluated sets; `sortBy` is `objective`, `seq`, a parameter of the strategy or a metric. */
  results(input: Omit<ResultsQuery, 'sort'> & { sortBy: string }): { total: number; rows: ResultRow[] } {
    const record = this.record(input.optimizationId);
    const { sortBy, ...page } = input;
    return this.repo.results({ ...page, sort: this.sortKey(record, sortBy) });
  }

  /** Deletes an optimization with its results; one that is running must be cancelled first. */
  remove(id: string): boolean {
    const jobId = this.live.get(id);
    if (jobId) throw new AppFailure('VALIDATION_FAILED', `Optimization ${id} is running (job ${jobId}); cancel it before removing it`, { optimizationId: id, jobId });
    const removed = this.repo.remove(id);
    if (removed) this.changed(id, true);
    return removed;
  }

  private launch(record: OptimizationRecord, inputs: OptimizeInputs, prepared: PreparedOptimization, storedRows: number, resumed: boolean): StartedOptimization {
    const { setup, strategy } = inputs;
    const planned = record.planned;
    const varied = prepared.space.dimensions.filter((d) => d.size > 1).map((d) => d.name);
    let searched: SearchProgress | null = null;
    const { id: jobId, done } = this.jobs.submit({
      kind: 'optimize',
      title: jobTitle(record, prepared, resumed),
      input: { optimizationId: record.id, resumed },
      run: (ctx) => {
        const progress = new SearchProgress((d, t, phase) => {
          ctx.progress(d, t, phase);
          this.changed(record.id);
        }, planned, setup.objective, varied);
        searched = progress;
        return runOptimization(
          {
            id: record.id, jobId: ctx.jobId, setup, prepared, strategy, pool: this.pool, repo: this.repo, signal: ctx.signal, progress,
            periodsPerYear: setup.settings.periodsPerYear ?? periodsPerYear(setup.timeframe, setup.calendar),
          },
          inputs.bars,
          storedRows,
        );
      },
    });
    this.live.set(record.id, jobId);
    const finished = done.then((job) => {
      this.live.delete(record.id);
      this.learnPace(searched, inputs.bars.time.length);
      if (job.state !== 'done') this.markStopped(record.id, job);
      this.changed(record.id, true);
      if (job.state !== 'done') throw failureOf(job);
      return this.get(record.id);
    });
    // The UI learns of failures from the job and the optimization's state; the CLI awaits `done`.
    finished.catch(() => {});
    return { optimizationId: record.id, jobId, done: finished };
  }

  /** The pace a search ran at becomes the next estimate's (only one that ran long enough to say). */
  private learnPace(progress: SearchProgress | null, bars: number): void {
    const measured = progress?.measured();
    if (!measured || measured.evaluations < MIN_PACE_EVALUATIONS || bars < 2) return;
    this.pace = { backtestMs: (measured.ms * this.pool.size) / measured.evaluations, backtestBars: bars };
  }

  /** A job that ended without finishing: what it stored stays, the state says why (both can be resumed). */
  private markStopped(id: string, job: JobRecord): void {
    if (this.repo.get(id)?.state !== 'running') return;
    const cancelled = job.state === 'cancelled';
    this.repo.update(id, {
      state: cancelled ? 'cancelled' : 'failed', finishedAt: Date.now(), evaluated: this.repo.countRows(id),
      error: job.error ?? { code: 'CANCELLED', message: 'Cancelled' },
    });
  }

  private sortKey(record: OptimizationRecord, sortBy: string): ResultsQuery['sort'] {
    if (sortBy === 'objective' || sortBy === 'seq') return sortBy;
    const params = this.repo.paramNames(record.id);
    if (params.includes(sortBy)) return { in: 'params', name: sortBy };
    if (METRIC_NAMES.includes(sortBy)) return { in: 'metrics', name: sortBy };
    throw new AppFailure(
      'VALIDATION_FAILED',
      `sortBy: '${sortBy}' is not a column of the results; sort by objective, seq, a parameter (${params.join(', ') || 'none stored yet'}) or a metric (${METRIC_NAMES.join(', ')})`,
      { field: 'sortBy', value: sortBy },
    );
  }

  private record(id: string): OptimizationRecord {
    const record = this.repo.get(id);
    if (!record) throw new AppFailure('NOT_FOUND', `No optimization ${id}`, { optimizationId: id });
    return record;
  }

  private sources(): InputSources {
    return { instruments: this.instruments, bars: this.bars, userStrategies: this.userStrategies, workers: this.pool.size, pace: this.pace };
  }

  /** Announces a change; progress is throttled, starts, ends and removals are not. */
  private changed(id: string, always = false): void {
    const now = Date.now();
    if (!always && now - (this.announced.get(id) ?? 0) < CHANGED_EVENT_MS) return;
    if (this.live.has(id)) this.announced.set(id, now);
    else this.announced.delete(id);
    this.bus.emit('optimize.changed', { optimizationIds: [id] });
  }
}

/** `Optimize sma-cross on ORCL 1d: grid of 342 sets`, `… genetic, 500 evaluations, walk-forward over 6 windows — resumed`. */
function jobTitle(record: OptimizationRecord, prepared: PreparedOptimization, resumed: boolean): string {
  const { estimate, setup } = record;
  const search = prepared.method === 'grid'
    ? `grid of ${estimate.evaluations.toLocaleString('en-US')} sets`
    : `${prepared.method}, ${estimate.evaluations.toLocaleString('en-US')} evaluations`;
  const windows = setup.walkForward ? `, walk-forward over ${estimate.windows} windows` : '';
  return `Optimize ${record.strategyId} on ${record.symbol} ${record.timeframe}: ${search}${windows}${resumed ? ' — resumed' : ''}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
