import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { TargetWeights } from '../../../src-shared/domain/portfolio.ts';
import type { Timeline } from './align.ts';

/**
 * Target weights at a decision bar, from what is known at that bar's close: which instruments have
 * started, and (inverse volatility) each instrument's own closes up to and including its latest bar
 * at or before the decision. Nothing later is read, so truncating the future cannot change a target.
 */
export class TargetWeightModel {
  private readonly fixed: Float64Array | null;

  constructor(
    private readonly spec: TargetWeights,
    private readonly series: readonly BarColumns[],
    private readonly timeline: Timeline,
    symbols: readonly string[],
  ) {
    this.fixed = spec.kind === 'fixed' ? fixedWeights(spec.weights, symbols) : null;
  }

  /** Writes the targets at timeline bar t into `out` (one per instrument) and returns their sum. */
  compute(t: number, out: Float64Array): number {
    const { count, local } = this.timeline;
    const row = t * count;
    let sum = 0;
    switch (this.spec.kind) {
      case 'equal': {
        let started = 0;
        for (let k = 0; k < count; k++) if (local[row + k]! >= 0) started++;
        for (let k = 0; k < count; k++) out[k] = local[row + k]! >= 0 ? 1 / started : 0;
        return started > 0 ? 1 : 0;
      }
      case 'fixed':
        // An instrument that has not started yet has no price: its share waits in cash.
        for (let k = 0; k < count; k++) {
          out[k] = local[row + k]! >= 0 ? this.fixed![k]! : 0;
          sum += out[k]!;
        }
        return sum;
      case 'inverse-volatility': {
        for (let k = 0; k < count; k++) {
          const sd = returnsSd(this.series[k]!.close, local[row + k]!, this.spec.lookback);
          // Too little history (NaN) or a flat series (0) gives no weight.
          out[k] = sd > 0 ? 1 / sd : 0;
          sum += out[k]!;
        }
        if (sum > 0) for (let k = 0; k < count; k++) out[k] = out[k]! / sum;
        return sum > 0 ? 1 : 0;
      }
    }
  }
}

/**
 * Sample standard deviation of the `n` simple returns close[j] / close[j − 1] − 1 for j in
 * (last − n, last]; NaN when fewer than n + 1 closes exist up to `last`.
 */
export function returnsSd(close: Float64Array, last: number, n: number): number {
  if (last < n) return NaN;
  let mean = 0;
  for (let j = last - n + 1; j <= last; j++) mean += close[j]! / close[j - 1]! - 1;
  mean /= n;
  let ss = 0;
  for (let j = last - n + 1; j <= last; j++) {
    const d = close[j]! / close[j - 1]! - 1 - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}

/** The fixed weights in the order of the symbols; a weight for a symbol not in the run is a mistake. */
function fixedWeights(weights: Record<string, number>, symbols: readonly string[]): Float64Array {
  for (const name of Object.keys(weights)) {
    if (!symbols.includes(name)) {
      throw new AppFailure('VALIDATION_FAILED', `fixed weight for "${name}", which is not one of the run's symbols (${symbols.join(', ')})`, { symbol: name });
    }
  }
  return Float64Array.from(symbols, (s) => weights[s] ?? 0);
}
