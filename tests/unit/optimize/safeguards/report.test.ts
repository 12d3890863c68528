import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import { SafeguardsReportSchema } from '../../../../src-shared/domain/safeguards.ts';
import { simpleReturns } from '../../../../src-workers/backtest/metrics/returns.ts';
import {
  benchmarkTest, deflatedSharpe, monteCarlo, safeguardsReport, tradeReturnsOnEquity, type SafeguardsInput,
} from '../../../../src-workers/optimize/safeguards/index.ts';

const CASH = 10_000;
const BARS = 300;
const price = Float64Array.from({ length: BARS }, (_, i) => 100 * Math.exp(0.0004 * i + 0.03 * Math.sin(i / 9)));
const benchmark = price.map((p) => (CASH * p) / price[0]!);
const equity = Float64Array.from({ length: BARS }, (_, i) => CASH * Math.exp(0.0009 * i + 0.012 * Math.sin(i / 5) + 0.004 * Math.cos(i * 1.3)));
const trades: Trade[] = Array.from({ length: 40 }, (_, k) => {
  const pnl = 160 * Math.sin(k * 2.1) + 45;
  return {
    id: k, direction: 'long', qty: 10, entryIndex: 7 * k, entryTime: 7 * k, entryPrice: 100, exitIndex: 7 * k + 5, exitTime: 7 * k + 5,
    exitPrice: 100 + pnl / 10, pnl, returnPct: pnl / 1000, commission: 1, mae: 0, mfe: 0, barsHeld: 5, open: false,
  };
});
const rows = [5, 10, 15].flatMap((fast) => [30, 60].map((slow) => ({ params: { fast, slow }, objective: fast === 10 && slow === 60 ? 1.4 : 1 + fast / 100 })));

const input: SafeguardsInput = {
  seed: 123,
  best: { equity, benchmark, trades, initialCash: CASH, periodsPerYear: 252 },
  trials: { sharpes: rows.map((r) => r.objective) },
  samples: { inSample: { sharpe: 1.4, cagr: 0.25 }, outOfSample: { sharpe: 0.7, cagr: 0.1 } },
  walkForwardEfficiency: 0.62,
  grid: { rows, best: { fast: 10, slow: 60 }, bestObjective: 1.4, xParam: 'fast', yParam: 'slow', radius: 1 },
  options: { simulations: 400, bootstrapReplicates: 300 },
};

describe('safeguardsReport', () => {
  const report = safeguardsReport(input);

  it('assembles every section from its parts', () => {
    const returns = simpleReturns(equity, CASH);
    expect(report.monteCarlo).toEqual(monteCarlo(tradeReturnsOnEquity(trades, CASH), { seed: 123, simulations: 400, initialEquity: CASH }));
    expect(report.deflatedSharpe).toEqual(deflatedSharpe({ returns, trialSharpes: input.trials!.sharpes, periodsPerYear: 252 }));
    expect(report.benchmarkTest).toEqual(benchmarkTest(returns, simpleReturns(benchmark, CASH), { seed: 123, replicates: 300 }));
    expect(report.outOfSample!.sharpe.ratio).toBe(0.5);
    expect(report.walkForwardEfficiency).toBe(0.62);
    // From the grid: fast 5 and 15 at slow 60 (1.05, 1.15), slow 30 at fast 10 (1.1); slow 60 is the top edge.
    expect(report.stability).toMatchObject({ neighbours: 3, evaluated: 3, best: 1.4, worst: 1.05 });
    expect(report.surface!.z).toEqual([
      [1.05, 1.1, 1.15],
      [1.05, 1.4, 1.15],
    ]);
  });

  it('is plain JSON that the contract schema accepts', () => {
    expect(SafeguardsReportSchema.parse(report)).toEqual(report);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reproduces itself from the same seed, and only the random parts move with another', () => {
    expect(safeguardsReport(input)).toEqual(report);
    const other = safeguardsReport({ ...input, seed: 124 });
    expect(other.monteCarlo!.bootstrap).not.toEqual(report.monteCarlo!.bootstrap);
    expect({ ...other, seed: 0, monteCarlo: null, benchmarkTest: null }).toEqual({ ...report, seed: 0, monteCarlo: null, benchmarkTest: null });
    expect(other.benchmarkTest!.tStatistic).toBe(report.benchmarkTest!.tStatistic);
  });

  it('leaves out, as null, every section whose inputs are missing', () => {
    expect(safeguardsReport({ seed: 1 })).toEqual({
      seed: 1, outOfSample: null, walkForwardEfficiency: null, stability: null, surface: null, monteCarlo: null, deflatedSharpe: null, benchmarkTest: null,
    });
    expect(safeguardsReport({ seed: 1, walkForwardEfficiency: NaN }).walkForwardEfficiency).toBeNull();
  });

  it('prefers neighbours evaluated by the caller over the grid lookup', () => {
    const r = safeguardsReport({ seed: 1, neighbours: { best: 2, values: [1, 3] }, stability: { direction: 'minimize' } });
    expect(r.stability).toMatchObject({ neighbours: 2, worst: 3, direction: 'minimize' });
  });
});
