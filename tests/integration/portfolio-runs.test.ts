import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../src-main/core-api.ts';
import { createCore, type CoreInternals } from '../../src-main/core.ts';
import { startServer, type RunningServer } from '../../src-main/server/http-server.ts';
import type { PortfolioRunDetail, PortfolioRunSummary, PortfolioStartInput } from '../../src-shared/contract/portfolio.contract.ts';
import type { AppError } from '../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { ImportResult } from '../../src-shared/contract/import.contract.ts';
import { InstrumentSpecSchema } from '../../src-shared/domain/instrument.ts';
import type { JobRecord } from '../../src-shared/domain/job.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { runPortfolio } from '../../src-workers/backtest/portfolio/run.ts';
import { detectFormat } from '../../src-workers/import/index.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';
import { TestSocket } from '../support/ws-client.ts';
import { randomWalk } from '../unit/backtest/portfolio/synthetic.ts';

// Portfolio backtests as saved, reproducible runs through a real core: validation, the job in the
// worker pool, the saved detail against a direct engine call, re-runs, cancellation, and the typed
// contract over the router and the WebSocket.

const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** A core with the router, its events recorded, and the helpers the tests share. */
function harness(core: CoreInternals) {
  const events: CoreEvent[] = [];
  core.onEvent((e) => events.push(e));
  const call = <T>(channel: string, input: unknown) => core.router.handle(channel, input, { transport: 'local' }) as Promise<Outcome<T>>;
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const runsChanged = () => events.filter((e) => e.name === 'portfolio.runs.changed').map((e) => (e.payload as { runIds: string[] }).runIds);
  return { events, call, ok, runsChanged };
}

/** Yahoo daily CSV columns as the importer stores them (UTC midnight, plain decimals); read here independently of it. */
function readDaily(file: string): BarColumns {
  const rows = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
  const column = (k: number) => Float64Array.from(rows, (r) => Number(r[k]));
  return { time: Float64Array.from(rows, (r) => Date.parse(`${r[0]}T00:00:00Z`)), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(6) };
}

function cut(b: BarColumns, from: number, to: number): BarColumns {
  const s = b.time.findIndex((t) => t >= from);
  const e = b.time.findLastIndex((t) => t <= to) + 1;
  return { time: b.time.slice(s, e), open: b.open.slice(s, e), high: b.high.slice(s, e), low: b.low.slice(s, e), close: b.close.slice(s, e), volume: b.volume.slice(s, e) };
}

