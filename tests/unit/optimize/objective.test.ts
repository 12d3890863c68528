import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { runBacktest } from '../../../src-workers/backtest/run.ts';
import { smaCross } from '../../../src-workers/backtest/strategies/sma-cross.ts';
import { METRIC_NAMES, metricsRow } from '../../../src-workers/optimize/metric-names.ts';
import { createObjective, parameterRules, parseObjective, type EvaluatedSet } from '../../../src-workers/optimize/objective.ts';
import { compareScored, type ScoredSet } from '../../../src-workers/optimize/optimizer.ts';
import { createParamSpace } from '../../../src-workers/optimize/space.ts';

const space = createParamSpace(smaCross, { ranges: { fast: { min: 5, max: 50, step: 5 }, slow: { min: 20, max: 200, step: 5 } } });
const row = (metrics: Record<string, number | null>, params = { fast: 10, slow: 30 }): EvaluatedSet => ({ params, metrics });

function failure(run: () => unknown): { field: string; value: unknown; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppFailure) return (error.details as { issues: never[] }).issues;
    throw error;
  }
  throw new Error('no failure');
}

describe('objectives', () => {
  it('reads a known metric name as that metric and anything else as a formula', () => {
    expect(parseObjective(' sharpe ')).toEqual({ metric: 'sharpe' });
    expect(parseObjective('cagr / maxDrawdown')).toEqual({ formula: 'cagr / maxDrawdown' });
  });

  it('maximizes Sharpe: fitness is the value', () => {
    const o = createObjective(space, 'sharpe');
    expect(o.direction).toBe('maximize');
    expect(o.label).toBe('sharpe (maximize)');
    expect(o.judge(row({ sharpe: 1.2 }))).toEqual({ objective: 1.2, fitness: 1.2, feasible: true, violations: [] });
  });

  it('minimizes the max drawdown as a magnitude: a depth of −0.3 reads 0.3, fitness −0.3', () => {
    const o = createObjective(space, 'maxDrawdown');
    expect(o.direction).toBe('minimize');
    expect(o.judge(row({ maxDrawdown: -0.3 }))).toMatchObject({ objective: 0.3, fitness: -0.3 });
  });

  it('ranks an undefined objective (null, NaN, missing, ±Infinity from a formula) last', () => {
    const o = createObjective(space, 'profitFactor');
    for (const metrics of [{ profitFactor: null }, { profitFactor: NaN }, {}] as Record<string, number | null>[]) expect(o.judge(row(metrics))).toMatchObject({ objective: null, fitness: -Infinity });
    expect(createObjective(space, 'cagr / maxDrawdown').judge(row({ cagr: 0.1, maxDrawdown: 0 }))).toMatchObject({ objective: null });
  });

  it('evaluates a custom formula over metrics and parameters, drawdowns as magnitudes', () => {
    const o = createObjective(space, 'cagr / maxDrawdown - 0.001 * slow');
    expect(o.direction).toBe('maximize');
    expect(o.judge(row({ cagr: 0.1, maxDrawdown: -0.25 }, { fast: 10, slow: 100 })).objective).toBeCloseTo(0.4 - 0.1, 12);
    expect(createObjective(space, { formula: 'annualVolatility * 2', direction: 'minimize' }).judge(row({ annualVolatility: 0.2 })).fitness).toBeCloseTo(-0.4, 12);
  });

  it('defines netProfit as finalEquity − initialCash, and recovers initialCash from totalReturn when not given', () => {
    const metrics = { finalEquity: 150_000, totalReturn: 0.5 };
    expect(createObjective(space, 'netProfit', [], { initialCash: 100_000 }).judge(row(metrics)).objective).toBe(50_000);
    expect(createObjective(space, 'netProfit').judge(row(metrics)).objective).toBeCloseTo(50_000, 6);
    expect(createObjective(space, 'netProfit').judge(row({ netProfit: 7 })).objective).toBe(7);
  });

  it('needs a direction for metrics where better is not clear, and refuses unknown metrics', () => {
    expect(failure(() => createObjective(space, { metric: 'tradeCount' }))[0]).toMatchObject({ field: 'objective', value: 'tradeCount' });
    expect(createObjective(space, { metric: 'tradeCount', direction: 'maximize' }).direction).toBe('maximize');
    expect(failure(() => createObjective(space, { metric: 'sharp' }))[0]!.message).toContain("unknown metric 'sharp'");
    expect(failure(() => createObjective(space, 'sharp * 2'))[0]!.message).toContain("did you mean 'sharpe'");
  });
});

