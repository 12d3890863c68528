import type { Timeframe } from '../src-shared/domain/timeframe.ts';
import { generateBars } from '../src-workers/bars/demo-data.ts';
import { runBacktest, simulate, type BacktestRequest } from '../src-workers/backtest/run.ts';
import { smaCross } from '../src-workers/backtest/strategies/sma-cross.ts';
import { medianMs, type BenchResult } from './measure.ts';

/**
 * sma-cross over 1,000,000 generated 1-minute bars on one core: both SMAs computed, every bar through
 * the engine, commission on every fill, percent-of-equity sizing (the simulation; the metrics of that
 * run are timed on their own beside it). And the whole-run overhead of a 5,000-bar daily backtest,
 * metrics included. (backtrader runs the same strategy at ~16,500 bars/s on this machine: LIBRARIES.md.)
 */
export function benchBacktest(): BenchResult[] {
  const big = generateBars({
    seed: 7, start: Date.UTC(2020, 0, 1), count: 1_000_000, timeframe: '1m' as Timeframe,
    startPrice: 100, annualVolatility: 0.3, annualDrift: 0.05, session: 'always',
  });
  const daily = generateBars({
    seed: 8, start: Date.UTC(2000, 0, 3), count: 5_000, timeframe: '1d' as Timeframe,
    startPrice: 50, annualVolatility: 0.3, annualDrift: 0.05, session: 'always',
  });
  const request = (bars: typeof big, timeframe: string): BacktestRequest => ({
    bars, timeframe: timeframe as Timeframe, calendar: 'crypto', strategy: smaCross, params: { fast: 10, slow: 30 },
    settings: { initialCash: 100_000, commission: { kind: 'percent', rate: 0.001 }, sizing: { kind: 'percent', percent: 100 } },
  });
  let fills = 0;
  const simMs = medianMs(9, () => {
    fills = simulate(request(big, '1m')).engine.fills.length;
  });
  const fullMs = medianMs(5, () => runBacktest(request(big, '1m')));
  const smallMs = medianMs(201, () => runBacktest(request(daily, '1d')));
  const rate = 1_000_000 / (simMs / 1000);
  console.log(
    `\nbacktest sma-cross(10,30), 1M 1m bars: simulation ${simMs.toFixed(1)} ms (${fills.toLocaleString('en-US')} fills), ` +
      `with metrics ${fullMs.toFixed(1)} ms; 5,000 daily bars, whole run: ${smallMs.toFixed(3)} ms`,
  );
  return [
    { name: 'backtest sma-cross 1M bars (one core)', value: rate, unit: 'bars/s', target: '≥ 10,000,000', pass: rate >= 10_000_000, runs: 9 },
    { name: 'backtest sma-cross 1M bars + metrics', value: 1_000_000 / (fullMs / 1000), unit: 'bars/s', runs: 5 },
    { name: 'backtest sma-cross 5,000 daily bars, run', value: smallMs, unit: 'ms', target: '≤ 1', pass: smallMs <= 1, runs: 201 },
  ];
}
