import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { createCore } from '../../src-main/core.ts';
import { runBacktest } from '../../src-workers/backtest/run.ts';
import { smaCross } from '../../src-workers/backtest/strategies/sma-cross.ts';
import { loadDaily } from '../unit/indicators/kernels/fixtures.ts';
import { runCli } from '../support/cli.ts';
import { sharedDataDir, sharedDataFile } from '../support/shared-data.ts';
import { tempDir } from '../support/temp-dir.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface CliOutput {
  runId: string;
  fills: { time: string; side: string; qty: number; price: number; commission: number }[];
  trades: { entryPrice: number; exitPrice: number; open: boolean }[];
  finalEquity: number;
  metrics: { totalReturn: number; tradeCount: number; maxDrawdown: { depth: number } };
}

describe.skipIf(!sharedDataDir)('candlewick backtest over ORCL daily', () => {
  const dataDir = join(tmp.dir, 'orcl');

  beforeAll(async () => {
    const imported = await runCli(['import', sharedDataFile('orcl-1995-2014.csv'), '--symbol', 'ORCL', '--data-dir', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
  });

  it('prints the fills, trades, final equity and metrics the engine gives for the same bars, and saves the run', async () => {
    const r = await runCli([
      'backtest', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=30',
      '--cash', '100000', '--commission', '0.001', '--sizing', 'percent:100', '--data-dir', dataDir, '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CliOutput;
    expect(out.runId).toMatch(/^run_/);
    const b = loadDaily('orcl-1995-2014.csv');
    const direct = runBacktest({
      bars: { time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume }, timeframe: '1d' as Timeframe,
      calendar: 'stock', strategy: smaCross, params: { fast: 10, slow: 30 },
      settings: { initialCash: 100_000, commission: { kind: 'percent', rate: 0.001 }, sizing: { kind: 'percent', percent: 100 } },
    });
    expect(out.fills.length).toBe(direct.fills.length);
    expect(out.fills[0]).toEqual({
      time: new Date(direct.fills[0]!.time).toISOString(), side: 'BUY', qty: direct.fills[0]!.qty, price: direct.fills[0]!.price, commission: direct.fills[0]!.commission,
    });
    expect(out.finalEquity).toBe(direct.finalEquity);
    expect(out.metrics.tradeCount).toBe(direct.trades.length);
    expect(out.metrics.totalReturn).toBeCloseTo(direct.finalEquity / 100_000 - 1, 12);

    // Saved with what reproduces it; a re-run comes out identical.
    const core = await createCore({ dataDir, poolSize: 1, seedDemo: false });
    try {
      const saved = core.services.backtests.get(out.runId);
      expect(saved).toMatchObject({ strategyId: 'sma-cross', params: { fast: 10, slow: 30 }, bars: 5036, engineVersion: '1.0.0' });
      expect(saved.dataFingerprint).toMatch(/^[0-9a-f]{64}$/);
      const again = await (await core.services.backtests.rerun(out.runId)).done;
      expect(again.rerunOf).toBe(out.runId);
      expect(again.identical).toBe(true);
      expect(again.resultHash).toBe(saved.resultHash);
      expect(core.services.backtests.list().map((run) => run.id)).toEqual([again.id, out.runId]);
    } finally {
      await core.close();
    }
  });

  it('re-runs a weekly run built from daily bars identically: the re-run reads the whole last week, not up to its open', async () => {
    const core = await createCore({ dataDir, poolSize: 1, seedDemo: false });
    try {
      const orcl = core.services.instruments.list().find((i) => i.symbol === 'ORCL')!;
      // Ends on a Wednesday: the last weekly bar is built from that week's Monday to Wednesday.
      const to = Date.UTC(2014, 5, 18, 23, 59, 59, 999);
      const first = await (await core.services.backtests.start({
        instrumentId: orcl.id, timeframe: '1w' as Timeframe, to, strategyId: 'sma-cross', params: { fast: 5, slow: 20 },
      })).done;
      expect(first.range).toEqual({ from: first.fromTime, to });
      const open = await (await core.services.backtests.start({ instrumentId: orcl.id, timeframe: '1w' as Timeframe, strategyId: 'sma-cross', params: { fast: 5, slow: 20 } })).done;
      // An open end is filled in with the end of the last bar's week.
      expect(open.range.to).toBe(open.toTime + 7 * 86_400_000 - 1);
      for (const run of [first, open]) {
        const again = await (await core.services.backtests.rerun(run.id)).done;
        expect(again.identical).toBe(true);
        expect(again.range).toEqual(run.range);
      }
    } finally {
      await core.close();
    }
  });

  it.each([
    [['--strategy', 'nope'], /unknown strategy 'nope'/],
    [['--strategy', 'sma-cross', '--param', 'fast=50', '--param', 'slow=20'], /fast \(50\) must be less than slow \(20\)/],
    [['--strategy', 'sma-cross', '--param', 'speed=3'], /unknown parameter 'speed'/],
    [['--strategy', 'sma-cross', '--sizing', 'all-in'], /--sizing "all-in" is not fixed:QTY or percent:P/],
    [['--strategy', 'sma-cross', '--commission', '2'], /--commission "2" must be a fraction/],
    [['--strategy', 'sma-cross', '--cash=-5'], /--cash "-5" must be a positive amount/],
  ])('bad arguments %j exit non-zero with the reason', async (extra, message) => {
    const r = await runCli(['backtest', '--symbol', 'ORCL', '--timeframe', '1d', ...extra, '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--check-look-ahead re-runs on truncated histories and reports a built-in strategy clean', async () => {
    const r = await runCli(['backtest', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'rsi-reversion', '--check-look-ahead', '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/look-ahead check: clean \(\d+ truncated re-runs changed no signal or fill\)/);
  });

  it('runs the built-in mtf-trend with a clean look-ahead check, and refuses a filter timeframe not above the run\'s', async () => {
    const r = await runCli(['backtest', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'mtf-trend', '--param', 'allowShort=yes', '--check-look-ahead', '--data-dir', dataDir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CliOutput & { lookAhead: { clean: boolean } };
    expect(out.fills.length).toBeGreaterThan(20);
    expect(out.lookAhead.clean).toBe(true);
    const bad = await runCli(['backtest', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'mtf-trend', '--param', 'htf=1d', '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/mtf-trend: htf \(1d\) must be a longer timeframe than the run's 1d/);
  });

  it('a range without bars is refused with a message naming it', async () => {
    const r = await runCli(['backtest', '--symbol', 'ORCL', '--timeframe', '1d', '--strategy', 'sma-cross', '--from', '2030-01-01', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ORCL 1d has 0 bar\(s\) in the chosen range/);
  });
});