describe('constraints', () => {
  const o = createObjective(space, 'sharpe', ['maxDrawdown < 0.25', 'tradeCount >= 30', 'fast < slow']);

  it('keeps a failing set but marks it infeasible with the constraints it broke', () => {
    expect(o.judge(row({ sharpe: 1, maxDrawdown: -0.2, tradeCount: 30 }))).toEqual({ objective: 1, fitness: 1, feasible: true, violations: [] });
    expect(o.judge(row({ sharpe: 2, maxDrawdown: -0.3, tradeCount: 12 }))).toEqual({
      objective: 2, fitness: 2, feasible: false, violations: ['maxDrawdown < 0.25', 'tradeCount >= 30'],
    });
  });

  it('does not hold over an undefined metric', () => {
    expect(o.judge(row({ sharpe: 1, maxDrawdown: null, tradeCount: 40 })).violations).toEqual(['maxDrawdown < 0.25']);
  });

  it('names the constraint by index with the column of the problem', () => {
    const found = failure(() => createObjective(space, 'sharpe', ['fast < slow', 'maxDrawdwn < 0.2']));
    expect(found[0]).toMatchObject({ field: 'constraints[1]', value: 'maxDrawdwn < 0.2' });
    expect(found[0]!.message).toContain("constraints[1]: \"maxDrawdwn < 0.2\", column 1: unknown name 'maxDrawdwn'; did you mean 'maxDrawdown'");
    expect(failure(() => createObjective(space, 'sharpe', ['tradeCount']))[0]!.message).toContain('must be a condition');
  });

  it('separates the rules over parameters only, which can be checked before a run', () => {
    expect(parameterRules(['fast < slow', 'maxDrawdown < 0.25', 'slow - fast >= 10 && tradeCount > 5', 'slow >= 2 * fast', '1 < 2', 'fast <'], ['fast', 'slow'])).toEqual([
      'fast < slow', 'slow >= 2 * fast',
    ]);
  });
});

describe('ranking', () => {
  const scored = (seq: number, fitness: number, feasible = true, violations: string[] = []): ScoredSet => ({
    params: {}, metrics: {}, key: String(seq), seq, objective: Number.isFinite(fitness) ? fitness : null, fitness, feasible, violations,
  });

  it('puts feasible sets first, fewer violations next, then higher fitness, undefined last, ties to the earlier set', () => {
    const sets = [
      scored(0, 5, false, ['a', 'b']), scored(1, -Infinity), scored(2, 1), scored(3, 3), scored(4, 9, false, ['a']), scored(5, 3), scored(6, -Infinity, false, ['a']),
    ];
    expect([...sets].sort(compareScored).map((s) => s.seq)).toEqual([3, 5, 2, 1, 4, 6, 0]);
  });
});

describe('metric rows', () => {
  it('flatten a backtest\'s metrics: every metric name, the drawdown depth, netProfit', () => {
    const n = 300;
    const close = Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 15) + i * 0.05);
    const bars = { time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000), open: close, high: close, low: close, close, volume: new Float64Array(n).fill(1) };
    const result = runBacktest({ bars, timeframe: '1d' as Timeframe, calendar: 'stock', strategy: smaCross, params: { fast: 5, slow: 20 }, settings: { initialCash: 10_000 } });
    const flat = metricsRow(result.metrics, 10_000);
    expect(Object.keys(flat).sort()).toEqual([...METRIC_NAMES].sort());
    expect(flat.maxDrawdown).toBe(result.metrics.maxDrawdown.depth);
    expect(flat.maxDrawdownDurationBars).toBe(result.metrics.maxDrawdown.durationBars);
    expect(flat.netProfit).toBeCloseTo(result.finalEquity - 10_000, 9);
    expect(flat.sharpe).toBe(result.metrics.sharpe);
    expect(flat.tradeCount).toBe(result.metrics.tradeCount);
    expect(flat.tradeCount).toBeGreaterThan(0);
  });
});
