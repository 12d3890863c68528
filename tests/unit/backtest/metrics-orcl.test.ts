import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetricsSchema } from '../../../src-shared/domain/metrics.ts';
import { computeMetrics } from '../../../src-workers/backtest/metrics/index.ts';
import { sharedDataDir, sharedDataFile } from '../../support/shared-data.ts';

/**
 * Buy and hold of ORCL's daily closes 1995–2014, bought at the first close: the metrics checked
 * against values computed here by plain arithmetic — a last/first ratio, the calendar span, and an
 * O(n²) scan over every (peak, later bar) pair for the drawdown.
 */
describe.skipIf(!sharedDataDir)('computeMetrics on ORCL daily buy and hold', () => {
  const rows = readFileSync(sharedDataFile('orcl-1995-2014.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const time = Float64Array.from(rows, (r) => Date.parse(`${r[0]}T00:00:00Z`));
  const close = Float64Array.from(rows, (r) => Number(r[4]));
  const n = close.length;
  const cash = 10_000;
  const equity = Float64Array.from(close, (c) => (cash * c) / close[0]!);
  const m = computeMetrics({
    time, equity, benchmark: equity, inMarket: new Uint8Array(n).fill(1), trades: [],
    initialCash: cash, periodsPerYear: 252, tradedValue: cash,
  });

  it('reads the whole file', () => {
    expect(n).toBe(5036);
    expect(rows[0]![0]).toBe('1995-01-03');
    expect(rows[n - 1]![0]).toBe('2014-12-31');
  });

  it('total return is last close / first close − 1', () => {
    expect(m.totalReturn).toBeCloseTo(close[n - 1]! / close[0]! - 1, 12);
  });

  it('CAGR runs from 1995-01-03 to 2014-12-31 in years of 365.25 days', () => {
    const years = (Date.UTC(2014, 11, 31) - Date.UTC(1995, 0, 3)) / (365.25 * 86_400_000); // 7302 days
    expect(years).toBeCloseTo(7302 / 365.25, 12);
    expect(m.cagr).toBeCloseTo((close[n - 1]! / close[0]!) ** (1 / years) - 1, 12);
  });

  it('max drawdown equals the deepest fall found by checking every pair of bars', () => {
    let depth = 0;
    let peak = -1;
    let trough = -1;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dd = close[j]! / close[i]! - 1;
        if (dd < depth) {
          depth = dd;
          peak = i;
          trough = j;
        }
      }
    }
    let recovery = -1;
    for (let k = trough + 1; k < n && recovery < 0; k++) if (close[k]! >= close[peak]!) recovery = k;
    // The dot-com crash: ORCL's peak in 2000, trough in 2002, not regained by the end of 2014.
    expect(rows[peak]![0]!.slice(0, 4)).toBe('2000');
    expect(rows[trough]![0]!.slice(0, 4)).toBe('2002');
    expect(recovery).toBe(-1);
    expect(m.maxDrawdown.depth).toBeCloseTo(depth, 12);
    expect(m.maxDrawdown.startTime).toBe(time[peak]);
    expect(m.maxDrawdown.troughTime).toBe(time[trough]);
    expect(m.maxDrawdown.recoveryIndex).toBeNull();
    expect(m.maxDrawdown.durationBars).toBe(n - 1 - peak);
    expect(m.calmar).toBeCloseTo(m.cagr! / -depth, 12);
  });

  it('Sharpe, volatility, exposure and beta by plain formulas', () => {
    const r: number[] = [];
    for (let i = 0; i < n; i++) r.push(i === 0 ? 0 : close[i]! / close[i - 1]! - 1);
    const avg = r.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - avg) ** 2, 0) / (n - 1));
    expect(m.annualVolatility).toBeCloseTo(sd * Math.sqrt(252), 10);
    expect(m.sharpe).toBeCloseTo((avg / sd) * Math.sqrt(252), 10);
    expect(m.exposure).toBe(1);
    expect(m.beta).toBeCloseTo(1, 12);
    expect(m.alpha).toBeCloseTo(0, 12);
    expect(m.benchmarkReturn).toBeCloseTo(m.totalReturn!, 14);
  });

  it('chains the yearly table to the total return', () => {
    expect(m.yearlyReturns.map((y) => y.year)).toEqual(Array.from({ length: 20 }, (_, i) => 1995 + i));
    expect(m.monthlyReturns).toHaveLength(240);
    const compounded = m.yearlyReturns.reduce((acc, y) => acc * (1 + y.return!), 1) - 1;
    expect(compounded).toBeCloseTo(close[n - 1]! / close[0]! - 1, 9);
    // 1995: the last close of 1995 over the first close (bought at 1995-01-03).
    const last1995 = rows.findLastIndex((r) => r[0]!.startsWith('1995'));
    expect(m.yearlyReturns[0]!.return).toBeCloseTo(close[last1995]! / close[0]! - 1, 12);
  });

  it('fits the schema', () => {
    expect(MetricsSchema.parse(m)).toEqual(m);
  });
});
