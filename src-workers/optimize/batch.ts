import { AppFailure, type AppError } from '../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { BacktestSettingsSchema, type BacktestSettingsInput } from '../../src-shared/domain/backtest.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { atr as atrKernel } from '../indicators/kernels/index.ts';
import { Engine } from '../backtest/engine.ts';
import { periodsPerYear } from '../backtest/metrics/periods.ts';
import { MetricsSummary, type ScalarMetrics } from '../backtest/metrics/summary.ts';
import { resolveStrategyParams } from '../backtest/params.ts';
import { buyAndHold } from '../backtest/run.ts';
import { createSetupContext, IndicatorCache } from '../backtest/setup-context.ts';
import type { ParamValues, StrategyDefinition } from '../backtest/strategy.ts';

/**
 * Indicator columns a batch keeps at most (least recently used dropped past it): 40 SMA periods of
 * 1,000,000 bars are 320 MB, more than a worker should hold for one batch.
 */
export const BATCH_CACHE_BYTES = 256 * 1024 * 1024;

export interface BatchRequest {
  /** The bars every set runs over; may be views of SharedArrayBuffers (they are only read). */
  bars: BarColumns;
  timeframe: Timeframe;
  calendar: 'stock' | 'crypto';
  strategy: StrategyDefinition;
  settings?: BacktestSettingsInput;
  /** The parameter sets, each as runBacktest takes `params` (defaults filled for what is left out). */
  paramSets: readonly Record<string, unknown>[];
  /**
   * Indicator columns shared by the sets; a new cache (bounded by {@link BATCH_CACHE_BYTES}) when
   * absent. A caller evaluating several batches over the same bars may pass one cache to all.
   */
  cache?: IndicatorCache;
  /**
   * Wraps the evaluation of each set: a user strategy's runner passes `withUserCode`, which turns
   * what their code throws into a failure naming the file and line.
   */
  around?: <T>(run: () => T) => T;
  /** Checked between sets; when it returns true the batch returns the rows it has. */
  shouldStop?: () => boolean;
  /** After each set: sets done, sets in the batch. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * One evaluated set: its resolved parameters and scalar metrics (see SCALAR_METRICS), the same
 * values runBacktest's metrics have for it; or, for a set that could not run (parameters out of
 * range, fast ≥ slow, a user strategy throwing), the parameters as given and the failure.
 */
export type BatchRow =
  | { params: ParamValues; metrics: ScalarMetrics; error?: undefined }
  | { params: Record<string, unknown>; metrics: null; error: AppError };

/**
 * Backtests every parameter set over the same bars and returns one row per set, in order — the
 * optimizer's inner loop. What runBacktest does per run is done here once per batch (see
 * {@link BatchRunner}); per set remain the strategy's setup, the engine's pass over the bars and
 * the metrics' two passes.
 *
 * Throws (AppFailure) for what fails the whole batch: bad settings, no bars. A set that fails on its
 * own with an AppFailure becomes an error row; anything else thrown is a bug and propagates.
 */
export function evaluateBatch(req: BatchRequest): BatchRow[] {
  if (req.cache && (req.cache.bars !== req.bars || req.cache.timeframe !== req.timeframe)) {
    throw new Error('an indicator cache serves the bars and timeframe it was made for');
  }
  const cache = req.cache ?? new IndicatorCache(req.bars, req.timeframe, BATCH_CACHE_BYTES);
  return new BatchRunner(cache, req.calendar, req.settings).evaluate(req.strategy, req.paramSets, req);
}

/**
 * Everything of a batch but its sets, made once: the settings parsed, the benchmark and its
 * statistics, ATR columns for sizing and slippage, the engine (reset between runs), the equity,
 * in-market and metric scratch arrays — and, through the indicator cache, the indicator columns
 * (sets sharing an SMA period share its column). A worker keeps one for the job it serves, so that
 * its later batches of the job start with all that done (batch-task.ts).
 */
export class BatchRunner {
  readonly cache: IndicatorCache;
  private readonly engine: Engine;
  private readonly summary: MetricsSummary;
  private readonly into: { equity: Float64Array; inMarket: Uint8Array };

  constructor(cache: IndicatorCache, calendar: 'stock' | 'crypto', settingsInput: BacktestSettingsInput | undefined) {
    const { bars, timeframe } = cache;
    const settings = BacktestSettingsSchema.parse(settingsInput ?? {});
    const n = bars.close.length;
    if (n === 0) throw new AppFailure('VALIDATION_FAILED', 'no bars to backtest in the chosen range', {});
    const ppy = settings.periodsPerYear ?? periodsPerYear(timeframe, calendar);
    const sizingAtr = settings.sizing.kind === 'atr' ? atrKernel(bars.high, bars.low, bars.close, settings.sizing.period) : undefined;
    this.cache = cache;
    this.engine = new Engine(bars, settings, { periodsPerYear: ppy, atr: sizingAtr, record: false });
    this.summary = new MetricsSummary(bars.time, buyAndHold(bars, settings.initialCash), settings.initialCash, ppy);
    this.into = { equity: new Float64Array(n), inMarket: new Uint8Array(n) };
  }

  /** One row per set, in order (see {@link evaluateBatch}); `options` as a BatchRequest has them. */
  evaluate(strategy: StrategyDefinition, paramSets: readonly Record<string, unknown>[], options: Pick<BatchRequest, 'around' | 'shouldStop' | 'onProgress'> = {}): BatchRow[] {
    const { cache, engine, summary, into } = this;
    const around = options.around ?? ((run) => run());
    const evaluate = (given: Record<string, unknown>): BatchRow => {
      const params = resolveStrategyParams(strategy, given);
      const instance = strategy.setup(createSetupContext(cache.bars, cache.timeframe, cache), params);
      engine.reset();
      return { params, metrics: summary.compute(engine.run(instance, into)) };
    };
    const rows: BatchRow[] = [];
    const total = paramSets.length;
    for (let k = 0; k < total; k++) {
      if (options.shouldStop?.()) break;
      const given = paramSets[k]!;
      try {
        rows.push(around(() => evaluate(given)));
      } catch (error) {
        if (!(error instanceof AppFailure)) throw error;
        rows.push({ params: given, metrics: null, error: error.toData() });
      }
      options.onProgress?.(k + 1, total);
    }
    return rows;
  }
}
