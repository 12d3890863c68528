import { finiteOrNull } from './returns.ts';
import { tailRisk } from './risk.ts';
import { RankValues } from './rank-values.ts';

/** The tails of VaR/CVaR 95 % and 99 %. */
const TAIL_95 = 0.05;
const TAIL_99 = 0.01;

/** Historical VaR and CVaR at 95 % and 99 %, as {@link tailRisk} gives them. */
export interface Tail {
  var95: number | null;
  var99: number | null;
  cvar95: number | null;
  cvar99: number | null;
}

/** tailRisk itself: for returns it cannot be sure of (a NaN among them). */
export function tailOf(returns: Float64Array): Tail {
  const [t95, t99] = tailRisk(returns, [TAIL_95, TAIL_99]);
  return { var95: t95!.var, var99: t99!.var, cvar95: t95!.cvar, cvar99: t99!.cvar };
}

/**
 * VaR and CVaR of many runs' returns (each of one bar count), equal to {@link tailRisk}'s, from a
 * few hundred candidates instead of a selection over every return.
 *
 * VaR reads four order statistics of the returns (two per quantile, interpolated). The caller
 * collects as candidates, in bar order, the returns at or below `threshold`; when those include
 * the k smallest returns (k as tailRisk takes, ⌊0.05·(n − 1)⌋ + 2) the order statistics are theirs,
 * found by counting (rank-values.ts). CVaR sums the candidates at or below each quantile in bar
 * order: every return that low is a candidate, so the sum is tailRisk's, addition for addition. The
 * threshold is the previous run's return of rank 2k, so runs alike collect ~2k candidates; a run
 * with fewer than k takes all its returns (and resets the threshold).
 */
export class TailQuantiles {
  /** Where the caller writes the candidates (bar order), from index 0. */
  readonly candidates: Float64Array;
  /** The returns at or below this are the candidates of the next run. */
  threshold = Infinity;
  private readonly ranks: RankValues;
  private readonly n: number;
  private readonly k: number;
  /** Where the quantiles fall (h) and the ranks either side of them (lo, hi), as quantileSorted has them. */
  private readonly h95: number;
  private readonly lo95: number;
  private readonly hi95: number;
  private readonly h99: number;
  private readonly lo99: number;
  private readonly hi99: number;
  /** The ranks read per run — the four VaR interpolates, then the next threshold's — and their values. */
  private readonly wanted: number[];
  private readonly found = new Float64Array(5);

  constructor(n: number) {
    this.n = n;
    this.k = Math.min(n, Math.floor((n - 1) * TAIL_95) + 2);
    this.candidates = new Float64Array(n);
    this.ranks = new RankValues();
    this.h95 = (n - 1) * TAIL_95;
    this.lo95 = Math.floor(this.h95);
    this.hi95 = Math.min(this.lo95 + 1, n - 1);
    this.h99 = (n - 1) * TAIL_99;
    this.lo99 = Math.floor(this.h99);
    this.hi99 = Math.min(this.lo99 + 1, n - 1);
    this.wanted = [this.lo99, this.hi99, this.lo95, this.hi95, 0];
  }

  /** VaR and CVaR of `returns` (n of them, no NaN), given the `count` candidates collected. */
  compute(returns: Float64Array, count: number): Tail {
    const n = this.n;
    const k = this.k;
    let candidates = this.candidates;
    let c = count;
    if (c < k) {
      // Too few below the threshold (a calmer run than the last): every return is a candidate.
      candidates = returns;
      c = n;
    }
    const { h95, lo95, hi95, h99, lo99, hi99 } = this;
    // The next run's threshold: the return of rank 2k here (the greatest, with fewer candidates).
    const next = Math.min(2 * k, c - 1);
    const wanted = this.wanted;
    wanted[4] = next;
    const found = this.found;
    this.ranks.find(candidates, c, wanted, found);
    const x99lo = found[0]!;
    const x99hi = found[1]!;
    const x95lo = found[2]!;
    const x95hi = found[3]!;
    // quantileSorted's interpolation, operand for operand.
    const q95 = x95lo + (h95 - lo95) * (x95hi - x95lo);
    const q99 = x99lo + (h99 - lo99) * (x99hi - x99lo);
    if (candidates !== returns && !(q95 <= this.threshold && q99 <= this.threshold)) {
      // Rounding put a quantile past the threshold (by an ulp at most): count again over all.
      this.threshold = Infinity;
      return this.compute(returns, 0);
    }
    this.threshold = next > hi95 ? found[4]! : Infinity;
    let sum95 = 0;
    let count95 = 0;
    let sum99 = 0;
    let count99 = 0;
    for (let i = 0; i < c; i++) {
      const r = candidates[i]!;
      if (r <= q95) {
        sum95 += r;
        count95++;
      }
      if (r <= q99) {
        sum99 += r;
        count99++;
      }
    }
    return {
      var95: finiteOrNull(-q95 + 0),
      var99: finiteOrNull(-q99 + 0),
      cvar95: finiteOrNull(-sum95 / count95 + 0),
      cvar99: finiteOrNull(-sum99 / count99 + 0),
    };
  }
}
