import type { z } from 'zod';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Metrics } from '../../../src-shared/domain/metrics.ts';
import {
  PortfolioConfigSchema, PortfolioSettingsSchema, type PortfolioConfig, type PortfolioConfigInput, type PortfolioFill,
  type PortfolioRejection, type PortfolioSettings, type PortfolioSettingsInput, type PortfolioTrade, type RebalanceRecord,
} from '../../../src-shared/domain/portfolio.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { computeMetrics, drawdownCurve, periodsPerYear } from '../metrics/index.ts';
import { alignBars, type Timeline } from './align.ts';
import { buyAndHoldWeights } from './benchmark.ts';
import type { PortfolioBook } from './book.ts';
import { simulatePortfolio } from './engine.ts';

/** The portfolio engine's version, saved with a run: a change of alignment, order or cost semantics bumps it. */
export const PORTFOLIO_ENGINE_VERSION = '1.0.0';

export interface PortfolioInstrument {
  symbol: string;
  bars: BarColumns;
}

/** A portfolio backtest as data (what a worker task receives). */
export interface PortfolioPayload {
  instruments: PortfolioInstrument[];
  timeframe: Timeframe;
  /** Calendar for annualization when settings.periodsPerYear is not given. */
  calendar: 'stock' | 'crypto';
  config: PortfolioConfigInput;
  settings?: PortfolioSettingsInput;
}

export interface PortfolioRequest extends PortfolioPayload {
  shouldStop?: () => boolean;
  onProgress?: (barsDone: number, total: number) => void;
}

export interface PortfolioPosition {
  symbol: string;
  qty: number;
  /** Last close at or before the run's last bar (NaN if the instrument never had a bar). */
  price: number;
  value: number;
  /** value / final equity. */
  weight: number;
}

export interface PortfolioResult {
  symbols: string[];
  config: PortfolioConfig;
  settings: PortfolioSettings;
  engineVersion: string;
  /** The common timeline (union of the instruments' bar times) and, per bar, the account at the close. */
  time: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  cash: Float64Array;
  /** Weight of each instrument at each close, time-major: weights[t × symbols.length + k]. */
  weights: Float64Array;
  fills: PortfolioFill[];
  /** Round trips per instrument (rebalancing sells close part of a position); open ones valued at the last close. */
  trades: PortfolioTrade[];
  rejections: PortfolioRejection[];
  /** Every decision, including those the drift threshold skipped (`skipped: true`). */
  rebalances: RebalanceRecord[];
  positions: PortfolioPosition[];
  finalCash: number;
  finalEquity: number;
  /** Σ |qty × price| over the fills, and that over mean equity (docs/metrics.md). */
  tradedValue: number;
  turnover: number | null;
  totalCommission: number;
  metrics: Metrics;
  benchmark: { targets: number[]; equity: Float64Array; finalEquity: number; metrics: Metrics };
  /** False when the run was stopped early. */
  complete: boolean;
}

/**
 * Runs a portfolio backtest: aligns the instruments (align.ts), simulates the scheduled rebalancing
 * (engine.ts), and adds the buy-and-hold benchmark of the first targets and the S5 metrics of both.
 *
 * @throws AppFailure `VALIDATION_FAILED` for an empty or duplicated symbol list, an unusable series,
 *   fewer than 2 bars on the timeline, fixed weights naming other symbols, or invalid settings.
 */