async function importCsv(core: CoreInternals, fileName: string, bytes: Uint8Array, symbol: string): Promise<ImportResult> {
  const { options } = detectFormat(bytes, fileName);
  const record = await core.services.imports.start({ fileName, bytes, options: options!, instrument: InstrumentSpecSchema.parse({ symbol }) }).done;
  expect(record.state, record.error?.message).toBe('done');
  return record.result as ImportResult;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe.skipIf(!sharedDataDir)('portfolio runs over ORCL, NVDA and YHOO daily', () => {
  const FILES = { ORCL: 'orcl-1995-2014.csv', NVDA: 'nvda-1999-2014.csv', YHOO: 'yhoo-1996-2014.csv' } as const;
  const from = day('2000-01-01');
  const to = day('2014-12-31');
  const settings = { initialCash: 100_000, commission: { kind: 'percent' as const, rate: 0.001 } };
  let core: CoreInternals;
  let h: ReturnType<typeof harness>;
  const ids: Record<string, number> = {};
  let request: PortfolioStartInput;
  let first: PortfolioRunDetail;

  beforeAll(async () => {
    core = await createCore({ dataDir: join(tmp.dir, 'real'), poolSize: 1, seedDemo: false, validateOutput: true });
    h = harness(core);
    for (const [symbol, file] of Object.entries(FILES)) ids[symbol] = (await importCsv(core, file, readFileSync(sharedDataFile(file)), symbol)).instrumentId;
    request = { instrumentIds: [ids.ORCL!, ids.NVDA!, ids.YHOO!], timeframe: '1d', from, to, config: { schedule: 'monthly', weights: { kind: 'equal' } }, settings };
  });
  afterAll(() => core.close());

  it('saves a run whose fills, equity and weights equal a direct engine call on the same bars', async () => {
    const started = await h.ok<{ runId: string; jobId: string }>('portfolio.start', request);
    expect(started.runId).toMatch(/^prun_/);
    const run = await core.services.portfolios.start(request).then((s) => s.done);
    const job = core.services.jobs.get(started.jobId)!;
    expect(job.title).toMatch(/^Portfolio ORCL, NVDA, YHOO 1d monthly equal \(3,773 bars\)$/);

    const direct = runPortfolio({
      instruments: Object.entries(FILES).map(([symbol, file]) => ({ symbol, bars: cut(readDaily(sharedDataFile(file)), from, to) })),
      timeframe: '1d' as Timeframe, calendar: 'stock', config: request.config, settings,
    });
    expect(run).toMatchObject({
      symbols: ['ORCL', 'NVDA', 'YHOO'], instrumentIds: request.instrumentIds, timeframe: '1d', bars: direct.time.length, calendar: 'stock',
      fromTime: direct.time[0], toTime: direct.time[direct.time.length - 1], finalEquity: direct.finalEquity, fillCount: direct.fills.length,
      rebalanceCount: direct.rebalances.filter((b) => !b.skipped).length, benchmarkTargets: direct.benchmark.targets, engineVersion: direct.engineVersion,
      rerunOf: null, identical: null,
    });
    expect(run.bars).toBe(3773);
    expect(run.fills).toEqual(direct.fills);
    expect(run.rebalances).toEqual(direct.rebalances);
    expect(run.weights).toEqual(direct.weights);
    expect(run.equity).toEqual(direct.equity);
    expect(run.benchmark).toEqual(direct.benchmark.equity);
    expect(run.cash[run.bars - 1]).toBe(direct.finalCash);

    // What was saved reads back whole, through the contract (outputs are validated in this core).
    const saved = await h.ok<PortfolioRunDetail>('portfolio.get', { runId: run.id });
    expect(saved).toEqual(run);
    first = saved;
  });

  it('lists summaries newest first, announces changes, and removes a run', async () => {
    const runs = await h.ok<PortfolioRunSummary[]>('portfolio.runs', {});
    expect(runs.length).toBe(2);
    expect(runs[0]!.id).toBe(first.id);
    expect(runs[0]).toEqual({
      id: first.id, createdAt: first.createdAt, instrumentIds: first.instrumentIds, symbols: first.symbols, timeframe: '1d',
      fromTime: first.fromTime, toTime: first.toTime, bars: first.bars, config: first.config, finalEquity: first.finalEquity,
      totalReturn: first.metrics.totalReturn, benchmarkReturn: first.benchmarkMetrics.totalReturn, maxDrawdown: first.metrics.maxDrawdown.depth,
      rebalanceCount: first.rebalanceCount, fillCount: first.fillCount, rerunOf: null, identical: null,
    });
    const other = runs[1]!.id;
    expect(h.runsChanged()).toEqual(expect.arrayContaining([[other], [first.id]]));
    expect(await h.ok('portfolio.remove', { runId: other })).toEqual({ removed: true });
    expect(h.runsChanged().at(-1)).toEqual([other]);
    expect(await h.ok('portfolio.remove', { runId: other })).toEqual({ removed: false });
    expect(await h.call('portfolio.get', { runId: other })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: `No portfolio run ${other}` } });
    expect((await h.ok<PortfolioRunSummary[]>('portfolio.runs', {})).map((r) => r.id)).toEqual([first.id]);
  });

  it('re-runs a saved run with its inputs and finds it identical', async () => {
    const started = await core.services.portfolios.rerun(first.id);
    const again = await started.done;
    expect(again).toMatchObject({ rerunOf: first.id, identical: true, resultHash: first.resultHash, dataFingerprint: first.dataFingerprint, bars: first.bars });
    expect(core.services.jobs.get(started.jobId)!.title).toMatch(/ — re-run$/);
    expect((await h.ok<PortfolioRunSummary[]>('portfolio.runs', {}))[0]).toMatchObject({ id: again.id, rerunOf: first.id, identical: true });
  });

  it('re-runs an aggregated weekly portfolio that started mid-week identically (the read range is pinned, not the bar times)', async () => {
    const weekly = await (await core.services.portfolios.start({
      ...request, instrumentIds: [ids.ORCL!, ids.NVDA!], timeframe: '1w', from: day('2003-01-08'), to: undefined,
      config: { schedule: 'quarterly', weights: { kind: 'inverse-volatility', lookback: 12 } },
    })).done;
    expect(weekly.fromTime).toBe(day('2003-01-06'));
    const again = await (await core.services.portfolios.rerun(weekly.id)).done;
    expect(again).toMatchObject({ identical: true, bars: weekly.bars, toTime: weekly.toTime });
  });

  it.each([
    ['an unknown instrument', { instrumentIds: [1, 999_999] }, 'NOT_FOUND', 'No instrument with id 999999'],
    ['from after to', { from: day('2010-01-01'), to: day('2009-01-01') }, 'VALIDATION_FAILED', 'from (2010-01-01T00:00:00.000Z) is after to (2009-01-01T00:00:00.000Z)'],
    ['a fixed weight for a symbol not chosen', { config: { schedule: 'monthly', weights: { kind: 'fixed', weights: { ORCL: 0.5, AAPL: 0.3 } } } }, 'VALIDATION_FAILED',
      'The fixed weights give a weight to "AAPL", which is not one of the chosen instruments (ORCL, NVDA, YHOO)'],
    ['a range without bars', { from: day('2030-01-01'), to: undefined }, 'VALIDATION_FAILED', 'Instrument "ORCL" has no 1d bars between 2030-01-01T00:00:00.000Z and the end'],
    ['a timeframe that is neither stored nor aggregated', { timeframe: '1h' }, 'VALIDATION_FAILED', /^Instrument "ORCL" has no 1h bars and none that aggregate into 1h/],
    ['a single day', { from: day('2005-06-13'), to: day('2005-06-13') }, 'VALIDATION_FAILED', 'ORCL, NVDA, YHOO 1d have 1 bar(s) in the chosen range; a portfolio backtest needs at least 2'],
  ] as const)('refuses %s before starting a job, naming the problem', async (_what, change, code, message) => {
    const jobs = core.services.jobs.list(100).length;
    const r = await h.call('portfolio.start', { ...request, ...change });
    expect(r).toMatchObject({ ok: false, error: { code, message: typeof message === 'string' ? message : expect.stringMatching(message) } });
    expect(core.services.jobs.list(100).length).toBe(jobs);
  });

  it('refuses the same instrument twice and an unknown run to re-run', async () => {
    expect(await h.call('portfolio.start', { ...request, instrumentIds: [ids.ORCL!, ids.ORCL!] })).toMatchObject({
      ok: false, error: { code: 'VALIDATION_FAILED', message: `Instrument "ORCL" (id ${ids.ORCL}) is chosen twice` },
    });
    expect(await h.call('portfolio.rerun', { runId: 'prun_nosuchrun' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'No portfolio run prun_nosuchrun' } });
  });

  it('serves the contract over the WebSocket: start, the change event, and the detail with Float64Array columns', async () => {
    const webRoot = join(tmp.dir, 'web');
    mkdirSync(webRoot, { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Candlewick</title>');
    const server: RunningServer = await startServer({ core, webRoot, port: 0 });
    const client = await TestSocket.open(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    try {
      client.subscribe('portfolio.runs.changed');
      const started = await client.request('portfolio.start', { ...request, instrumentIds: [ids.ORCL!, ids.NVDA!] });
      expect(started.ok).toBe(true);
      const { runId } = (started as { out: { runId: string } }).out;
      await client.waitFor((f) => f.t === 'ev' && f.ev === 'portfolio.runs.changed' && (f.p as { runIds: string[] }).runIds.includes(runId), 30_000);
      const got = await client.request('portfolio.get', { runId });
      expect(got.ok).toBe(true);
      const detail = (got as { out: PortfolioRunDetail }).out;
      expect(detail.symbols).toEqual(['ORCL', 'NVDA']);
      expect(detail.weights).toBeInstanceOf(Float64Array);
      expect(detail.weights.length).toBe(detail.bars * 2);
      expect(detail.equity).toEqual(core.services.portfolios.get(runId).equity);
      const bad = await client.request('portfolio.start', { ...request, instrumentIds: [999_999] });
      expect(bad).toMatchObject({ ok: false, err: { code: 'NOT_FOUND', message: 'No instrument with id 999999' } });
    } finally {
      client.close();
      await server.close();
    }
  });

  // Last: it changes ORCL's stored bars.
  it('re-runs as not identical after a re-import changed a bar in the range', async () => {
    const file = sharedDataFile(FILES.ORCL);
    const text = readFileSync(file, 'utf8');
    const line = '2005-06-13,12.580000,12.790000,12.560000,12.600000';
    expect(text).toContain(line);
    const changed = await importCsv(core, basename(file), new TextEncoder().encode(text.replace(line, '2005-06-13,12.580000,12.790000,12.560000,12.700000')), 'ORCL');
    expect(changed).toMatchObject({ instrumentId: ids.ORCL, updated: 1, inserted: 0 });
    const again = await (await core.services.portfolios.rerun(first.id)).done;
    expect(again.rerunOf).toBe(first.id);
    expect(again.identical).toBe(false);
    expect(again.dataFingerprint).not.toBe(first.dataFingerprint);
  });
});

describe('cancelling a long portfolio run', () => {
  let core: CoreInternals;
  let h: ReturnType<typeof harness>;
  const instrumentIds: number[] = [];

  beforeAll(async () => {
    core = await createCore({ dataDir: join(tmp.dir, 'long'), poolSize: 1, seedDemo: false, validateOutput: true });
    h = harness(core);
    // Eight daily walks of 50,000 bars rebalanced daily: seconds of work, cancelled at its first progress.
    for (let k = 0; k < 8; k++) {
      const { id } = core.services.instruments.ensure(InstrumentSpecSchema.parse({ symbol: `W${k}`, source: 'generated' }));
      core.services.store.upsert(id, '1d', randomWalk(50_000, '1970-01-01', 0.01, k + 1));
      instrumentIds.push(id);
    }
  });
  afterAll(() => core.close());

  it('ends the job as cancelled and saves nothing', async () => {
    const started = await core.services.portfolios.start({ instrumentIds, timeframe: '1d', config: { schedule: 'daily' }, settings: { initialCash: 1_000_000 } });
    const running = h.events.length;
    await waitUntil(() => h.events.slice(running).some((e) => {
      const job = e.payload as JobRecord;
      return e.name === 'jobs.updated' && job.id === started.jobId && job.state === 'running' && job.progress !== null && job.progress.done > 0;
    }));
    expect(await h.ok('jobs.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });
    await expect(started.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(core.services.jobs.get(started.jobId)!.state).toBe('cancelled');
    expect(await h.ok('portfolio.runs', {})).toEqual([]);
    expect(await h.call('portfolio.get', { runId: started.runId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(h.runsChanged()).toEqual([]);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
