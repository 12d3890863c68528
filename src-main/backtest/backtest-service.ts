import { createHash, randomBytes } from 'node:crypto';
import { BacktestStartInputSchema, type BacktestStartInput, type RunDetail, type RunSummary, type StrategyDescriptor } from '../../src-shared/contract/backtest.contract.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { JobRecord } from '../../src-shared/domain/job.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import type { TradeAnalysis } from '../../src-shared/domain/metrics.ts';
import { analyzeTrades } from '../../src-workers/backtest/metrics/index.ts';
import { barCloseTime } from '../../src-workers/indicators/align.ts';
import type { LookAheadReport } from '../../src-workers/backtest/look-ahead.ts';
import type { BacktestResult } from '../../src-workers/backtest/run.ts';
import { BUILT_IN_STRATEGIES } from '../../src-workers/backtest/strategies/index.ts';
import type { BacktestPayload } from '../../src-workers/tasks.ts';
import type { StrategyProblem } from '../../src-shared/domain/user-strategy.ts';
import type { JobManager } from '../jobs/job-manager.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import type { BarService } from '../services/bar-service.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import type { BacktestRepo } from './backtest-repo.ts';
import { resolveStrategy, type ResolvedStrategy } from './strategy-resolution.ts';
import type { UserStrategies } from './user-strategies.ts';

export interface StartedRun {
  runId: string;
  jobId: string;
  /** Settles when the job ends: the saved run, or the job's failure. */
  done: Promise<RunDetail>;
}

/**
 * Backtests as jobs: validates everything before starting (instrument, range, strategy, parameters,
 * settings), runs in the worker pool with progress and cancel, and saves each finished run with what
 * reproduces it. A re-run uses the saved inputs and records whether it came out identical.
 */
export class BacktestService {
  constructor(
    private readonly bars: BarService,
    private readonly instruments: InstrumentRepo,
    private readonly pool: WorkerPool,
    private readonly jobs: JobManager,
    private readonly repo: BacktestRepo,
    private readonly bus: EventBus,
    private readonly userStrategies: UserStrategies,
  ) {}

  /** The built-in strategies, then the user's that loaded from the workspace's strategies folder. */
  async strategies(): Promise<StrategyDescriptor[]> {
    const builtIn = BUILT_IN_STRATEGIES.map(({ id, name, description, version, params }): StrategyDescriptor => ({
      id, name, description, version, params: [...params], origin: 'builtin',
    }));
    const { strategies } = await this.userStrategies.snapshot();
    return [...builtIn, ...strategies.map((s) => s.descriptor)];
  }

  /** Why user strategy files did not load, each with file, line and column. */
  async strategyProblems(): Promise<StrategyProblem[]> {
    return [...(await this.userStrategies.snapshot()).problems];
  }

  /** A strategy by id with its parameters checked (a user strategy's in a worker: its `validate` is user code). */
  resolveStrategy(strategyId: string, params: Record<string, unknown>): Promise<ResolvedStrategy> {
    return resolveStrategy(strategyId, params, this.userStrategies, this.pool);
  }

