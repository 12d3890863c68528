import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeline } from './align.ts';

export interface BenchmarkCurve {
  equity: Float64Array;
  inMarket: Uint8Array;
  /** Σ value bought (the only trades a buy-and-hold makes), for its turnover. */
  tradedValue: number;
}

/**
 * Buy and hold of the first rebalance's target weights, never rebalanced: instrument k gets
 * weight_k × initialCash at its first open after the decision bar — the bar the portfolio's own first
 * orders fill on — in fractional units and without costs (like the single-instrument benchmark); the
 * rest, and each share until it is bought, stays cash. Without a first rebalance it is all cash.
 */
export function buyAndHoldWeights(
  series: readonly BarColumns[],
  timeline: Timeline,
  initial: { barIndex: number; targets: Float64Array } | null,
  initialCash: number,
  bars: number,
): BenchmarkCurve {
  const { count, local, has } = timeline;
  const equity = new Float64Array(bars);
  const inMarket = new Uint8Array(bars);
  const units = new Float64Array(count);
  let cash = initialCash;
  let tradedValue = 0;
  for (let t = 0; t < bars; t++) {
    const row = t * count;
    let invested = 0;
    for (let k = 0; k < count; k++) {
      const j = local[row + k]!;
      if (initial !== null && t > initial.barIndex && units[k] === 0 && has[row + k] && initial.targets[k]! > 0) {
        const budget = initial.targets[k]! * initialCash;
        units[k] = budget / series[k]!.open[j]!;
        cash -= budget;
        tradedValue += budget;
      }
      if (units[k]! > 0) invested += units[k]! * series[k]!.close[j]!;
    }
    equity[t] = cash + invested;
    inMarket[t] = invested !== 0 ? 1 : 0;
  }
  return { equity, inMarket, tradedValue };
}
