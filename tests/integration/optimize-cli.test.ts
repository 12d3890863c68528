import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as runInProcess } from '../../src-main/cli/main.ts';
import { createCore } from '../../src-main/core.ts';
import type { SafeguardsReport } from '../../src-shared/domain/safeguards.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { runBacktest } from '../../src-workers/backtest/run.ts';
import { smaCross } from '../../src-workers/backtest/strategies/sma-cross.ts';
import { metricsRow } from '../../src-workers/optimize/index.ts';
import { loadDaily } from '../unit/indicators/kernels/fixtures.ts';
import { runCli, type CliRun } from '../support/cli.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The CLI in this process (the same runCli the binary calls), for the many quick argument checks. */
async function inProcess(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runInProcess(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

interface CliOutput {
  best: { params: Record<string, number>; objective: number; metrics: Record<string, number | null> } | null;
  evaluations: number;
  safeguards: SafeguardsReport;
  walkForward?: { efficiency: number | null; outOfSampleReturn: number; windows: { inSample: { from: string; to: string }; outOfSample: { from: string; to: string }; params: Record<string, number> }[] };
  runId: string;
}

const ISSUE_GRID = ['--strategy', 'sma-cross', '--range', 'fast=5:50:5', '--range', 'slow=20:200:5', '--constraint', 'fast<slow', '--method', 'grid', '--objective', 'sharpe'];

describe.skipIf(!sharedDataDir)('candlewick optimize over ORCL daily', () => {
  const dataDir = join(tmp.dir, 'orcl');

  beforeAll(async () => {
    const imported = await runCli(['import', sharedDataFile('orcl-1995-2014.csv'), '--symbol', 'ORCL', '--data-dir', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
  });

  it('prints the best set with its metrics, the evaluations and the safeguards, and saves the optimization under runId', async () => {
    const r = await runCli(['optimize', '--symbol', 'ORCL', '--timeframe', '1d', ...ISSUE_GRID, '--cash', '50000', '--commission', '0.001', '--data-dir', dataDir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CliOutput;
    expect(Object.keys(out)).toEqual(['best', 'evaluations', 'safeguards', 'runId']);
    expect(out.evaluations).toBe(342);
    expect(out.runId).toMatch(/^opt_/);

    // The best of every feasible set, each backtested here independently of the optimizer.
    const b = loadDaily('orcl-1995-2014.csv');
    const settings = { initialCash: 50_000, commission: { kind: 'percent' as const, rate: 0.001 } };
    const backtest = (params: Record<string, number>) =>
      runBacktest({ bars: { time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume }, timeframe: '1d' as Timeframe, calendar: 'stock', strategy: smaCross, params, settings });
    let top = { params: {} as Record<string, number>, sharpe: -Infinity };
    for (let fast = 5; fast <= 50; fast += 5) {
      for (let slow = 20; slow <= 200; slow += 5) {
        if (fast >= slow) continue;
        const sharpe = backtest({ fast, slow }).metrics.sharpe!;
        if (sharpe > top.sharpe) top = { params: { fast, slow }, sharpe };
      }
    }
    expect(out.best!.params).toEqual(top.params);
    expect(out.best!.objective).toBe(top.sharpe);
    const full = backtest(top.params);
    expect(out.best!.metrics).toEqual(metricsRow(full.metrics, 50_000));
    expect(Object.keys(out.safeguards)).toEqual(['seed', 'outOfSample', 'walkForwardEfficiency', 'stability', 'surface', 'monteCarlo', 'deflatedSharpe', 'benchmarkTest']);
    expect(out.safeguards.monteCarlo!.trades).toBe(full.trades.length);
    expect(out.safeguards.deflatedSharpe!.trials).toBe(342);

    const core = await createCore({ dataDir, poolSize: 1, seedDemo: false });
    try {
      expect(core.services.optimizations.get(out.runId)).toMatchObject({ state: 'done', evaluated: 342, best: { params: top.params } });
    } finally {
      await core.close();
    }
  });

  it('walks forward with a seeded genetic search and prints the windows', async () => {
    const r = await runCli([
      'optimize', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'sma-cross', '--range', 'fast=5:50:5', '--range', 'slow=20:200:5',
      '--constraint', 'fast<slow', '--constraint', 'maxDrawdown < 60%', '--method', 'genetic', '--budget', '60', '--seed', '9',
      '--walk-forward', 'in=1500,out=700', '--objective', 'cagr / maxDrawdown', '--data-dir', dataDir, '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CliOutput;
    expect(Object.keys(out)).toEqual(['best', 'evaluations', 'safeguards', 'walkForward', 'runId']);
    expect(out.walkForward!.windows.length).toBe(5);
    expect(out.walkForward!.windows[0]!.outOfSample.from).toBe(new Date(loadDaily('orcl-1995-2014.csv').time[1500]!).toISOString().slice(0, 10));
    expect(out.best!.params).toEqual(out.walkForward!.windows[4]!.params);
    expect(out.safeguards.outOfSample).not.toBeNull();
    expect(out.safeguards.walkForwardEfficiency).toBe(out.walkForward!.efficiency);
  });

  it('prints a summary without --json', async () => {
    const r = await inProcess(['optimize', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'sma-cross', '--range', 'fast=5:20:5', '--range', 'slow=30:60:10', '--from', '2005-01-01', '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^optimize sma-cross on ORCL 1d, 2,517 bars 2005-01-03 → 2014-12-31: grid, 16 sets evaluated\n {2}best sharpe -?\d\.\d{4} with fast=\d+ slow=\d+ \(total return/);
    expect(r.stdout).toMatch(/deflated Sharpe ratio \d\.\d{3} over 16 trials/);
    expect(r.stdout).toMatch(/\n {2}saved as optimization opt_[\w-]+\n$/);
  });

  it.each([
    [['--range', 'fast=5:50'], /--range "fast=5:50" is not name=min:max:step/],
    [['--range', 'fast=5:50:0'], /--range "fast=5:50:0": the step must be greater than 0/],
    [['--range', 'fast=5:600:5'], /--range "fast=5:600:5": ranges\.fast\.max: max 600 is above the declared maximum 500/],
    [['--range', 'speed=1:3:1'], /--range "speed=1:3:1": ranges\.speed: sma-cross has no parameter 'speed'/],
    [['--range', 'fast=5:50:5', '--method', 'hill'], /--method "hill" is not grid, random or genetic/],
    [['--range', 'fast=5:50:5', '--method', 'random', '--budget', '0'], /--budget "0" must be a whole number from 1/],
    [['--range', 'fast=5:50:5', '--seed=-1'], /--seed "-1" must be a whole number from 0/],
    [['--range', 'fast=5:50:5', '--walk-forward', 'in=abc'], /--walk-forward "in=abc" is not in=BARS,out=BARS\[,anchored\]/],
    [['--range', 'fast=5:50:5', '--walk-forward', 'in=5000,out=100'], /--walk-forward "in=5000,out=100": walkForward: walk-forward needs inSample \+ outOfSample = 5100 bars/],
    [['--range', 'fast=5:50:5', '--objective', 'sharpe / maxDrawdwn'], /--objective "sharpe \/ maxDrawdwn": objective: .*unknown name 'maxDrawdwn'/],
    [['--range', 'fast=5:50:5', '--constraint', 'fast <'], /--constraint "fast <": constraints\[0\]: /],
    [['--range', 'fast=5:50:5', '--sizing', 'all-in'], /--sizing "all-in" is not fixed:QTY or percent:P/],
    [['--range', 'fast=5:50:5', '--commission', '2'], /--commission "2" must be a fraction/],
    [[], /--range is required at least once/],
  ])('bad arguments %j exit 2 naming the flag and the value', async (extra, message) => {
    const r = await inProcess(['optimize', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'sma-cross', ...extra, '--data-dir', dataDir]);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('names an unknown strategy and symbol', async () => {
    const strategy = await inProcess(['optimize', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'nope', '--range', 'x=1:2:1', '--data-dir', dataDir]);
    expect(strategy.code).toBe(2);
    expect(strategy.stderr).toMatch(/--strategy "nope": unknown strategy 'nope'; strategies: sma-cross/);
    const symbol = await inProcess(['optimize', '--symbol', 'NOPE', '--timeframe', '1d', '--strategy', 'sma-cross', '--range', 'fast=5:50:5', '--data-dir', dataDir]);
    expect(symbol.code).toBe(2);
    expect(symbol.stderr).toMatch(/--symbol: No instrument "NOPE" in this workspace/);
  });

  it('the binary exits 2 on a bad argument, with the reason and the usage', async () => {
    const r = await runCli(['optimize', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'sma-cross', '--range', 'fast=5:50:5', '--method', 'annealing', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^candlewick optimize: --method "annealing" is not grid, random or genetic\nusage: candlewick optimize --symbol SYM/);
  });

  it('is listed in the help', async () => {
    const r = await inProcess(['--help']);
    expect(r.stdout).toMatch(/optimize +optimize a strategy's parameters \(grid, random, genetic, walk-forward\) and save every result/);
    expect(r.stdout).toContain('candlewick optimize --symbol SYM --timeframe TF --strategy NAME --range');
  });
});
