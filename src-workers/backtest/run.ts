import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { BacktestSettingsSchema, type BacktestSettings, type BacktestSettingsInput, type Fill, type Trade } from '../../src-shared/domain/backtest.ts';
import type { Metrics } from '../../src-shared/domain/metrics.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import { atr as atrKernel } from '../indicators/kernels/index.ts';
import { Engine, type EngineResult, type Rejection } from './engine.ts';
import type { Order } from './orders.ts';
import { computeMetrics, drawdownCurve, periodsPerYear } from './metrics/index.ts';
import { resolveStrategyParams } from './params.ts';
import { createSetupContext } from './setup-context.ts';
import type { ParamValues, StrategyDefinition } from './strategy.ts';

/** The engine's version, saved with every run: a change of fill or cost semantics bumps it. */
export const ENGINE_VERSION = '1.0.0';

export interface BacktestRequest {
  bars: BarColumns;
  timeframe: Timeframe;
  /** Calendar for annualization when settings.periodsPerYear is not given. */
  calendar: 'stock' | 'crypto';
  strategy: StrategyDefinition;
  params?: Record<string, unknown>;
  settings?: BacktestSettingsInput;
  shouldStop?: () => boolean;
  onProgress?: (barsDone: number, total: number) => void;
}

export interface BacktestResult {
  strategy: { id: string; version: string };
  params: ParamValues;
  settings: BacktestSettings;
  engineVersion: string;
  fills: Fill[];
  trades: Trade[];
  rejections: Rejection[];
  /** Every order placed, with its final status. */
  orders: Order[];
  time: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  benchmark: Float64Array;
  finalEquity: number;
  metrics: Metrics;
  /** False when the run was stopped early (cancelled). */
  complete: boolean;
}

export interface Simulation {
  params: ParamValues;
  settings: BacktestSettings;
  periodsPerYear: number;
  engine: EngineResult;
  /** Bars simulated (fewer than given when stopped early). */
  bars: number;
}

/**
 * The simulation alone — validation, the strategy's indicators computed once, the engine over every
 * bar — without the metrics (the optimizer's inner loop, and what the throughput figure measures).
 */
export function simulate(req: BacktestRequest): Simulation {
  const settings = BacktestSettingsSchema.parse(req.settings ?? {});
  const params = resolveStrategyParams(req.strategy, req.params);
  const { bars } = req;
  const n = bars.close.length;
  if (n === 0) throw new AppFailure('VALIDATION_FAILED', 'no bars to backtest in the chosen range', {});
  const ppy = settings.periodsPerYear ?? periodsPerYear(req.timeframe, req.calendar);
  const ctx = createSetupContext(bars, req.timeframe);
  const instance = req.strategy.setup(ctx, params);
  const sizingAtr = settings.sizing.kind === 'atr' ? atrKernel(bars.high, bars.low, bars.close, settings.sizing.period) : undefined;
  const engine = new Engine(bars, settings, {
    periodsPerYear: ppy,
    atr: sizingAtr,
    shouldStop: req.shouldStop,
    onProgress: req.onProgress ? (done) => req.onProgress!(done, n) : undefined,
    progressEvery: req.onProgress || req.shouldStop ? Math.max(1000, Math.ceil(n / 100)) : 0,
  });
  const result = engine.run(instance);
  return { params, settings, periodsPerYear: ppy, engine: result, bars: result.equity.length };
}

/** Runs one backtest: the simulation, the buy-and-hold benchmark, the drawdown curve and the metrics. */
export function runBacktest(req: BacktestRequest): BacktestResult {
  const { params, settings, periodsPerYear: ppy, engine: out, bars: m } = simulate(req);
  const { bars } = req;
  const time = bars.time.subarray(0, m);
  const benchmark = buyAndHold(bars, settings.initialCash, m);
  const metrics = computeMetrics({
    time, equity: out.equity, benchmark, inMarket: out.inMarket, trades: out.trades,
    initialCash: settings.initialCash, periodsPerYear: ppy, tradedValue: out.tradedValue,
  });
  return {
    strategy: { id: req.strategy.id, version: req.strategy.version },
    params, settings, engineVersion: ENGINE_VERSION,
    fills: out.fills, trades: out.trades, rejections: out.rejections, orders: out.orders,
    time, equity: out.equity, drawdown: drawdownCurve(out.equity), benchmark,
    finalEquity: m > 0 ? out.equity[m - 1]! : settings.initialCash,
    metrics, complete: m === bars.close.length,
  };
}

/** Buy and hold: all the initial cash in the instrument at the first open, no costs, fractional units. */
export function buyAndHold(bars: BarColumns, initialCash: number, n = bars.close.length): Float64Array {
  const out = new Float64Array(n);
  const units = initialCash / bars.open[0]!;
  for (let i = 0; i < n; i++) out[i] = units * bars.close[i]!;
  return out;
}