  async start(raw: BacktestStartInput, rerunOf: RunDetail | null = null): Promise<StartedRun> {
    const input = BacktestStartInputSchema.parse(raw);
    const instrument = this.instruments.get(input.instrumentId);
    if (!instrument) throw new AppFailure('NOT_FOUND', `No instrument with id ${input.instrumentId}`, { instrumentId: input.instrumentId });
    if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
      throw new AppFailure('VALIDATION_FAILED', `from (${iso(input.from)}) is after to (${iso(input.to)})`, { field: 'from' });
    }
    const strategy = await this.resolveStrategy(input.strategyId, input.params);
    const { params } = strategy;
    const { bars } = this.bars.query(instrument.id, input.timeframe, { from: input.from, to: input.to });
    const n = bars.time.length;
    if (n < 2) {
      throw new AppFailure('VALIDATION_FAILED', `${instrument.symbol} ${input.timeframe} has ${n} bar(s) in the chosen range; a backtest needs at least 2`, { field: 'from' });
    }
    const runId = `run_${randomBytes(9).toString('base64url')}`;
    const fingerprint = dataFingerprint(bars);
    const payload: BacktestPayload = {
      bars, timeframe: input.timeframe, calendar: input.calendar, strategyId: strategy.id, userStrategy: strategy.userStrategy, params, settings: input.settings,
    };
    let result: BacktestResult | null = null;
    const { id: jobId, done } = this.jobs.submit({
      kind: 'backtest',
      title: `Backtest ${strategy.id} on ${instrument.symbol} ${input.timeframe} (${n.toLocaleString('en-US')} bars)${rerunOf ? ' — re-run' : ''}`,
      input: { ...input, runId, rerunOf: rerunOf?.id ?? null },
      run: async (ctx) => {
        result = await this.pool.run('backtest.run', payload, { signal: ctx.signal, onProgress: (d, t, p) => ctx.progress(d, t, p) });
        return { runId, fills: result.fills.length, finalEquity: result.finalEquity };
      },
    });
    const saved = done.then((record) => {
      if (record.state !== 'done' || !result) throw failureOf(record);
      const run = this.toRun(runId, instrument.id, instrument.symbol, input, strategy, fingerprint, bars, result, rerunOf);
      this.repo.insert(run);
      this.bus.emit('backtest.runs.changed', { runIds: [runId] });
      return run;
    });
    // The UI learns of failures from the job; the CLI awaits `done` and reports them itself.
    saved.catch(() => {});
    return { runId, jobId, done: saved };
  }

  /** Runs a saved backtest again; a user strategy runs from its current source (the identical flag shows a change). */
  async rerun(runId: string): Promise<StartedRun> {
    const original = this.get(runId);
    return this.start(
      {
        instrumentId: original.instrumentId, timeframe: original.timeframe, from: original.range.from, to: original.range.to,
        strategyId: original.strategyId, params: original.params, settings: original.settings, calendar: original.calendar,
      },
      original,
    );
  }

  list(): RunSummary[] {
    return this.repo.list();
  }

  get(runId: string): RunDetail {
    const run = this.repo.get(runId);
    if (!run) throw new AppFailure('NOT_FOUND', `No backtest run ${runId}`, { runId });
    return run;
  }

  /** The saved run's trades analysed (computed on demand: it is cheap and never goes stale). */
  analysis(runId: string): TradeAnalysis {
    return analyzeTrades(this.get(runId).trades);
  }

  /**
   * Re-runs a saved run's strategy on histories cut short, as a job in a worker (a user strategy's
   * code runs nowhere else), and reports every signal or fill that changed when future bars were gone.
   */
  async checkLookAhead(runId: string): Promise<LookAheadReport> {
    const run = this.get(runId);
    const strategy = await this.resolveStrategy(run.strategyId, run.params);
    const { bars } = this.bars.query(run.instrumentId, run.timeframe as Timeframe, { from: run.fromTime, to: run.toTime });
    let report: LookAheadReport | null = null;
    const { done } = this.jobs.submit({
      kind: 'backtest',
      title: `Look-ahead check of ${run.strategyId} on ${run.symbol} ${run.timeframe}`,
      input: { runId },
      run: async (ctx) => {
        report = await this.pool.run(
          'backtest.lookAhead',
          { bars, timeframe: run.timeframe as Timeframe, calendar: run.calendar, strategyId: strategy.id, userStrategy: strategy.userStrategy, params: run.params, settings: run.settings },
          { signal: ctx.signal },
        );
        return { runId, clean: report.clean, findings: report.findings.length };
      },
    });
    const record = await done;
    if (record.state !== 'done' || !report) throw failureOf(record);
    return report;
  }

  remove(runId: string): boolean {
    const removed = this.repo.remove(runId);
    if (removed) this.bus.emit('backtest.runs.changed', { runIds: [runId] });
    return removed;
  }

  private toRun(
    id: string, instrumentId: number, symbol: string, input: ReturnType<typeof BacktestStartInputSchema.parse>, strategy: ResolvedStrategy,
    fingerprint: string, bars: BarColumns, r: BacktestResult, rerunOf: RunDetail | null,
  ): RunDetail {
    const resultHash = hashResult(r);
    const n = r.time.length;
    return {
      id, createdAt: Date.now(), instrumentId, symbol, timeframe: input.timeframe,
      fromTime: bars.time[0]!, toTime: bars.time[bars.time.length - 1]!, bars: n,
      range: { from: input.from ?? bars.time[0]!, to: input.to ?? barCloseTime(bars.time[bars.time.length - 1]!, input.timeframe) - 1 },
      strategyId: strategy.id, strategyVersion: strategy.version, params: r.params, finalEquity: r.finalEquity,
      totalReturn: r.metrics.totalReturn ?? null, maxDrawdown: r.metrics.maxDrawdown?.depth ?? null, tradeCount: r.trades.length,
      rerunOf: rerunOf?.id ?? null,
      identical: rerunOf ? rerunOf.resultHash === resultHash && rerunOf.dataFingerprint === fingerprint : null,
      settings: r.settings, calendar: input.calendar, dataFingerprint: fingerprint, strategyHash: strategy.hash,
      engineVersion: r.engineVersion, resultHash, metrics: r.metrics, fills: r.fills, trades: r.trades, rejections: r.rejections,
      time: Float64Array.from(r.time), equity: r.equity, drawdown: r.drawdown, benchmark: r.benchmark,
    };
  }
}

/** SHA-256 of the bars' bytes, column by column: the same data gives the same fingerprint. */
export function dataFingerprint(bars: BarColumns): string {
  const hash = createHash('sha256');
  for (const column of [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume]) {
    hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  }
  return hash.digest('hex');
}

/** Every fill, trade and equity value: equal hashes mean an identical result. */
export function hashResult(r: BacktestResult): string {
  return createHash('sha256')
    .update(JSON.stringify({ fills: r.fills, trades: r.trades, rejections: r.rejections }))
    .update(new Uint8Array(r.equity.buffer, r.equity.byteOffset, r.equity.byteLength))
    .digest('hex');
}

/** Why a job that did not finish gave no result: its error, or cancellation. */
export function failureOf(record: JobRecord): AppFailure {
  if (record.error) return new AppFailure(record.error.code, record.error.message, record.error.details);
  return new AppFailure('CANCELLED', 'Cancelled');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
