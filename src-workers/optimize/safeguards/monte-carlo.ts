import type { MonteCarloReport, MonteCarloSummary, Percentiles } from '../../../src-shared/domain/safeguards.ts';
import { quantileSorted } from '../../backtest/metrics/risk.ts';
import { deriveSeed, Rng } from '../rng.ts';

/**
 * Monte Carlo over a strategy's trades (SPEC S5): how much of its result is the luck of the order in
 * which its trades came, and of which trades came at all.
 *
 * Input: each trade's return on the account, fᵢ = pnlᵢ / equity before it (tradeReturnsOnEquity). A
 * simulated path starts at E₀ and compounds N of them, Eₖ = Eₖ₋₁·(1 + f), in one of two ways:
 * - `reshuffle`: a uniformly random permutation (Fisher–Yates) of all N trades. The final equity
 *   E₀·Π(1 + fᵢ) is the same on every path, since multiplication commutes (up to the last bit of
 *   floating-point rounding); only the path, and so the drawdown and ruin, change.
 * - `bootstrap`: N trades drawn independently and uniformly with replacement (Efron's bootstrap), so
 *   the final equity varies too.
 * On each path: the maximum drawdown min over k of Eₖ / maxⱼ≤ₖ Eⱼ − 1, with E₀ counted as a peak
 * (a first losing trade is a drawdown from the start; unlike the bar-level metric, whose first peak is
 * the first bar), measured at trade exits only, so the drawdown inside a trade is not seen; and ruin,
 * Eₖ < ruinLevel·E₀ after some trade. A return ≤ −1 leaves the equity at 0 for good.
 */

export type ResampleMode = 'reshuffle' | 'bootstrap';

export interface MonteCarloOptions {
  seed: number;
  /** Number of paths per scheme (default 1000). */
  simulations?: number;
  /** E₀ (default 1, so equity reads as a multiple of the start; pass the initial cash for currency). */
  initialEquity?: number;
  /** Ruin threshold as a fraction of E₀, in (0, 1] (default 0.5). */
  ruinLevel?: number;
}

/** One value per simulated path. */
export interface SimulatedPaths {
  finalEquity: Float64Array;
  maxDrawdown: Float64Array;
  /** 1 where the path was ruined. */
  ruined: Uint8Array;
}

/** Percentiles reported, as fractions. */
export const PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

// Each scheme draws from its own stream of the run's seed, so adding one never shifts the other.
const STREAM = { reshuffle: 0x6d63_0001, bootstrap: 0x6d63_0002 } as const;

/**
 * Simulates `simulations` paths of the trade returns `returns` under `mode`. Allocates the three
 * result arrays and one scratch copy of the returns; nothing per path or per step.
 */
export function simulateTradePaths(returns: Float64Array, mode: ResampleMode, options: MonteCarloOptions): SimulatedPaths {
  const simulations = options.simulations ?? 1000;
  const start = options.initialEquity ?? 1;
  const ruinAt = (options.ruinLevel ?? 0.5) * start;
  if (!Number.isSafeInteger(simulations) || simulations < 1) throw new RangeError(`simulations must be a positive integer, got ${simulations}`);
  if (!(start > 0)) throw new RangeError(`initialEquity must be > 0, got ${start}`);
  if (!(ruinAt > 0 && ruinAt <= start)) throw new RangeError(`ruinLevel must be in (0, 1], got ${options.ruinLevel}`);
  const n = returns.length;
  const rng = new Rng(deriveSeed(options.seed, STREAM[mode]));
  const order = returns.slice();
  const out: SimulatedPaths = { finalEquity: new Float64Array(simulations), maxDrawdown: new Float64Array(simulations), ruined: new Uint8Array(simulations) };
  for (let s = 0; s < simulations; s++) {
    // A Fisher–Yates pass over the previous permutation is again a uniform permutation.
    if (mode === 'reshuffle') {
      for (let i = n - 1; i > 0; i--) {
        const j = rng.below(i + 1);
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
    }
    let equity = start;
    let peak = start;
    let deepest = 0;
    let ruined = 0;
    for (let k = 0; k < n; k++) {
      const f = mode === 'reshuffle' ? order[k]! : returns[rng.below(n)]!;
      equity = f > -1 ? equity * (1 + f) : 0;
      if (equity > peak) peak = equity;
      else {
        const dd = equity / peak - 1;
        if (dd < deepest) deepest = dd;
      }
      if (equity < ruinAt) ruined = 1;
    }
    out.finalEquity[s] = equity;
    out.maxDrawdown[s] = deepest;
    out.ruined[s] = ruined;
  }
  return out;
}

/** The type-7 percentiles of `values`, which it sorts in place. */
export function percentiles(values: Float64Array): Percentiles {
  values.sort();
  const [p5, p25, p50, p75, p95] = PERCENTILES.map((p) => quantileSorted(values, p));
  return { p5: p5!, p25: p25!, p50: p50!, p75: p75!, p95: p95! };
}

/** Percentiles of final equity and max drawdown and the share of ruined paths (sorts the arrays in place). */
export function summarizePaths(paths: SimulatedPaths): MonteCarloSummary {
  let ruined = 0;
  for (let s = 0; s < paths.ruined.length; s++) ruined += paths.ruined[s]!;
  return {
    simulations: paths.ruined.length,
    finalEquity: percentiles(paths.finalEquity),
    maxDrawdown: percentiles(paths.maxDrawdown),
    probabilityOfRuin: ruined / paths.ruined.length,
  };
}

/** Both schemes over the same trade returns; null without trades. */
export function monteCarlo(returns: Float64Array, options: MonteCarloOptions): MonteCarloReport | null {
  if (returns.length === 0) return null;
  return {
    trades: returns.length,
    initialEquity: options.initialEquity ?? 1,
    ruinLevel: options.ruinLevel ?? 0.5,
    reshuffle: summarizePaths(simulateTradePaths(returns, 'reshuffle', options)),
    bootstrap: summarizePaths(simulateTradePaths(returns, 'bootstrap', options)),
  };
}
