import type { Trade } from '../../../src-shared/domain/backtest.ts';
import type { TradeStats } from '../../../src-shared/domain/metrics.ts';
import { analyzeDrawdowns } from './drawdown.ts';
import { finiteOrNull, isZeroSpread, simpleReturns } from './returns.ts';
import { tailOf, TailQuantiles } from './summary-tail.ts';
import { tradeStats } from './trades.ts';

/**
 * The scalar metrics of a run, by name: every S5 metric of {@link computeMetrics} except the monthly
 * and yearly tables, with the max drawdown flattened to
 * - `maxDrawdown`: its depth, a fraction ≤ 0 (−0.25 = 25 % below the peak; 0 without a drawdown),
 * - `maxDrawdownDurationBars`: bars from its peak to its recovery (or to the last bar if unrecovered),
 * - `maxDrawdownDurationMs`: the same span in ms (time of that bar − time of the peak bar).
 * Null where computeMetrics gives null. This is what the optimizer stores for every evaluated set.
 */
export const SCALAR_METRICS = [
  'bars', 'periodsPerYear', 'riskFreeRate', 'finalEquity', 'totalReturn', 'benchmarkReturn', 'cagr',
  'annualVolatility', 'sharpe', 'sortino', 'calmar', 'maxDrawdown', 'maxDrawdownDurationBars',
  'maxDrawdownDurationMs', 'averageDrawdown', 'drawdownCount', 'var95', 'var99', 'cvar95', 'cvar99',
  'exposure', 'turnover', 'annualTurnover', 'alpha', 'beta', 'tradeCount', 'openTradeCount', 'winCount',
  'lossCount', 'winRate', 'grossProfit', 'grossLoss', 'profitFactor', 'expectancy', 'payoffRatio',
  'averageWin', 'averageLoss', 'largestWin', 'largestLoss', 'longestWinStreak', 'longestLossStreak',
] as const;
export type ScalarMetricName = (typeof SCALAR_METRICS)[number];
export type ScalarMetrics = Record<ScalarMetricName, number | null>;

/** What one run gives the summary: its equity and in-market columns (one entry per bar), trades and turnover. */
export interface RunOutcome {
  equity: Float64Array;
  inMarket: Uint8Array;
  trades: readonly Trade[];
  /** tradeStats(trades), when the caller tallied them (then `trades` may be empty: the engine's, unrecorded). */
  tradeStats?: TradeStats;
  tradedValue: number;
  /** Bars with inMarket = 1, when the caller counted them (else they are counted here). */
  barsHeld?: number;
}

const MS_PER_YEAR = 365.25 * 86_400_000;

/**
 * The scalar metrics of many runs over the same bars, each equal to {@link computeMetrics}'s value
 * (the same operations in the same order, so the same doubles: tested). Everything that does not
 * depend on the run — the benchmark's returns, their mean and spread — is computed once in the
 * constructor, with scratch arrays of one bar count reused by every run; a run then costs two passes
 * over its bars and allocates only its result:
 * 1. over the equity: the returns (into scratch), their sum, the equity sum, and the drawdown
 *    episodes; a bar whose equity did not move (flat, or a price unchanged) takes a short path with
 *    no division, and the rest of such a stretch a loop of its own;
 * 2. over the returns: the squared deviations (volatility, Sharpe), the downside deviations
 *    (Sortino), the covariance with the benchmark (alpha, beta), and the candidates for VaR and
 *    CVaR — the returns at or below a threshold, in bar order (summary-tail.ts).
 */
export class MetricsSummary {
  private readonly time: Float64Array;
  private readonly n: number;
  private readonly initialCash: number;
  private readonly ppy: number;
  private readonly rf: number;
  private readonly rfPerBar: number;
  private readonly returns: Float64Array;
  private readonly tail: TailQuantiles;
  private readonly benchmarkReturn: number | null;
  /** b − mean(b) per bar for the regression, Σ of its squares, mean(b); null: no regression. */
  private readonly benchDev: Float64Array | null;
  private readonly sxx: number;
  private readonly mb: number;

