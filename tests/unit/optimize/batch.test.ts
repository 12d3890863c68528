import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileStrategy } from '../../../src-main/backtest/strategy-compiler.ts';
import type { BacktestSettingsInput } from '../../../src-shared/domain/backtest.ts';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { runBacktest, type BacktestResult } from '../../../src-workers/backtest/run.ts';
import { SCALAR_METRICS, type ScalarMetrics } from '../../../src-workers/backtest/metrics/summary.ts';
import { IndicatorCache } from '../../../src-workers/backtest/setup-context.ts';
import { getStrategy } from '../../../src-workers/backtest/strategies/index.ts';
import { defineStrategy, type StrategyDefinition } from '../../../src-workers/backtest/strategy.ts';
import { getIndicator } from '../../../src-workers/indicators/catalogue/index.ts';
import { evaluateBatch, type BatchRow } from '../../../src-workers/optimize/batch.ts';
import { METRIC_NAMES } from '../../../src-workers/optimize/metric-names.ts';
import { tasks } from '../../../src-workers/tasks.ts';
import { sharedDataDir } from '../../support/shared-data.ts';
import { loadDaily } from '../indicators/kernels/fixtures.ts';

if (!sharedDataDir) console.warn('notice: ../shared/data is absent; the ORCL batch-versus-runBacktest tests are skipped');

