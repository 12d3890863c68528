import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../src-shared/domain/backtest.ts';
import { computeMetrics } from '../../../src-workers/backtest/metrics/index.ts';
import { MetricsSummary, SCALAR_METRICS, type ScalarMetrics } from '../../../src-workers/backtest/metrics/summary.ts';

// The optimizer's summary against the full metrics: the same doubles (Object.is), for equity curves
// built to hit the corners — long flat stretches, new peaks, unrecovered drawdowns, ruin (equity at
// or below 0), one or two bars, constant returns, NaN — and many runs through one summary (its VaR
// threshold carries over from run to run).

const DAY = 86_400_000;
const CASH = 10_000;

interface Curve {
  equity: Float64Array;
  inMarket: Uint8Array;
}

/** A step of a curve: stay (flat), move by a return, or jump to a value (0, negative, NaN …). */
const step = fc.oneof(
  { weight: 5, arbitrary: fc.constant<['stay']>(['stay']) },
  { weight: 6, arbitrary: fc.double({ min: -0.2, max: 0.2, noNaN: true }).map((r): ['move', number] => ['move', r]) },
  { weight: 1, arbitrary: fc.constantFrom(0, -500, 1e-300, CASH, NaN).map((v): ['set', number] => ['set', v]) },
);

function build(steps: (['stay'] | ['move', number] | ['set', number])[]): Curve {
  const n = steps.length;
  const equity = new Float64Array(n);
  const inMarket = new Uint8Array(n);
  let e = CASH;
  steps.forEach((s, i) => {
    if (s[0] === 'move') e *= 1 + s[1];
    else if (s[0] === 'set') e = s[1];
    equity[i] = e;
    inMarket[i] = s[0] === 'stay' ? 0 : 1;
  });
  return { equity, inMarket };
}

const trades: Trade[] = [
  { id: 1, direction: 'long', qty: 10, entryIndex: 0, entryTime: 0, entryPrice: 10, exitIndex: 1, exitTime: DAY, exitPrice: 11, pnl: 9.5, returnPct: 0.095, commission: 0.5, mae: 0, mfe: 1, barsHeld: 1, open: false },
  { id: 2, direction: 'short', qty: 10, entryIndex: 1, entryTime: DAY, entryPrice: 11, exitIndex: 2, exitTime: 2 * DAY, exitPrice: 12, pnl: -10.5, returnPct: -0.095, commission: 0.5, mae: 1, mfe: 0, barsHeld: 1, open: true },
];

function expected(curve: Curve, time: Float64Array, benchmark: Float64Array, ppy: number, rf: number): ScalarMetrics {
  const m = computeMetrics({ time, equity: curve.equity, benchmark, inMarket: curve.inMarket, trades, initialCash: CASH, periodsPerYear: ppy, tradedValue: 1234.5, riskFreeRate: rf });
  const flat = m as unknown as Record<string, number | null>;
  const row = {} as ScalarMetrics;
  for (const name of SCALAR_METRICS) row[name] = flat[name] ?? null;
  row.maxDrawdown = m.maxDrawdown.depth;
  row.maxDrawdownDurationBars = m.maxDrawdown.durationBars;
  row.maxDrawdownDurationMs = m.maxDrawdown.durationMs;
  return row;
}

function differences(a: ScalarMetrics, b: ScalarMetrics): string[] {
  return SCALAR_METRICS.filter((name) => !Object.is(a[name], b[name])).map((name) => `${name}: ${a[name]} vs ${b[name]}`);
}

function check(curves: Curve[], n: number, benchmarkSteps: number[], ppy = 252, rf = 0): void {
  const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2001, 0, 1) + i * DAY * (1 + (i % 3)));
  const benchmark = Float64Array.from({ length: n }, (_, i) => CASH * (1 + benchmarkSteps[i % benchmarkSteps.length]!));
  const summary = new MetricsSummary(time, benchmark, CASH, ppy, rf);
  for (const curve of curves) {
    const got = summary.compute({ ...curve, trades, tradedValue: 1234.5 });
    expect(differences(got, expected(curve, time, benchmark, ppy, rf))).toEqual([]);
  }
}

describe('MetricsSummary equals computeMetrics to the bit', () => {
  it('on random curves, many runs through one summary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(step, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }),
            fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 7 }),
            fc.constantFrom(0, 0.03),
          ),
        ),
        ([n, curves, bench, rf]) => check(curves.map(build), n, bench, 252, rf),
      ),
      { numRuns: 300 },
    );
  });

  it('on a long curve mostly flat, then mostly moving (the VaR threshold adapts both ways)', () => {
    const n = 5000;
    const curve = (moving: number, seed: number): Curve => {
      const steps: (['stay'] | ['move', number])[] = [];
      let x = seed;
      for (let i = 0; i < n; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        steps.push(x / 2147483648 < moving ? ['move', (x % 2001) / 50_000 - 0.02] : ['stay']);
      }
      return build(steps);
    };
    check([curve(0.9, 1), curve(0.05, 2), curve(0.9, 3), curve(0.01, 4), curve(0.5, 5), curve(0, 6)], n, [0.01, -0.02, 0.03]);
  });

  it('on edge cases: one bar, two bars, constant returns, a benchmark without spread, ruin', () => {
    check([build([['move', 0.1]]), build([['stay']])], 1, [0]);
    check([build([['move', 0.1], ['move', -0.1]]), build([['stay'], ['stay']])], 2, [0.1, 0.2]);
    check([build(Array.from({ length: 50 }, (): ['move', number] => ['move', 0.01]))], 50, [0]);
    check([build([['move', -0.5], ['set', 0], ['set', -500], ['move', 0.1], ['set', CASH]])], 5, [0.2, -0.1]);
  });
});
