import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { IndicatorParam } from '../../src-shared/domain/indicator.ts';
import type { OrderRequest } from './orders.ts';

export type ParamValues = Record<string, number | string>;

/**
 * What a strategy sees on each bar: its account, and the orders it may place. One object per run,
 * reused for every bar (nothing is allocated per bar). Orders placed on bar i fill from bar i + 1 on:
 * a strategy never trades at a price it could not have had.
 */
export interface Trader {
  /** Signed position in units: > 0 long, < 0 short, 0 flat. */
  readonly position: number;
  readonly cash: number;
  /** Cash plus the position at this bar's close. */
  readonly equity: number;
  /** Places an order; returns its id. */
  order(req: OrderRequest): number;
  buy(req?: Omit<OrderRequest, 'side'>): number;
  sell(req?: Omit<OrderRequest, 'side'>): number;
  /** Flattens the position with a market order at the next open (and cancels its bracket). */
  close(): number;
  cancel(orderId: number): void;
  cancelAll(): void;
}

/** Where an indicator is computed; without a timeframe, on the run's own bars. */
export interface IndicatorOptions {
  /**
   * A timeframe higher than the run's (`'1w'` on a daily run): the run's bars are resampled to it,
   * the indicator is computed there, and bar i sees the value of the last higher bar that had closed
   * by bar i's close — never the one still forming.
   */
  readonly timeframe?: string;
}

/** What setup gets: the bars, and indicator columns computed once over all of them. */
export interface SetupContext {
  readonly bars: BarColumns;
  /** The run's timeframe (`1d`), which a higher timeframe must exceed. */
  readonly timeframe: string;
  /**
   * One output column of a catalogue indicator, one value per run bar (NaN during warm-up), e.g.
   * `indicator('sma', { period: 20 })`, or on a higher timeframe
   * `indicator('sma', { period: 10 }, undefined, { timeframe: '1w' })`. Computed once, before the
   * first bar. VALIDATION_FAILED for a timeframe not higher than the run's.
   */
  indicator(id: string, params?: ParamValues, output?: string, options?: IndicatorOptions): Float64Array;
  /**
   * The run's bars resampled to a higher timeframe, one entry per run bar: entry i holds the last
   * higher bar that had closed by bar i's close (its open time, OHLC and volume), NaN before the first.
   */
  higherBars(timeframe: string): BarColumns;
}

/** The per-bar logic a strategy's setup returns; `onBar` runs after bar i has closed. */
export interface StrategyInstance {
  onBar(i: number, t: Trader): void;
  /**
   * Optional: the first bar ≥ i whose onBar would do anything — place or cancel an order, read the
   * account, or change the strategy's own state — or the bar count if none would. The engine then
   * skips the calls before it whenever it has nothing of its own to do on those bars (no order
   * working). It must be exact: onBar on a bar it skips would have done nothing at all.
   */
  nextActive?(i: number): number;
}

/**
 * A strategy: typed parameters with ranges (the optimizer and the UI forms come from the same
 * declaration), a check of their combination, and a setup that declares the indicators and returns
 * the per-bar logic. The same definition runs in backtest, optimization, paper and live.
 */
export interface StrategyDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly params: readonly IndicatorParam[];
  /** A message naming the problem with a combination of parameters (e.g. fast ≥ slow), or null. */
  validate?(params: ParamValues): string | null;
  setup(ctx: SetupContext, params: ParamValues): StrategyInstance;
}

export function defineStrategy(def: StrategyDefinition): StrategyDefinition {
  return def;
}