export function runPortfolio(req: PortfolioRequest): PortfolioResult {
  const config = parseOrFail(PortfolioConfigSchema, req.config, 'portfolio config');
  const settings = parseOrFail(PortfolioSettingsSchema, req.settings ?? {}, 'portfolio settings');
  const symbols = req.instruments.map((i) => i.symbol);
  checkSymbols(symbols);
  const series = req.instruments.map((i) => i.bars);
  const timeline = alignBars(series, symbols);
  const n = timeline.time.length;
  if (n < 2) throw new AppFailure('VALIDATION_FAILED', `the instruments have ${n} bar(s) in the chosen range; a portfolio backtest needs at least 2`, {});
  const ppy = settings.periodsPerYear ?? periodsPerYear(req.timeframe, req.calendar);

  const sim = simulatePortfolio({
    series, symbols, timeline, config, settings,
    shouldStop: req.shouldStop,
    onProgress: req.onProgress ? (done) => req.onProgress!(done, n) : undefined,
    progressEvery: req.onProgress || req.shouldStop ? Math.max(1000, Math.ceil(n / 100)) : 0,
  });
  const m = sim.bars;
  const time = timeline.time.subarray(0, m);
  const { book } = sim;
  const bench = buyAndHoldWeights(series, timeline, sim.initial, settings.initialCash, m);
  const trades = allTrades(book, symbols, series, timeline, m);
  const metrics = computeMetrics({
    time, equity: sim.equity, benchmark: bench.equity, inMarket: sim.inMarket, trades,
    initialCash: settings.initialCash, periodsPerYear: ppy, tradedValue: book.tradedValue,
  });
  const benchMetrics = computeMetrics({
    time, equity: bench.equity, benchmark: bench.equity, inMarket: bench.inMarket, trades: [],
    initialCash: settings.initialCash, periodsPerYear: ppy, tradedValue: bench.tradedValue,
  });
  const finalEquity = sim.equity[m - 1]!;
  return {
    symbols, config, settings, engineVersion: PORTFOLIO_ENGINE_VERSION,
    time, equity: sim.equity, drawdown: drawdownCurve(sim.equity), cash: sim.cash, weights: sim.weights,
    fills: book.fills, trades, rejections: book.rejections, rebalances: sim.rebalances,
    positions: symbols.map((symbol, k) => {
      const j = timeline.local[(m - 1) * timeline.count + k]!;
      const price = j >= 0 ? series[k]!.close[j]! : NaN;
      const qty = book.qty[k]!;
      const value = qty === 0 ? 0 : qty * price;
      return { symbol, qty, price, value, weight: finalEquity > 0 ? value / finalEquity : 0 };
    }),
    finalCash: book.cash, finalEquity, tradedValue: book.tradedValue, turnover: metrics.turnover, totalCommission: book.totalCommission,
    metrics,
    benchmark: { targets: sim.initial ? Array.from(sim.initial.targets) : symbols.map(() => 0), equity: bench.equity, finalEquity: bench.equity[m - 1]!, metrics: benchMetrics },
    complete: m === n,
  };
}

/** The closed trades of every instrument, then each position still open, valued at its last close. */
function allTrades(book: PortfolioBook, symbols: readonly string[], series: readonly BarColumns[], timeline: Timeline, m: number): PortfolioTrade[] {
  const out: PortfolioTrade[] = [];
  const last = m - 1;
  book.positions.forEach((position, k) => {
    for (const trade of position.trades) out.push({ ...trade, symbol: symbols[k]! });
    if (position.qty !== 0) {
      const j = timeline.local[last * timeline.count + k]!;
      out.push({ ...position.openTrade(series[k]!.close[j]!, last, timeline.time[last]!), symbol: symbols[k]! });
    }
  });
  return out;
}

function checkSymbols(symbols: readonly string[]): void {
  if (symbols.length === 0) throw new AppFailure('VALIDATION_FAILED', 'a portfolio needs at least one instrument', {});
  const seen = new Set<string>();
  for (const s of symbols) {
    if (s.length === 0) throw new AppFailure('VALIDATION_FAILED', 'every instrument of a portfolio needs a symbol', {});
    if (seen.has(s)) throw new AppFailure('VALIDATION_FAILED', `"${s}" appears twice in the portfolio`, { symbol: s });
    seen.add(s);
  }
}

/** Parses with the schema; the first problem becomes a validation failure that names where it is. */
function parseOrFail<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const at = issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  throw new AppFailure('VALIDATION_FAILED', `${what}${at}: ${issue.message}`, { path: issue.path.map(String) });
}
