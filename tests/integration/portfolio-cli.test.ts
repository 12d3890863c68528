import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { runPortfolio } from '../../src-workers/backtest/portfolio/run.ts';
import { runCli as runInProcess } from '../../src-main/cli/main.ts';
import { createCore } from '../../src-main/core.ts';
import { runCli, type CliRun } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { randomWalk } from '../unit/backtest/portfolio/synthetic.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The CLI in this process (the same runCli the binary calls), for the many quick argument checks. */
async function inProcess(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runInProcess(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/** The walk as the CSV the importer reads, and the bars exactly as they will come back (4 decimals). */
function csvOf(bars: BarColumns): { csv: string; stored: BarColumns } {
  const round = (x: number) => Number(x.toFixed(4));
  const stored: BarColumns = {
    time: bars.time.slice(), open: bars.open.map(round), high: bars.high.map(round), low: bars.low.map(round),
    close: bars.close.map(round), volume: bars.volume.slice(),
  };
  const lines = ['Date,Open,High,Low,Close,Volume'];
  for (let i = 0; i < stored.time.length; i++) {
    lines.push(`${new Date(stored.time[i]!).toISOString().slice(0, 10)},${stored.open[i]},${stored.high[i]},${stored.low[i]},${stored.close[i]},${stored.volume[i]}`);
  }
  return { csv: `${lines.join('\n')}\n`, stored };
}

interface CliOutput {
  runId: string;
  symbols: string[];
  bars: number;
  fills: { time: string; symbol: string; side: string; qty: number; requested: number; price: number; commission: number }[];
  finalEquity: number;
  turnover: number;
  metrics: { totalReturn: number; bars: number };
  benchmark: { targets: Record<string, number>; finalEquity: number; metrics: { totalReturn: number } };
  rebalances: { time: string; targets: Record<string, number>; before: Record<string, number>; maxDrift: number }[];
  skippedRebalances: number;
}

describe('candlewick portfolio', () => {
  const dataDir = join(tmp.dir, 'ws');
  // Two daily series over the same 300 days, and a third starting later and trading on fewer days.
  const walks = { AAA: randomWalk(300, '2023-01-02', 0.02, 1), BBB: randomWalk(300, '2023-01-02', 0.04, 2), CCC: randomWalk(200, '2023-03-01', 0.03, 3, 0.1) };
  const stored: Record<string, BarColumns> = {};

  beforeAll(async () => {
    for (const [symbol, bars] of Object.entries(walks)) {
      const { csv, stored: back } = csvOf(bars);
      stored[symbol] = back;
      const file = join(tmp.dir, `${symbol}.csv`);
      writeFileSync(file, csv);
      const imported = await runCli(['import', file, '--symbol', symbol, '--data-dir', dataDir, '--json']);
      expect(imported.code, imported.stderr).toBe(0);
    }
  });

  it('prints the fills, final equity, metrics, turnover, rebalances and benchmark the engine gives for the stored bars', async () => {
    const r = await runCli([
      'portfolio', '--symbols', 'AAA,BBB,CCC', '--timeframe', '1d', '--rebalance', 'monthly', '--weights', 'AAA=0.5,BBB=0.3',
      '--cash', '50000', '--commission', '0.001', '--from', '2023-02-01', '--data-dir', dataDir, '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CliOutput;
    const from = Date.parse('2023-02-01T00:00:00Z');
    const cut = (b: BarColumns): BarColumns => {
      const s = b.time.findIndex((t) => t >= from);
      return { time: b.time.slice(s), open: b.open.slice(s), high: b.high.slice(s), low: b.low.slice(s), close: b.close.slice(s), volume: b.volume.slice(s) };
    };
    const direct = runPortfolio({
      instruments: ['AAA', 'BBB', 'CCC'].map((symbol) => ({ symbol, bars: cut(stored[symbol]!) })),
      timeframe: '1d' as Timeframe, calendar: 'stock',
      config: { schedule: 'monthly', weights: { kind: 'fixed', weights: { AAA: 0.5, BBB: 0.3 } } },
      settings: { initialCash: 50_000, commission: { kind: 'percent', rate: 0.001 } },
    });
    expect(out.symbols).toEqual(['AAA', 'BBB', 'CCC']);
    expect(out.bars).toBe(direct.time.length);
    expect(out.fills).toEqual(
      direct.fills.map((f) => ({ time: new Date(f.time).toISOString(), symbol: f.symbol, side: f.side, qty: f.qty, requested: f.requested, price: f.price, commission: f.commission })),
    );
    expect(out.fills.some((f) => f.symbol === 'CCC')).toBe(false);
    expect(out.finalEquity).toBe(direct.finalEquity);
    expect(out.turnover).toBe(direct.turnover);
    expect(out.metrics.totalReturn).toBeCloseTo(direct.finalEquity / 50_000 - 1, 12);
    expect(out.benchmark).toMatchObject({ targets: { AAA: 0.5, BBB: 0.3, CCC: 0 }, finalEquity: direct.benchmark.finalEquity });
    expect(out.rebalances.length).toBe(direct.rebalances.length);
    expect(out.rebalances[0]).toMatchObject({ time: '2023-02-01T00:00:00.000Z', targets: { AAA: 0.5, BBB: 0.3, CCC: 0 } });
    expect(out.skippedRebalances).toBe(0);

    // Saved to the run history under the printed id, with the same result.
    expect(out.runId).toMatch(/^prun_/);
    const core = await createCore({ dataDir, poolSize: 1, seedDemo: false });
    try {
      const saved = core.services.portfolios.get(out.runId);
      expect(saved).toMatchObject({ symbols: ['AAA', 'BBB', 'CCC'], bars: direct.time.length, finalEquity: direct.finalEquity, fillCount: direct.fills.length });
      expect(saved.fills).toEqual(direct.fills);
    } finally {
      await core.close();
    }
  });

  it('prints a summary without --json, with skipped rebalances under a drift threshold', async () => {
    const r = await runCli(['portfolio', '--symbols', 'AAA,BBB', '--timeframe', '1d', '--rebalance', 'weekly', '--weights', 'inverse-vol:10', '--drift', '0.5', '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^portfolio AAA, BBB 1d, 300 bars 2023-01-02 → 2023-10-28, rebalanced weekly\n {2}1 rebalances \(\d+ skipped by drift\)/);
    expect(r.stdout).toMatch(/benchmark \(buy and hold of the first targets\): final equity \d+\.\d\d/);
    expect(r.stdout).toMatch(/\n {2}saved as run prun_[\w-]+\n$/);
  });

  it.each([
    [['--symbols', 'AAA,BBB', '--rebalance', 'hourly'], /--rebalance "hourly" is not one of daily, weekly, monthly, quarterly, yearly/],
    [['--symbols', 'AAA,BBB'], /--rebalance is required/],
    [['--rebalance', 'monthly'], /--symbols is required/],
    [['--symbols', 'AAA,AAA', '--rebalance', 'monthly'], /--symbols "AAA,AAA" lists AAA twice/],
    [['--symbols', 'AAA,NOPE', '--rebalance', 'monthly'], /--symbols: No instrument "NOPE" in this workspace/],
    [['--symbols', 'AAA,BBB', '--rebalance', 'monthly', '--weights', 'AAA=0.7,BBB=0.5'], /--weights "AAA=0.7,BBB=0.5" sum to 1.2; they must sum to at most 1/],
    [['--symbols', 'AAA,BBB', '--rebalance', 'monthly', '--weights', 'CCC=0.5'], /gives a weight to CCC, which is not in --symbols/],
    [['--symbols', 'AAA,BBB', '--rebalance', 'monthly', '--weights', 'inverse-vol:1'], /--weights "inverse-vol:1": the lookback must be a whole number of bars from 2/],
    [['--symbols', 'AAA,BBB', '--rebalance', 'monthly', '--weights', 'heavy'], /--weights "heavy" is not equal, inverse-vol:N or SYM=weight pairs/],
    [['--symbols', 'AAA,BBB', '--rebalance', 'monthly', '--drift', '2'], /--drift "2" must be a fraction/],
    [['--symbols', 'AAA,BBB', '--rebalance', 'monthly', '--commission', '2'], /--commission "2" must be a fraction/],
    [['--symbols', 'AAA,BBB', '--rebalance', 'monthly', '--from', 'yesterday'], /--from "yesterday" is not an ISO date/],
  ])('bad arguments %j exit 2 with the reason', async (extra, message) => {
    const r = await inProcess(['portfolio', '--timeframe', '1d', ...extra, '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('the binary exits 2 on a bad argument, with the reason and the usage', async () => {
    const r = await runCli(['portfolio', '--symbols', 'AAA,BBB', '--timeframe', '1d', '--rebalance', 'monthly', '--weights', 'AAA=2', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^candlewick portfolio: --weights "AAA=2": the weight of AAA must be a fraction from 0 to 1\nusage: candlewick portfolio --symbols/);
  });

  it('a range without bars is refused with a message naming the instrument', async () => {
    const r = await inProcess(['portfolio', '--symbols', 'AAA,BBB', '--timeframe', '1d', '--rebalance', 'monthly', '--from', '2030-01-01', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Instrument "AAA" has no 1d bars between 2030-01-01T00:00:00.000Z and the end/);
  });

  it('is listed in the help', async () => {
    const r = await inProcess(['--help']);
    expect(r.stdout).toMatch(/portfolio +backtest a portfolio of several series with scheduled rebalancing/);
    expect(r.stdout).toContain('candlewick portfolio --symbols A,B,C --timeframe TF --rebalance');
  });
});
