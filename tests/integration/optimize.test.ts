import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../src-main/core-api.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { WORKSPACE_FILE } from '../../src-main/storage/database.ts';
import type { AppError } from '../../src-shared/contract/errors.ts';
import type { ImportResult } from '../../src-shared/contract/import.contract.ts';
import type {
  OptimizationDetail, OptimizationSummary, OptimizeCheck, OptimizeStartInput, ResultRow,
} from '../../src-shared/contract/optimize.contract.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { InstrumentSpecSchema } from '../../src-shared/domain/instrument.ts';
import type { JobRecord } from '../../src-shared/domain/job.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { runBacktest } from '../../src-workers/backtest/run.ts';
import { smaCross } from '../../src-workers/backtest/strategies/sma-cross.ts';
import { detectFormat } from '../../src-workers/import/index.ts';
import { metricsRow } from '../../src-workers/optimize/index.ts';
import { loadDaily } from '../unit/indicators/kernels/fixtures.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';

// Optimizations as saved, resumable jobs through a real core over ORCL daily: the issue's grid against
// direct backtests, seeded genetic runs, cancel and resume (also after a restart), walk-forward
// windows and their stitched curve, and setups refused before anything starts.

const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

function harness(core: CoreInternals) {
  const events: CoreEvent[] = [];
  core.onEvent((e) => events.push(e));
  const call = <T>(channel: string, input: unknown) => core.router.handle(channel, input, { transport: 'local' }) as Promise<Outcome<T>>;
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  /** Every stored row of an optimization, in the order asked (window, then seq). */
  const allRows = async (optimizationId: string, window?: number) =>
    (await ok<{ total: number; rows: ResultRow[] }>('optimize.results', { optimizationId, sortBy: 'seq', descending: false, limit: 5000, window })).rows;
  return { events, call, ok, allRows };
}

async function importOrcl(core: CoreInternals): Promise<number> {
  const bytes = readFileSync(sharedDataFile('orcl-1995-2014.csv'));
  const { options } = detectFormat(bytes, 'orcl-1995-2014.csv');
  const record = await core.services.imports.start({ fileName: 'orcl-1995-2014.csv', bytes, options: options!, instrument: InstrumentSpecSchema.parse({ symbol: 'ORCL' }) }).done;
  expect(record.state, record.error?.message).toBe('done');
  return (record.result as ImportResult).instrumentId;
}

/** Cancels the next optimization job as soon as its first batch is stored (synchronously, from its first progress event). */
function cancelAtFirstBatch(core: CoreInternals): () => void {
  let fired = false;
  return core.onEvent((e) => {
    const job = e.payload as JobRecord;
    if (fired || e.name !== 'jobs.updated' || job.kind !== 'optimize' || job.state !== 'running' || !job.progress || job.progress.done === 0) return;
    fired = true;
    core.services.jobs.cancel(job.id);
  });
}

const settings = { initialCash: 100_000, commission: { kind: 'percent' as const, rate: 0.001 } };

