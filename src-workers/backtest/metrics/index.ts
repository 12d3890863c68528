import type { Trade } from '../../../src-shared/domain/backtest.ts';
import type { Metrics } from '../../../src-shared/domain/metrics.ts';
import { analyzeDrawdowns } from './drawdown.ts';
import { monthlyReturns, yearlyReturns } from './periods.ts';
import { finiteOrNull, mean, sampleSd, simpleReturns } from './returns.ts';
import { alphaBeta, sharpeRatio, sortinoRatio, tailRisk, type TailRisk } from './risk.ts';
import { tradeStats } from './trades.ts';

export { analyzeDrawdowns, drawdownCurve } from './drawdown.ts';
export { monthlyReturns, periodsPerYear, yearlyReturns } from './periods.ts';
export { simpleReturns } from './returns.ts';
export { quantileSorted, tailRisk } from './risk.ts';
export { analyzeTrades, tradeStats } from './trades.ts';

export interface MetricsInput {
  /** Bar open times, ms UTC, ascending. */
  time: Float64Array;
  /** Account equity at each bar's close. */
  equity: Float64Array;
  /** Buy-and-hold equity at each bar's close, from the same initial cash. */
  benchmark: Float64Array;
  /** 1 where a position was held at the bar's close. */
  inMarket: Uint8Array;
  /** The run's trades; the one still open at the end (`open: true`) is included in the trade statistics. */
  trades: readonly Trade[];
  initialCash: number;
  /** Annualization factor: bars per year (see periodsPerYear). */
  periodsPerYear: number;
  /** Σ |qty × price| over all fills. */
  tradedValue: number;
  /** Annual risk-free rate as a fraction; default 0. */
  riskFreeRate?: number;
}

const MS_PER_YEAR = 365.25 * 86_400_000;

/**
 * Every S5 metric of one run, as documented in docs/metrics.md. O(n) over the bars (VaR selects the
 * worst 5 % of the returns and sorts only those); it allocates three arrays of n doubles (the strategy's
 * and the benchmark's returns, and a copy for the selection) and nothing per bar.
 */
export function computeMetrics(input: MetricsInput): Metrics {
  const { time, equity, benchmark, inMarket, trades, initialCash, tradedValue } = input;
  const ppy = input.periodsPerYear;
  const rf = input.riskFreeRate ?? 0;
  const n = equity.length;
  if (time.length !== n || benchmark.length !== n || inMarket.length !== n) {
    throw new Error(`metrics need columns of one length: time ${time.length}, equity ${n}, benchmark ${benchmark.length}, inMarket ${inMarket.length}`);
  }
  if (!(initialCash > 0) || !(ppy > 0)) throw new Error(`metrics need initialCash > 0 and periodsPerYear > 0 (got ${initialCash}, ${ppy})`);

  const rfPerBar = rf / ppy;
  const returns = simpleReturns(equity, initialCash);
  const benchReturns = simpleReturns(benchmark, initialCash);
  const m = mean(returns);
  const sd = sampleSd(returns, m);

  const finalEquity = n > 0 ? equity[n - 1]! : initialCash;
  const totalReturn = n > 0 ? finalEquity / initialCash - 1 : null;
  const years = n > 0 ? (time[n - 1]! - time[0]!) / MS_PER_YEAR : 0;
  // A run that lost everything has grown at −100 % a year; a fractional power of a negative is undefined.
  const cagr = years > 0 ? (finalEquity > 0 ? finiteOrNull((finalEquity / initialCash) ** (1 / years) - 1) : -1) : null;

  const drawdowns = analyzeDrawdowns(equity, time);
  const depth = drawdowns.maxDrawdown.depth;
  const calmar = cagr !== null && depth !== null && depth < 0 ? finiteOrNull(cagr / -depth) : null;

  const [tail95, tail99] = tailRisk(returns, [0.05, 0.01]) as [TailRisk, TailRisk];

  let held = 0;
  let equitySum = 0;
  for (let i = 0; i < n; i++) {
    held += inMarket[i]!;
    equitySum += equity[i]!;
  }
  const meanEquity = n > 0 ? equitySum / n : NaN;
  const turnover = n > 0 && meanEquity > 0 ? tradedValue / meanEquity : null;

  return {
    bars: n,
    periodsPerYear: ppy,
    riskFreeRate: rf,
    finalEquity,
    totalReturn,
    benchmarkReturn: n > 0 ? benchmark[n - 1]! / initialCash - 1 : null,
    cagr,
    annualVolatility: n >= 2 ? finiteOrNull(sd * Math.sqrt(ppy)) : null,
    sharpe: sharpeRatio(returns, rfPerBar, ppy),
    sortino: sortinoRatio(returns, rfPerBar, ppy),
    calmar,
    maxDrawdown: drawdowns.maxDrawdown,
    averageDrawdown: drawdowns.averageDrawdown,
    drawdownCount: drawdowns.drawdownCount,
    var95: tail95.var,
    var99: tail99.var,
    cvar95: tail95.cvar,
    cvar99: tail99.cvar,
    exposure: n > 0 ? held / n : null,
    turnover,
    annualTurnover: turnover !== null ? (turnover * ppy) / n : null,
    ...alphaBeta(returns, benchReturns, rfPerBar, ppy),
    ...tradeStats(trades),
    monthlyReturns: monthlyReturns(time, equity, initialCash),
    yearlyReturns: yearlyReturns(time, equity, initialCash),
  };
}
