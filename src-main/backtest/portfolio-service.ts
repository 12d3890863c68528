import { createHash, randomBytes } from 'node:crypto';
import {
  PortfolioStartInputSchema, type PortfolioRunDetail, type PortfolioRunSummary, type PortfolioStartInput,
} from '../../src-shared/contract/portfolio.contract.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { PortfolioConfig } from '../../src-shared/domain/portfolio.ts';
import type { PortfolioPayload, PortfolioResult } from '../../src-workers/backtest/portfolio/run.ts';
import type { JobManager } from '../jobs/job-manager.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import type { BarService } from '../services/bar-service.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import { dataFingerprint, failureOf } from './backtest-service.ts';
import { loadPortfolioInputs, type PortfolioInputs, type PortfolioStart } from './portfolio-inputs.ts';
import type { PortfolioRepo } from './portfolio-repo.ts';

export interface StartedPortfolioRun {
  runId: string;
  jobId: string;
  /** Settles when the job ends: the saved run, or the job's failure (CANCELLED when cancelled). */
  done: Promise<PortfolioRunDetail>;
}

/**
 * Portfolio backtests as jobs, the way BacktestService runs single-instrument ones: validates before
 * starting, runs `portfolio.run` in the worker pool with progress and cancel, and saves each finished
 * run with what reproduces it. A re-run reads the same range again and records whether it came out
 * identical.
 */
export class PortfolioService {
  constructor(
    private readonly bars: BarService,
    private readonly instruments: InstrumentRepo,
    private readonly pool: WorkerPool,
    private readonly jobs: JobManager,
    private readonly repo: PortfolioRepo,
    private readonly bus: EventBus,
  ) {}

  async start(raw: PortfolioStartInput, rerunOf: PortfolioRunDetail | null = null): Promise<StartedPortfolioRun> {
    const input = PortfolioStartInputSchema.parse(raw);
    const inputs = loadPortfolioInputs(input, this.instruments, this.bars);
    const runId = `prun_${randomBytes(9).toString('base64url')}`;
    const fingerprint = portfolioFingerprint(inputs);
    const payload: PortfolioPayload = {
      instruments: inputs.instruments.map(({ symbol, bars }) => ({ symbol, bars })),
      timeframe: input.timeframe, calendar: input.calendar, config: input.config, settings: input.settings,
    };
    let result: PortfolioResult | null = null;
    const { id: jobId, done } = this.jobs.submit({
      kind: 'backtest',
      title: jobTitle(inputs, input, rerunOf !== null),
      input: { ...input, range: inputs.range, runId, rerunOf: rerunOf?.id ?? null },
      run: async (ctx) => {
        result = await this.pool.run('portfolio.run', payload, { signal: ctx.signal, onProgress: (d, t, p) => ctx.progress(d, t, p) });
        return { runId, fills: result.fills.length, finalEquity: result.finalEquity };
      },
    });
    const saved = done.then((record) => {
      if (record.state !== 'done' || !result) throw failureOf(record);
      const run = toRun(runId, input, inputs, fingerprint, result, rerunOf);
      this.repo.insert({ run, range: inputs.range });
      this.bus.emit('portfolio.runs.changed', { runIds: [runId] });
      return run;
    });
    // The UI learns of failures from the job; the CLI awaits `done` and reports them itself.
    saved.catch(() => {});
    return { runId, jobId, done: saved };
  }

  /** Runs a saved portfolio again over the range it read, with its config, settings and calendar. */
  async rerun(runId: string): Promise<StartedPortfolioRun> {
    const saved = this.repo.get(runId);
    if (!saved) throw notFound(runId);
    const { run, range } = saved;
    return this.start(
      { instrumentIds: run.instrumentIds, timeframe: run.timeframe, from: range.from, to: range.to, config: run.config, settings: run.settings, calendar: run.calendar },
      run,
    );
  }

  list(): PortfolioRunSummary[] {
    return this.repo.list();
  }

  get(runId: string): PortfolioRunDetail {
    const saved = this.repo.get(runId);
    if (!saved) throw notFound(runId);
    return saved.run;
  }