describe.skipIf(!sharedDataDir)('optimizations over ORCL daily', () => {
  const dataDir = join(tmp.dir, 'orcl');
  let core: CoreInternals;
  let h: ReturnType<typeof harness>;
  let instrumentId: number;
  let bars: BarColumns;
  let grid: OptimizeStartInput;
  let gridRun: OptimizationDetail;

  beforeAll(async () => {
    core = await createCore({ dataDir, poolSize: 2, seedDemo: false, validateOutput: true });
    h = harness(core);
    instrumentId = await importOrcl(core);
    const b = loadDaily('orcl-1995-2014.csv');
    bars = { time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
    grid = {
      instrumentId, timeframe: '1d', strategyId: 'sma-cross', ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 200, step: 5 } },
      method: 'grid', objective: 'sharpe', constraints: ['fast < slow'], settings,
    };
  });
  afterAll(() => core?.close());

  const direct = (params: Record<string, number | string>, from = 0, to = bars.time.length) =>
    runBacktest({
      bars: { time: bars.time.slice(from, to), open: bars.open.slice(from, to), high: bars.high.slice(from, to), low: bars.low.slice(from, to), close: bars.close.slice(from, to), volume: bars.volume.slice(from, to) },
      timeframe: '1d' as Timeframe, calendar: 'stock', strategy: smaCross, params, settings,
    });

  it('sizes the issue grid before starting: 370 combinations, 342 with fast < slow', async () => {
    const check = await h.ok<OptimizeCheck>('optimize.validate', grid);
    expect(check).toMatchObject({ ok: true, errors: [], warnings: [], bars: 5036, estimate: { combinations: 370, feasible: { count: 342, exact: true }, evaluations: 342, windows: 1 } });
    // Before any search has run here, the time comes from a prior: 0.5 ms per 5,000 bars per backtest, over the pool.
    const workers = core.services.optimizations['pool'].size as number;
    expect(check.estimate!.estimatedMs).toBeCloseTo((0.5 * (5036 / 5000) * 342) / workers, 6);
  });

  it('stores 342 rows for the issue grid whose metrics equal runBacktest\'s, and the best is the best of the rows', async () => {
    const { optimizationId, jobId } = await h.ok<{ optimizationId: string; jobId: string }>('optimize.start', grid);
    expect(optimizationId).toMatch(/^opt_/);
    await waitForJob(core, jobId);
    const job = core.services.jobs.get(jobId)!;
    expect(job).toMatchObject({ kind: 'optimize', state: 'done', title: 'Optimize sma-cross on ORCL 1d: grid of 342 sets' });
    const phases = h.events.filter((e) => e.name === 'jobs.updated' && (e.payload as JobRecord).id === jobId).map((e) => (e.payload as JobRecord).progress?.phase ?? '');
    expect(phases.some((p) => /^best sharpe \d\.\d\d \(fast=\d+ slow=\d+\) · [\d,]+\/s · ETA \d+ s$/.test(p))).toBe(true);

    gridRun = await h.ok<OptimizationDetail>('optimize.get', { optimizationId });
    expect(gridRun).toMatchObject({ state: 'done', evaluated: 342, planned: 342, method: 'grid', direction: 'maximize', walkForward: null, bars: 5036, symbol: 'ORCL' });
    const rows = await h.allRows(optimizationId);
    expect(rows.length).toBe(342);
    expect(rows.map((r) => r.seq)).toEqual([...Array(342).keys()]);
    // Grid order: the last parameter fastest; sets with fast >= slow are never asked.
    expect(rows.slice(0, 2).map((r) => r.params)).toEqual([{ fast: 5, slow: 20 }, { fast: 5, slow: 25 }]);
    expect(rows.every((r) => (r.params.fast as number) < (r.params.slow as number) && r.feasible && r.error === null)).toBe(true);

    for (const row of [rows[0]!, rows[57]!, rows[200]!, rows[341]!]) {
      const expected = metricsRow(direct(row.params).metrics, settings.initialCash);
      expect(row.metrics).toEqual(expected);
      expect(row.objective).toBe(expected.sharpe);
    }

    const top = rows.reduce((a, b) => (b.objective! > a.objective! ? b : a));
    expect(gridRun.best).toMatchObject({ params: top.params, objective: top.objective, seq: top.seq, window: 0, metrics: top.metrics });
    const full = direct(top.params);
    expect(gridRun.best!.run).toEqual({
      finalEquity: full.finalEquity, totalReturn: full.metrics.totalReturn, maxDrawdown: full.metrics.maxDrawdown.depth, tradeCount: full.trades.length, engineVersion: full.engineVersion,
    });

    const s = gridRun.safeguards!;
    expect(s.seed).toBe(1);
    expect(s.monteCarlo!.trades).toBe(full.trades.length);
    expect(s.deflatedSharpe).toMatchObject({ trials: 342, observations: 5036 });
    expect(s.deflatedSharpe!.sharpe).toBeCloseTo(top.objective!, 12);
    expect(s.stability!.neighbours).toBe(4);
    expect(s.surface).toMatchObject({ xParam: 'fast', yParam: 'slow', bestX: top.params.fast, bestY: top.params.slow });
    expect(s.outOfSample).toBeNull();
    expect(s.benchmarkTest!.observations).toBe(5036);
  });

  it('estimates the time of the next setup from the pace the last search ran at', async () => {
    // The issue grid ran above: its fresh evaluations and their time are the pace now.
    const check = await h.ok<OptimizeCheck>('optimize.validate', { ...grid, ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 400, step: 5 } } });
    const prior = (0.5 * (5036 / 5000) * check.estimate!.evaluations) / (core.services.optimizations['pool'].size as number);
    expect(check.estimate!.estimatedMs).toBeGreaterThan(0);
    expect(check.estimate!.estimatedMs).not.toBeCloseTo(prior, 6);
  });

  it('pages, sorts and filters the results, and lists the optimization', async () => {
    const id = gridRun.id;
    const bySharpe = await h.ok<{ total: number; rows: ResultRow[] }>('optimize.results', { optimizationId: id, limit: 3 });
    expect(bySharpe.total).toBe(342);
    expect(bySharpe.rows[0]!.params).toEqual(gridRun.best!.params);
    expect(bySharpe.rows[0]!.objective! >= bySharpe.rows[1]!.objective! && bySharpe.rows[1]!.objective! >= bySharpe.rows[2]!.objective!).toBe(true);
    const bySlow = await h.ok<{ rows: ResultRow[] }>('optimize.results', { optimizationId: id, sortBy: 'slow', descending: false, offset: 10, limit: 2 });
    // slow 20 has 3 sets, 25 has 4: rows 10 and 11 are the last two of slow 30, in the order asked.
    expect(bySlow.rows.map((r) => r.params)).toEqual([{ fast: 20, slow: 30 }, { fast: 25, slow: 30 }]);
    const byTrades = await h.ok<{ rows: ResultRow[] }>('optimize.results', { optimizationId: id, sortBy: 'tradeCount', limit: 5000 });
    const trades = byTrades.rows.map((r) => r.metrics.tradeCount!);
    expect(trades).toEqual([...trades].sort((a, b) => b - a));
    const constrained = await h.ok<{ total: number; rows: ResultRow[] }>('optimize.results', { optimizationId: id, feasibleOnly: true, limit: 1 });
    expect(constrained.total).toBe(342);
    expect(await h.call('optimize.results', { optimizationId: id, sortBy: 'sharp' })).toMatchObject({
      ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^sortBy: 'sharp' is not a column of the results; sort by objective, seq, a parameter \(fast, slow\)/) },
    });
    expect(await h.call('optimize.results', { optimizationId: id, limit: 5001 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const list = await h.ok<OptimizationSummary[]>('optimize.list', {});
    expect(list[0]).toMatchObject({ id, state: 'done', evaluated: 342, best: { params: gridRun.best!.params, objective: gridRun.best!.objective } });
    expect(h.events.some((e) => e.name === 'optimize.changed' && (e.payload as { optimizationIds: string[] }).optimizationIds.includes(id))).toBe(true);
  });

  it('reads rows without their metrics for plots, and one row by its place', async () => {
    const id = gridRun.id;
    const full = await h.ok<{ total: number; rows: ResultRow[] }>('optimize.results', { optimizationId: id, sortBy: 'seq', descending: false, limit: 5000 });
    const lean = await h.ok<{ total: number; rows: ResultRow[] }>('optimize.results', { optimizationId: id, sortBy: 'seq', descending: false, limit: 5000, withMetrics: false });
    expect(lean.total).toBe(342);
    expect(lean.rows.every((r) => Object.keys(r.metrics).length === 0)).toBe(true);
    // Everything else is as in the full rows, in the same order.
    expect(lean.rows).toEqual(full.rows.map((r) => ({ ...r, metrics: {} })));
    const one = await h.ok<{ total: number; rows: ResultRow[] }>('optimize.results', { optimizationId: id, window: 0, seq: 17, limit: 1 });
    expect(one.total).toBe(1);
    expect(one.rows).toEqual([full.rows.find((r) => r.seq === 17)]);
  });

  it('names the job of a running optimization in its summary and detail, and none once it ended', async () => {
    const started = await core.services.optimizations.start({ ...grid, method: 'random', budget: 40, seed: 5 });
    const running = (await h.ok<OptimizationSummary[]>('optimize.list', {})).find((o) => o.id === started.optimizationId);
    expect(running).toMatchObject({ state: 'running', jobId: started.jobId });
    expect(await h.ok('optimize.get', { optimizationId: started.optimizationId })).toMatchObject({ jobId: started.jobId });
    await started.done;
    expect(await h.ok('optimize.get', { optimizationId: started.optimizationId })).toMatchObject({ state: 'done', jobId: null });
    await h.ok('optimize.remove', { optimizationId: started.optimizationId });
  });

  it('gives the same genetic result twice with the same seed', async () => {
    const genetic = { ...grid, method: 'genetic' as const, budget: 80, seed: 42 };
    const first = await (await core.services.optimizations.start(genetic)).done;
    const second = await (await core.services.optimizations.start(genetic)).done;
    expect(first.id).not.toBe(second.id);
    expect(first.evaluated).toBeGreaterThan(20);
    expect(second.evaluated).toBe(first.evaluated);
    expect(second.best).toEqual(first.best);
    expect(second.safeguards).toEqual(first.safeguards);
    const strip = (rows: ResultRow[]) => rows.map((r) => [r.seq, r.params, r.objective]);
    expect(strip(await h.allRows(second.id))).toEqual(strip(await h.allRows(first.id)));
    // Every set the search asked is one of the grid's feasible sets, and none twice.
    const keys = (await h.allRows(first.id)).map((r) => `${r.params.fast}/${r.params.slow}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the finished rows when cancelled, and resumes to the same result as an uninterrupted run', async () => {
    const genetic = { ...grid, method: 'genetic' as const, budget: 150, seed: 11 };
    const whole = await (await core.services.optimizations.start(genetic)).done;

    const stop = cancelAtFirstBatch(core);
    const started = await core.services.optimizations.start(genetic);
    await expect(started.done).rejects.toMatchObject({ code: 'CANCELLED' });
    stop();
    const cancelled = await h.ok<OptimizationDetail>('optimize.get', { optimizationId: started.optimizationId });
    const kept = await h.allRows(started.optimizationId);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error).toMatchObject({ code: 'CANCELLED' });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(whole.evaluated);
    expect(cancelled.evaluated).toBe(kept.length);
    expect(cancelled.safeguards).toBeNull();
    // The best so far is kept, and is the best of the kept rows.
    const top = kept.filter((r) => r.objective !== null).reduce((a, b) => (b.objective! > a.objective! ? b : a));
    expect(cancelled.best).toMatchObject({ params: top.params, objective: top.objective });
    // The kept rows are the uninterrupted run's rows at the same places.
    const wholeRows = await h.allRows(whole.id);
    for (const row of kept) expect(wholeRows[row.seq]).toEqual(row);

    const resumed = await h.ok<{ optimizationId: string; jobId: string }>('optimize.resume', { optimizationId: started.optimizationId });
    expect(resumed.optimizationId).toBe(started.optimizationId);
    await waitForJob(core, resumed.jobId);
    expect(core.services.jobs.get(resumed.jobId)!.title).toMatch(/ — resumed$/);
    const done = await h.ok<OptimizationDetail>('optimize.get', { optimizationId: started.optimizationId });
    expect(done).toMatchObject({ state: 'done', error: null, evaluated: whole.evaluated });
    expect(done.best).toEqual(whole.best);
    expect(done.safeguards).toEqual(whole.safeguards);
    expect(await h.allRows(started.optimizationId)).toEqual(wholeRows);
    expect(await h.call('optimize.resume', { optimizationId: started.optimizationId })).toMatchObject({
      ok: false, error: { code: 'VALIDATION_FAILED', message: `Optimization ${started.optimizationId} has finished; there is nothing to resume` },
    });
  });

  it('walks forward: each window optimized in sample, its best run out of sample after a warm-up, the segments stitched', async () => {
    const wf = {
      ...grid, ranges: { fast: { min: 5, max: 30, step: 5 }, slow: { min: 20, max: 100, step: 20 } }, walkForward: { inSample: 1000, outOfSample: 500 },
    };
    const run = await (await core.services.optimizations.start(wf)).done;
    const report = run.walkForward!;
    expect(report.windows.length).toBe(8);
    expect(run.warnings.map((w) => w.field)).toEqual(['walkForward.outOfSample']);
    expect(run).toMatchObject({ evaluated: 8 * 27, planned: 8 * 27, walkForward: expect.anything() });
    report.windows.forEach((w, k) => {
      expect(w.inSample).toEqual({ start: 500 * k, end: 1000 + 500 * k, from: bars.time[500 * k], to: bars.time[999 + 500 * k] });
      expect(w.outOfSample).toEqual({ start: 1000 + 500 * k, end: 1500 + 500 * k, from: bars.time[1000 + 500 * k], to: bars.time[1499 + 500 * k] });
    });
    expect(report.stitched.time).toEqual(bars.time.slice(1000, 5000));
    expect(report.stitched.starts).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500]);
    expect(report.stitched.equity[3999]! / settings.initialCash - 1).toBeCloseTo(report.outOfSampleReturn, 12);

    // Window 1: the best of its in-sample rows, run over bars 500..2000 with the OOS counted from bar 1500.
    const window1 = await h.allRows(run.id, 1);
    expect(window1.length).toBe(27);
    const top = window1.reduce((a, b) => (b.objective! > a.objective! ? b : a));
    const w1 = report.windows[1]!;
    expect(w1.params).toEqual(top.params);
    expect(w1.objective).toBe(top.objective);
    expect(w1.inSampleReturn).toBe(top.metrics.totalReturn);
    expect(top.metrics).toEqual(metricsRow(direct(top.params, 500, 1500).metrics, settings.initialCash));
    const oos = direct(w1.params, 500, 2000);
    expect(w1.outOfSampleReturn).toBeCloseTo(oos.equity[1499]! / oos.equity[999]! - 1, 12);

    const sums = report.windows.reduce((s, w) => ({ is: s.is + w.inSampleReturn!, oos: s.oos + w.outOfSampleReturn! }), { is: 0, oos: 0 });
    expect(report.efficiency).toBeCloseTo(sums.oos / 4000 / (sums.is / 8000), 12);
    // The best is the last window's; its safeguards compare it in and out of sample.
    expect(run.best).toMatchObject({ window: 7, params: report.windows[7]!.params });
    expect(run.safeguards!.walkForwardEfficiency).toBe(report.efficiency);
    expect(run.safeguards!.outOfSample!.sharpe.inSample).toBeCloseTo(run.best!.metrics.sharpe!, 12);
    expect(run.safeguards!.deflatedSharpe!.trials).toBe(27);

    // Cancelled in its first window and resumed, it comes out the same, window by window.
    const stop = cancelAtFirstBatch(core);
    const again = await core.services.optimizations.start(wf);
    await expect(again.done).rejects.toMatchObject({ code: 'CANCELLED' });
    stop();
    expect(core.services.optimizations.get(again.optimizationId).walkForward).toBeNull();
    const resumed = await (await core.services.optimizations.resume(again.optimizationId)).done;
    expect(resumed.walkForward).toEqual(run.walkForward);
    expect(resumed.best).toEqual(run.best);
    expect(resumed.safeguards).toEqual(run.safeguards);
  });

  it.each([
    ['a range beyond the declaration', { ranges: { fast: { min: 5, max: 600, step: 5 } } }, /^ranges\.fast\.max: max 600 is above the declared maximum 500$/, 'ranges.fast.max'],
    ['an unknown parameter', { ranges: { speed: { min: 1, max: 3, step: 1 } } }, /^ranges\.speed: sma-cross has no parameter 'speed'; parameters: fast, slow$/, 'ranges.speed'],
    ['a misspelt objective', { objective: 'sharpe / maxDrawdwn' }, /^objective: .*unknown name 'maxDrawdwn'; did you mean 'maxDrawdown'/, 'objective'],
    ['a constraint that does not parse', { constraints: ['fast < slow', 'tradeCount >='] }, /^constraints\[1\]: /, 'constraints[1]'],
    ['walk-forward windows longer than the data', { walkForward: { inSample: 5000, outOfSample: 100 } }, /^walkForward: walk-forward needs inSample \+ outOfSample = 5100 bars for one window, but the data has 5036$/, 'walkForward'],
    ['constraints nothing meets', { constraints: ['fast > slow'] }, /^constraints: no parameter set of the 370 combinations passes/, 'constraints'],
  ])('refuses %s before starting a job, naming the field and the value', async (_what, change, message, field) => {
    const jobs = core.services.jobs.list(1000).length;
    const saved = (await h.ok<OptimizationSummary[]>('optimize.list', {})).length;
    const r = await h.call('optimize.start', { ...grid, ...change });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(message) } });
    const issues = (r as { error: { details: { issues: { field: string; value: unknown }[] } } }).error.details.issues;
    expect(issues[0]!.field).toBe(field);
    expect(issues[0]!.value).toBeDefined();
    expect(core.services.jobs.list(1000).length).toBe(jobs);
    expect((await h.ok<OptimizationSummary[]>('optimize.list', {})).length).toBe(saved);
    // optimize.validate lists the same problem without throwing.
    const check = await h.ok<OptimizeCheck>('optimize.validate', { ...grid, ...change });
    expect(check.ok).toBe(false);
    expect(check.errors[0]!.field).toBe(field);
  });

  it('refuses an unknown strategy, instrument and a range without bars, naming them', async () => {
    expect(await h.call('optimize.start', { ...grid, strategyId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/^strategyId: unknown strategy 'nope'/) } });
    expect(await h.call('optimize.start', { ...grid, instrumentId: 999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'No instrument with id 999999' } });
    expect(await h.call('optimize.start', { ...grid, from: Date.parse('2030-01-01') })).toMatchObject({
      ok: false, error: { code: 'VALIDATION_FAILED', message: 'Instrument "ORCL" has no 1d bars between 2030-01-01T00:00:00.000Z and the end' },
    });
    expect(await h.call('optimize.start', { ...grid, ranges: { fast: { min: 5, max: 50, step: 0 } } })).toMatchObject({
      ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('ranges.fast.step') },
    });
    expect(await h.call('optimize.get', { optimizationId: 'opt_nosuchone' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'No optimization opt_nosuchone' } });
  });

  it('removes an optimization with its rows, and refuses to remove one that is running', async () => {
    const started = await core.services.optimizations.start({ ...grid, method: 'random', budget: 60, seed: 3 });
    expect(await h.call('optimize.remove', { optimizationId: started.optimizationId })).toMatchObject({
      ok: false, error: { code: 'VALIDATION_FAILED', message: `Optimization ${started.optimizationId} is running (job ${started.jobId}); cancel it before removing it` },
    });
    await started.done;
    expect(await h.ok('optimize.remove', { optimizationId: started.optimizationId })).toEqual({ removed: true });
    expect(await h.ok('optimize.remove', { optimizationId: started.optimizationId })).toEqual({ removed: false });
    expect(await h.call('optimize.results', { optimizationId: started.optimizationId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const left = core.services.workspace.sqlite.prepare('SELECT COUNT(*) FROM optimization_results WHERE optimization_id = ?').pluck().get(started.optimizationId);
    expect(left).toBe(0);
  });

  // Last: it closes the core, as a crash would, and opens the workspace again.
  it('marks an optimization left running by a stopped process as cancelled, and resumes it after the restart', async () => {
    const stop = cancelAtFirstBatch(core);
    const started = await core.services.optimizations.start(grid);
    await expect(started.done).rejects.toMatchObject({ code: 'CANCELLED' });
    stop();
    await core.close();
    // As the workspace looks after a crash mid-run: still "running".
    const raw = new Database(join(dataDir, WORKSPACE_FILE));
    raw.prepare("UPDATE optimizations SET state = 'running', error = NULL, finished_at = NULL WHERE id = ?").run(started.optimizationId);
    raw.close();

    core = await createCore({ dataDir, poolSize: 2, seedDemo: false, validateOutput: true });
    h = harness(core);
    const interrupted = await h.ok<OptimizationDetail>('optimize.get', { optimizationId: started.optimizationId });
    expect(interrupted.state).toBe('cancelled');
    expect(interrupted.error!.message).toMatch(/^Interrupted: Candlewick stopped while this optimization was running/);
    expect(interrupted.evaluated).toBeGreaterThan(0);
    expect(interrupted.evaluated).toBeLessThan(342);

    const resumed = await core.services.optimizations.resume(started.optimizationId);
    const done = await resumed.done;
    expect(done).toMatchObject({ state: 'done', evaluated: 342 });
    expect(done.best).toEqual(gridRun.best);
    expect(done.safeguards).toEqual(gridRun.safeguards);
  });
});

async function waitForJob(core: CoreInternals, jobId: string, timeoutMs = 60_000): Promise<JobRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = core.services.jobs.get(jobId);
    if (job && (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled')) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
