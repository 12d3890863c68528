import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { PortfolioConfig, PortfolioSettings, RebalanceRecord } from '../../../src-shared/domain/portfolio.ts';
import { roundQty } from '../rounding.ts';
import type { Timeline } from './align.ts';
import { PortfolioBook } from './book.ts';
import { rebalanceBars } from './schedule.ts';
import { TargetWeightModel } from './weights.ts';

export interface PortfolioSimulationInput {
  series: readonly BarColumns[];
  symbols: readonly string[];
  timeline: Timeline;
  config: PortfolioConfig;
  settings: PortfolioSettings;
  /** Checked every `progressEvery` bars; when it returns true the run stops with what it has. */
  shouldStop?: () => boolean;
  onProgress?: (barsDone: number) => void;
  progressEvery?: number;
}

export interface PortfolioSimulation {
  /** Timeline bars simulated (fewer than the timeline when stopped early). */
  bars: number;
  /** At each bar's close: equity, cash, and 1 where something is held. */
  equity: Float64Array;
  cash: Float64Array;
  inMarket: Uint8Array;
  /** Weight of each instrument at each close, time-major (`t * count + k`). */
  weights: Float64Array;
  rebalances: RebalanceRecord[];
  book: PortfolioBook;
  /** The first rebalance that placed orders: the benchmark holds its targets. Null if none did. */
  initial: { barIndex: number; targets: Float64Array } | null;
}

/**
 * The portfolio's event loop over the common timeline. Per bar t:
 * 1. orders waiting for an instrument that has a bar at t fill at its open (sells, then buys);
 * 2. every position is marked to its close (the last close where the instrument has no bar at t);
 * 3. on a decision bar — the first bar of each schedule period, and any bar until the first rebalance
 *    has placed orders — the targets are computed from what is known at t's close; unless the drift
 *    threshold skips it, each instrument gets an order for (target × equity / close, down to the lot)
 *    minus what it holds, to fill at its next bar's open. A new decision replaces an order still waiting.
 */
export function simulatePortfolio(input: PortfolioSimulationInput): PortfolioSimulation {
  const { series, symbols, timeline, config, settings } = input;
  const { time, count, local, has } = timeline;
  const n = time.length;
  const book = new PortfolioBook(series, symbols, timeline, settings);
  const model = new TargetWeightModel(config.weights, series, timeline, symbols);
  const scheduled = rebalanceBars(time, config.schedule);
  const equity = new Float64Array(n);
  const cash = new Float64Array(n);
  const inMarket = new Uint8Array(n);
  const weights = new Float64Array(n * count);
  const value = new Float64Array(count);
  const target = new Float64Array(count);
  const pending = new Float64Array(count);
  const pendingSince = new Int32Array(count).fill(-1);
  const rebalances: RebalanceRecord[] = [];
  let initial: PortfolioSimulation['initial'] = null;
  const every = input.progressEvery ?? 0;

  for (let t = 0; t < n; t++) {
    const row = t * count;
    book.execute(t, pending);
    let held = 0;
    let invested = 0;
    for (let k = 0; k < count; k++) {
      const j = local[row + k]!;
      const q = book.qty[k]!;
      if (j < 0 || q === 0) {
        value[k] = 0;
        continue;
      }
      const bars = series[k]!;
      if (has[row + k]) book.positions[k]!.mark(bars.high[j]!, bars.low[j]!);
      value[k] = q * bars.close[j]!;
      invested += value[k]!;
      held = 1;
    }
    const e = book.cash + invested;
    equity[t] = e;
    cash[t] = book.cash;
    inMarket[t] = held;
    for (let k = 0; k < count; k++) weights[row + k] = e > 0 ? value[k]! / e : 0;

    if ((scheduled[t] || initial === null) && model.compute(t, target) > 0) {
      let maxDrift = 0;
      for (let k = 0; k < count; k++) maxDrift = Math.max(maxDrift, Math.abs(weights[row + k]! - target[k]!));
      const skipped = initial !== null && config.drift !== null && maxDrift <= config.drift;
      rebalances.push({
        barIndex: t, time: time[t]!, targets: Array.from(target), before: Array.from(weights.subarray(row, row + count)), maxDrift, skipped,
      });
      if (!skipped) {
        if (initial === null) initial = { barIndex: t, targets: target.slice() };
        placeOrders(t, e);
      }
    }

    if (every > 0 && (t + 1) % every === 0) {
      input.onProgress?.(t + 1);
      if (input.shouldStop?.()) return result(t + 1);
    }
  }
  return result(n);

  function placeOrders(t: number, e: number): void {
    const row = t * count;
    for (let k = 0; k < count; k++) {
      const j = local[row + k]!;
      const close = j >= 0 ? series[k]!.close[j]! : NaN;
      // Without a positive price there is nothing to size against: the holding stays as it is.
      const wanted = close > 0 ? roundQty((target[k]! * e) / close, settings.lotSize) : book.qty[k]!;
      if (pending[k] !== 0) {
        const since = pendingSince[k]!;
        book.reject(k, t, time[t]!, pending[k]! > 0 ? 'BUY' : 'SELL', Math.abs(pending[k]!),
          `replaced by this rebalance: ${symbols[k]} had no bar to fill the order of the rebalance at ${new Date(time[since]!).toISOString()}`);
      }
      pending[k] = roundQty(wanted - book.qty[k]!, settings.lotSize);
      pendingSince[k] = t;
    }
  }

  function result(bars: number): PortfolioSimulation {
    return {
      bars,
      equity: equity.subarray(0, bars), cash: cash.subarray(0, bars), inMarket: inMarket.subarray(0, bars),
      weights: weights.subarray(0, bars * count), rebalances, book, initial,
    };
  }
}