  remove(runId: string): boolean {
    const removed = this.repo.remove(runId);
    if (removed) this.bus.emit('portfolio.runs.changed', { runIds: [runId] });
    return removed;
  }
}

function toRun(
  id: string, input: PortfolioStart, inputs: PortfolioInputs, fingerprint: string, r: PortfolioResult, rerunOf: PortfolioRunDetail | null,
): PortfolioRunDetail {
  const resultHash = hashPortfolioResult(r);
  const n = r.time.length;
  return {
    id, createdAt: Date.now(), instrumentIds: inputs.instruments.map((i) => i.id), symbols: r.symbols, timeframe: input.timeframe,
    fromTime: r.time[0]!, toTime: r.time[n - 1]!, bars: n, config: r.config, finalEquity: r.finalEquity,
    totalReturn: r.metrics.totalReturn ?? null, benchmarkReturn: r.benchmark.metrics.totalReturn ?? null,
    maxDrawdown: r.metrics.maxDrawdown?.depth ?? null, rebalanceCount: r.rebalances.filter((b) => !b.skipped).length, fillCount: r.fills.length,
    rerunOf: rerunOf?.id ?? null,
    identical: rerunOf ? rerunOf.resultHash === resultHash && rerunOf.dataFingerprint === fingerprint : null,
    settings: r.settings, calendar: input.calendar, dataFingerprint: fingerprint, engineVersion: r.engineVersion, resultHash,
    metrics: r.metrics, benchmarkMetrics: r.benchmark.metrics, benchmarkTargets: r.benchmark.targets,
    fills: r.fills, trades: r.trades, rejections: r.rejections, rebalances: r.rebalances,
    // An instrument that never had a bar has no price (NaN in the engine); the contract says null.
    positions: r.positions.map((p) => ({ ...p, price: Number.isNaN(p.price) ? null : p.price })),
    totalCommission: r.totalCommission, turnover: r.turnover,
    // Copies: the columns that crossed from the worker may be views into longer buffers.
    time: r.time.slice(), equity: r.equity.slice(), drawdown: r.drawdown.slice(), cash: r.cash.slice(),
    benchmark: r.benchmark.equity.slice(), weights: r.weights.slice(),
  };
}

/** SHA-256 over each instrument's bar fingerprint, in the run's order: the same data gives the same value. */
export function portfolioFingerprint(inputs: PortfolioInputs): string {
  return createHash('sha256').update(inputs.instruments.map((i) => dataFingerprint(i.bars)).join(',')).digest('hex');
}

/** Every fill, trade, rejection and rebalance decision, and the equity and weights at every close. */
export function hashPortfolioResult(r: PortfolioResult): string {
  const hash = createHash('sha256').update(JSON.stringify({ fills: r.fills, trades: r.trades, rejections: r.rejections, rebalances: r.rebalances }));
  for (const column of [r.equity, r.weights]) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  return hash.digest('hex');
}

/** E.g. `Portfolio ORCL, NVDA, YHOO 1d monthly equal (3,774 bars)`. */
function jobTitle(inputs: PortfolioInputs, input: PortfolioStart, rerun: boolean): string {
  const symbols = inputs.instruments.map((i) => i.symbol).join(', ');
  const drift = input.config.drift === null ? '' : `, drift ${input.config.drift}`;
  const bars = inputs.timelineBars.toLocaleString('en-US');
  return `Portfolio ${symbols} ${input.timeframe} ${input.config.schedule} ${weightsText(input.config)}${drift} (${bars} bars)${rerun ? ' — re-run' : ''}`;
}

function weightsText({ weights }: PortfolioConfig): string {
  if (weights.kind === 'fixed') return 'fixed weights';
  if (weights.kind === 'inverse-volatility') return `inverse-vol ${weights.lookback}`;
  return 'equal';
}

function notFound(runId: string): AppFailure {
  return new AppFailure('NOT_FOUND', `No portfolio run ${runId}`, { runId });
}