  constructor(time: Float64Array, benchmark: Float64Array, initialCash: number, periodsPerYear: number, riskFreeRate = 0) {
    const n = time.length;
    if (benchmark.length !== n) throw new Error(`summary needs columns of one length: time ${n}, benchmark ${benchmark.length}`);
    if (!(initialCash > 0) || !(periodsPerYear > 0)) throw new Error(`metrics need initialCash > 0 and periodsPerYear > 0 (got ${initialCash}, ${periodsPerYear})`);
    this.time = time;
    this.n = n;
    this.initialCash = initialCash;
    this.ppy = periodsPerYear;
    this.rf = riskFreeRate;
    this.rfPerBar = riskFreeRate / periodsPerYear;
    this.returns = new Float64Array(n);
    this.tail = new TailQuantiles(n);
    this.benchmarkReturn = n > 0 ? benchmark[n - 1]! / initialCash - 1 : null;
    // alphaBeta's benchmark half: the same mean and deviations it computes for every run.
    const b = simpleReturns(benchmark, initialCash);
    let s = 0;
    for (let i = 0; i < n; i++) s += b[i]!;
    this.mb = s / n;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const dx = b[i]! - this.mb;
      b[i] = dx;
      sxx += dx * dx;
    }
    this.sxx = sxx;
    this.benchDev = n >= 2 && !isZeroSpread(Math.sqrt(sxx / (n - 1)), this.mb) ? b : null;
  }

  /** The scalar metrics of one run (its columns must have the bar count the summary was made for). */
  compute(run: RunOutcome): ScalarMetrics {
    const { equity, inMarket } = run;
    const n = this.n;
    if (equity.length !== n || inMarket.length !== n) throw new Error(`summary of ${n} bars given equity ${equity.length}, inMarket ${inMarket.length}`);
    if (n === 0) return this.empty(run);
    const time = this.time;
    const returns = this.returns;
    const initialCash = this.initialCash;

    // ── Pass 1: returns, sums, drawdowns ──
    // Bar 0: its return from the initial cash; it is the first peak.
    let prev = equity[0]!;
    let sumR = prev / initialCash - 1;
    returns[0] = sumR;
    let equitySum = prev;
    // Drawdown episodes as analyzeDrawdowns walks them (peak at bar 0, steps from bar 1). Within an
    // episode the peak is fixed, so its deepest point is its lowest equity: the depth e / peak − 1 is
    // taken once, at that equity, when the episode ends (the same double as the least of the bars').
    let peak = prev;
    let peakIndex = 0;
    let inEpisode = false;
    let trough = 0;
    let ddCount = 0;
    let depthSum = 0;
    let bestDepth = 0;
    let bestStart = -1;
    let bestRecovery = -1;
    for (let i = 1; i < n; i++) {
      const e = equity[i]!;
      equitySum += e;
      if (e === prev && e !== Infinity) {
        // Unchanged equity: a return of exactly 0 (adding it changes no sum), and the drawdown
        // state stays — below the peak the trough stays, at the peak only the peak's bar moves.
        // Such bars come in stretches (every bar out of the market): the rest of the stretch in a
        // loop that does only that, the equity still summed bar by bar (the same additions).
        returns[i] = 0;
        while (i + 1 < n && equity[i + 1] === e) {
          equitySum += e;
          returns[++i] = 0;
        }
        if (e >= peak) peakIndex = i;
        continue;
      }
      const r = prev > 0 ? e / prev - 1 : 0;
      prev = e;
      returns[i] = r;
      sumR += r;
      if (e >= peak) {
        if (inEpisode) {
          const depth = trough / peak - 1;
          ddCount++;
          depthSum += depth;
          if (depth < bestDepth) {
            bestDepth = depth;
            bestStart = peakIndex;
            bestRecovery = i;
          }
          inEpisode = false;
        }
        peak = e;
        peakIndex = i;
      } else if (peak > 0) {
        if (!inEpisode) {
          inEpisode = true;
          trough = e;
        } else if (e < trough) trough = e;
      }
    }
    // The step past the end: an episode still open closes unrecovered.
    if (inEpisode) {
      const depth = trough / peak - 1;
      ddCount++;
      depthSum += depth;
      if (depth < bestDepth) {
        bestDepth = depth;
        bestStart = peakIndex;
        bestRecovery = -1;
      }
    }
    let held = run.barsHeld ?? -1;
    if (held < 0) {
      held = 0;
      for (let i = 0; i < n; i++) held += inMarket[i]!;
    }
    let maxDrawdown = 0;
    let durationBars = 0;
    let durationMs = 0;
    let averageDrawdown = 0;
    if (ddCount > 0) {
      const end = bestRecovery >= 0 ? bestRecovery : n - 1;
      maxDrawdown = bestDepth;
      durationBars = end - bestStart;
      durationMs = time[end]! - time[bestStart]!;
      averageDrawdown = depthSum / ddCount;
    }

    // ── Pass 2: deviations, regression, VaR candidates ──
    const m = sumR / n;
    const rfPerBar = this.rfPerBar;
    const dev = this.benchDev;
    const candidates = this.tail.candidates;
    const threshold = this.tail.threshold;
    let ss = 0;
    let downSs = 0;
    let sxy = 0;
    let c = 0;
    if (dev !== null) {
      for (let i = 0; i < n; i++) {
        const r = returns[i]!;
        const d = r - m;
        ss += d * d;
        const down = downside(r - rfPerBar);
        downSs += down * down;
        sxy += dev[i]! * d;
        if (r <= threshold) candidates[c++] = r;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const r = returns[i]!;
        const d = r - m;
        ss += d * d;
        const down = downside(r - rfPerBar);
        downSs += down * down;
        if (r <= threshold) candidates[c++] = r;
      }
    }
    // A NaN return makes the sum NaN; then the general routine decides, as in computeMetrics.
    const tail = sumR !== sumR ? tailOf(returns) : this.tail.compute(returns, c);

    const ppy = this.ppy;
    const sqrtPpy = Math.sqrt(ppy);
    const sd = n >= 2 ? Math.sqrt(ss / (n - 1)) : NaN;
    const sharpe = n < 2 || isZeroSpread(sd, m) ? null : finiteOrNull(((m - rfPerBar) / sd) * sqrtPpy);
    const dd = Math.sqrt(downSs / n);
    const sortino = n < 2 || !(dd > 0) ? null : finiteOrNull(((m - rfPerBar) / dd) * sqrtPpy);
    let alpha: number | null = null;
    let beta: number | null = null;
    if (dev !== null) {
      const b = sxy / this.sxx;
      alpha = finiteOrNull((m - rfPerBar - b * (this.mb - rfPerBar)) * ppy);
      beta = finiteOrNull(b);
    }

    const finalEquity = equity[n - 1]!;
    const years = (time[n - 1]! - time[0]!) / MS_PER_YEAR;
    const cagr = years > 0 ? (finalEquity > 0 ? finiteOrNull((finalEquity / initialCash) ** (1 / years) - 1) : -1) : null;
    const calmar = cagr !== null && maxDrawdown < 0 ? finiteOrNull(cagr / -maxDrawdown) : null;
    const meanEquity = equitySum / n;
    const turnover = meanEquity > 0 ? run.tradedValue / meanEquity : null;
    const t = run.tradeStats ?? tradeStats(run.trades);
    return {
      bars: n,
      periodsPerYear: ppy,
      riskFreeRate: this.rf,
      finalEquity,
      totalReturn: finalEquity / initialCash - 1,
      benchmarkReturn: this.benchmarkReturn,
      cagr,
      annualVolatility: n >= 2 ? finiteOrNull(sd * sqrtPpy) : null,
      sharpe,
      sortino,
      calmar,
      maxDrawdown,
      maxDrawdownDurationBars: durationBars,
      maxDrawdownDurationMs: durationMs,
      averageDrawdown,
      drawdownCount: ddCount,
      var95: tail.var95,
      var99: tail.var99,
      cvar95: tail.cvar95,
      cvar99: tail.cvar99,
      exposure: held / n,
      turnover,
      annualTurnover: turnover !== null ? (turnover * ppy) / n : null,
      alpha,
      beta,
      tradeCount: t.tradeCount,
      openTradeCount: t.openTradeCount,
      winCount: t.winCount,
      lossCount: t.lossCount,
      winRate: t.winRate,
      grossProfit: t.grossProfit,
      grossLoss: t.grossLoss,
      profitFactor: t.profitFactor,
      expectancy: t.expectancy,
      payoffRatio: t.payoffRatio,
      averageWin: t.averageWin,
      averageLoss: t.averageLoss,
      largestWin: t.largestWin,
      largestLoss: t.largestLoss,
      longestWinStreak: t.longestWinStreak,
      longestLossStreak: t.longestLossStreak,
    };
  }

  /** No bars: what computeMetrics gives for an empty run. */
  private empty(run: RunOutcome): ScalarMetrics {
    const d = analyzeDrawdowns(new Float64Array(0), this.time);
    const t = run.tradeStats ?? tradeStats(run.trades);
    return {
      bars: 0, periodsPerYear: this.ppy, riskFreeRate: this.rf, finalEquity: this.initialCash, totalReturn: null, benchmarkReturn: null,
      cagr: null, annualVolatility: null, sharpe: null, sortino: null, calmar: null, maxDrawdown: d.maxDrawdown.depth,
      maxDrawdownDurationBars: d.maxDrawdown.durationBars, maxDrawdownDurationMs: d.maxDrawdown.durationMs, averageDrawdown: d.averageDrawdown,
      drawdownCount: 0, var95: null, var99: null, cvar95: null, cvar99: null, exposure: null, turnover: null, annualTurnover: null,
      alpha: null, beta: null, ...t,
    };
  }
}

/**
 * min(0, x) without a branch (the sign of a return is a coin toss the processor kept mispredicting):
 * x − |x| is 2x or 0 exactly, halved exactly, so it is min(0, x) to the bit, NaN and −0 included —
 * short of |x| > 8.9e307, where 2x would overflow, which no return reaches.
 */
function downside(x: number): number {
  return (x - Math.abs(x)) * 0.5;
}