const daily = (): BarColumns => {
  const b = loadDaily('orcl-1995-2014.csv');
  return { time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
};
const TF = '1d' as Timeframe;
const SETTINGS: BacktestSettingsInput = { initialCash: 100_000, commission: { kind: 'percent', rate: 0.001 }, sizing: { kind: 'percent', percent: 100 } };

/** runBacktest's metrics as a batch row carries them: the scalars, the max drawdown flattened. */
function scalarsOf(result: BacktestResult): ScalarMetrics {
  const m = result.metrics as unknown as Record<string, number | null>;
  const row = {} as ScalarMetrics;
  for (const name of SCALAR_METRICS) row[name] = m[name] ?? null;
  row.maxDrawdown = result.metrics.maxDrawdown.depth;
  row.maxDrawdownDurationBars = result.metrics.maxDrawdown.durationBars;
  row.maxDrawdownDurationMs = result.metrics.maxDrawdown.durationMs;
  return row;
}

/** The names whose values differ (not the same double, or null against a number). */
function differences(a: ScalarMetrics, b: ScalarMetrics): string[] {
  return SCALAR_METRICS.filter((name) => !Object.is(a[name], b[name])).map((name) => `${name}: ${a[name]} vs ${b[name]}`);
}

function expectRowsEqualRunBacktest(bars: BarColumns, strategy: StrategyDefinition, sets: Record<string, unknown>[], settings: BacktestSettingsInput): BatchRow[] {
  const rows = evaluateBatch({ bars, timeframe: TF, calendar: 'stock', strategy, settings, paramSets: sets });
  expect(rows).toHaveLength(sets.length);
  rows.forEach((row, k) => {
    const single = runBacktest({ bars, timeframe: TF, calendar: 'stock', strategy, params: sets[k], settings });
    expect(row.error).toBeUndefined();
    expect(row.params).toEqual(single.params);
    expect({ set: sets[k], differences: differences(row.metrics!, scalarsOf(single)) }).toEqual({ set: sets[k], differences: [] });
    // Not vacuous: every set traded.
    expect(single.trades.length).toBeGreaterThan(2);
  });
  return rows;
}

/** Long on a cross up with a bracket (stop-loss and take-profit a percent away), short on a cross down. */
const bracketed = defineStrategy({
  id: 'test-bracket', name: 'Bracket test', description: '', version: '1',
  params: [
    { name: 'period', label: 'SMA', type: 'int', default: 20, min: 2, max: 400 },
    { name: 'band', label: 'Band %', type: 'float', default: 5, min: 0.5, max: 50, step: 0.5 },
  ],
  setup(ctx, p) {
    const sma = ctx.indicator('sma', { period: p.period! });
    const close = ctx.bars.close;
    const band = Number(p.band) / 100;
    return {
      onBar(i, t) {
        const s = sma[i]!;
        if (s !== s || i === 0) return;
        const c = close[i]!;
        if (t.position === 0 && close[i - 1]! <= sma[i - 1]! && c > s) t.buy({ stopLoss: c * (1 - band), takeProfit: c * (1 + band) });
        else if (t.position === 0 && close[i - 1]! >= sma[i - 1]! && c < s) t.sell({ qty: 100, type: 'limit', limit: c * 1.002, tif: 'DAY' });
        else if (t.position < 0 && c > s) t.close();
      },
    };
  },
});

describe.skipIf(!sharedDataDir)('evaluateBatch on ORCL daily: every row equals runBacktest for its set', () => {
  const bars = sharedDataDir ? daily() : null!;

  it('sma-cross over a grid, to the bit', () => {
    const sets: Record<string, unknown>[] = [];
    for (const slow of [20, 30, 50, 100, 200]) for (const fast of [5, 10, 20, 45]) if (fast < slow) sets.push({ fast, slow });
    expectRowsEqualRunBacktest(bars, getStrategy('sma-cross'), sets, SETTINGS);
  });

  it('with costs, slippage and sizing models that precompute columns (ATR), and rounding', () => {
    const settings: BacktestSettingsInput = {
      initialCash: 25_000, commission: { kind: 'per-share', perShare: 0.005, minPerOrder: 1, maxFractionOfValue: 0.01 },
      slippage: { kind: 'atr', fraction: 0.1, period: 10 }, sizing: { kind: 'atr', percent: 1, multiple: 2, period: 20 }, tickSize: 0.01,
    };
    expectRowsEqualRunBacktest(bars, getStrategy('sma-cross'), [{ fast: 10, slow: 30 }, { fast: 20, slow: 100 }, { fast: 10, slow: 30 }], settings);
  });

  it('stop, DAY and trailing-stop orders (atr-breakout), multi-output indicators (bollinger)', () => {
    expectRowsEqualRunBacktest(bars, getStrategy('atr-breakout'), [{ period: 14, multiple: 1.5 }, { period: 5, multiple: 3 }, { period: 14, multiple: 0.5 }], SETTINGS);
    expectRowsEqualRunBacktest(bars, getStrategy('bollinger-reversion'), [{ period: 20, k: 2 }, { period: 20, k: 1 }, { period: 50, k: 2.5 }], SETTINGS);
  });

  it('shorts, reversals and short financing (mtf-trend on weekly bars), brackets and limits', () => {
    const settings: BacktestSettingsInput = { ...SETTINGS, shortFinancingRate: 0.05, sizing: { kind: 'percent', percent: 50 } };
    expectRowsEqualRunBacktest(bars, getStrategy('mtf-trend'), [
      { htf: '1w', trend: 10, fast: 10, slow: 30, allowShort: 'yes' },
      { htf: '1M', trend: 6, fast: 5, slow: 50, allowShort: 'yes' },
      { htf: '1w', trend: 20, fast: 20, slow: 60, allowShort: 'no' },
    ], settings);
    const rows = expectRowsEqualRunBacktest(bars, bracketed, [{ period: 20, band: 5 }, { period: 50, band: 2 }, { period: 20, band: 10 }], settings);
    const single = runBacktest({ bars, timeframe: TF, calendar: 'stock', strategy: bracketed, params: rows[0]!.params, settings });
    const tags = new Set(single.orders.filter((o) => o.status === 'filled').map((o) => o.tag));
    expect([...tags].sort()).toEqual(['', 'close', 'stop-loss', 'take-profit']);
    expect(single.trades.some((t) => t.direction === 'short')).toBe(true);
  });

  it('carries the names the optimizer reads (its METRIC_NAMES but the derived netProfit)', () => {
    const [row] = evaluateBatch({ bars, timeframe: TF, calendar: 'stock', strategy: getStrategy('sma-cross'), settings: SETTINGS, paramSets: [{}] });
    expect(Object.keys(row!.metrics!).sort()).toEqual([...SCALAR_METRICS].sort());
    expect([...SCALAR_METRICS].sort()).toEqual(METRIC_NAMES.filter((n) => n !== 'netProfit').sort());
    expect(row!.metrics!.maxDrawdown).toBeLessThan(0);
  });
});

describe('evaluateBatch', () => {
  afterEach(() => vi.restoreAllMocks());
  const bars = (): BarColumns => {
    const n = 400;
    const close = Float64Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin(i / 9) + i * 0.02);
    return {
      time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000),
      open: close.map((c, i) => (i > 0 ? close[i - 1]! : c)), high: close.map((c) => c + 0.5), low: close.map((c) => c - 0.5), close,
      volume: new Float64Array(n).fill(1000),
    };
  };

  it('computes each SMA period once for the whole batch', () => {
    const sma = getIndicator('sma');
    const spy = vi.spyOn(sma, 'batch');
    const sets: Record<string, unknown>[] = [];
    for (const slow of [20, 30, 40]) for (const fast of [5, 10, 20]) if (fast < slow) sets.push({ fast, slow });
    const cache = new IndicatorCache(bars(), TF);
    const rows = evaluateBatch({ bars: cache.bars, timeframe: TF, calendar: 'crypto', strategy: getStrategy('sma-cross'), settings: SETTINGS, paramSets: sets, cache });
    expect(rows.every((r) => r.metrics !== null)).toBe(true);
    const periods = spy.mock.calls.map(([, params]) => params.period);
    expect(periods.sort((a, b) => Number(a) - Number(b))).toEqual([5, 10, 20, 30, 40]);
    expect(cache.computed).toBe(5);
  });

  it('turns a set that cannot run into an error row and runs the others', () => {
    const rows = evaluateBatch({
      bars: bars(), timeframe: TF, calendar: 'crypto', strategy: getStrategy('sma-cross'), settings: SETTINGS,
      paramSets: [{ fast: 10, slow: 30 }, { fast: 30, slow: 10 }, { fast: 5, slow: 20, extra: 1 }, { fast: 5, slow: 20 }],
    });
    expect(rows.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'ok']);
    expect(rows[1]).toMatchObject({ params: { fast: 30, slow: 10 }, metrics: null });
    expect(rows[1]!.error!.message).toContain('fast (30) must be less than slow (10)');
  });

  it('fails the whole batch for what no set can run with', () => {
    const run = (settings: BacktestSettingsInput, b = bars()) =>
      evaluateBatch({ bars: b, timeframe: TF, calendar: 'crypto', strategy: getStrategy('sma-cross'), settings, paramSets: [{}] });
    expect(() => run({ initialCash: -5 })).toThrow();
    const empty = bars();
    for (const k of Object.keys(empty) as (keyof BarColumns)[]) empty[k] = new Float64Array(0);
    expect(() => run(SETTINGS, empty)).toThrow(/no bars/);
  });

  it('stops between sets when asked and reports progress per set', () => {
    const progress: number[] = [];
    const rows = evaluateBatch({
      bars: bars(), timeframe: TF, calendar: 'crypto', strategy: getStrategy('sma-cross'), settings: SETTINGS,
      paramSets: [{ fast: 5, slow: 20 }, { fast: 10, slow: 20 }, { fast: 5, slow: 30 }],
      onProgress: (done) => progress.push(done), shouldStop: () => progress.length >= 2,
    });
    expect(rows).toHaveLength(2);
    expect(progress).toEqual([1, 2]);
  });

  it('runs a user strategy, placing what its code throws in its file as an error row', async () => {
    const source = [
      "import { defineStrategy } from 'candlewick';",
      'export default defineStrategy({',
      "  id: 'u', name: 'U', version: '1', params: [{ name: 'n', label: 'N', type: 'int', default: 5, min: 1, max: 50 }],",
      '  setup(ctx, p) {',
      "    const sma = ctx.indicator('sma', { period: p.n });",
      "    if (p.n === 7) throw new Error('seven is unlucky');",
      '    return { onBar(i, t) { if (t.position === 0 && ctx.bars.close[i] > sma[i]) t.buy(); else if (t.position > 0 && ctx.bars.close[i] < sma[i]) t.close(); } };',
      '  },',
      '});',
    ].join('\n');
    const out = await compileStrategy('strategies/u.ts', source);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const b = bars();
    const payload = { bars: b, timeframe: TF, calendar: 'crypto' as const, strategyId: 'u', userStrategy: out.compiled, settings: SETTINGS };
    const rows = tasks['optimize.batch']({ ...payload, paramSets: [{ n: 5 }, { n: 7 }, { n: 12 }] }, () => {});
    expect(rows[1]!.error).toMatchObject({ code: 'STRATEGY_FAILED' });
    expect(rows[1]!.error!.message).toMatch(/^strategies\/u\.ts:6:\d+: Error: seven is unlucky/);
    for (const k of [0, 2]) {
      const single = tasks['backtest.run']({ ...payload, params: rows[k]!.params }, () => {});
      expect(differences(rows[k]!.metrics!, scalarsOf(single))).toEqual([]);
    }
  });
});
