import { finiteOrNull } from './returns.ts';
import { tailRisk } from './risk.ts';
import { selectRank } from './select.ts';

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
 * selected in a copy. CVaR sums the candidates at or below each quantile in bar order: every return
 * that low is a candidate, so the sum is tailRisk's, addition for addition. The threshold is the
 * previous run's return of rank 2k, so runs alike collect ~2k candidates; a run with fewer than k
 * takes all its returns (and resets the threshold).
 */
export class TailQuantiles {
  /** Where the caller writes the candidates (bar order), from index 0. */
  readonly candidates: Float64Array;
  /** The returns at or below this are the candidates of the next run. */
  threshold = Infinity;
  private readonly select: Float64Array;
  private readonly n: number;
  private readonly k: number;

  constructor(n: number) {
    this.n = n;
    this.k = Math.min(n, Math.floor((n - 1) * TAIL_95) + 2);
    this.candidates = new Float64Array(n);
    this.select = new Float64Array(n);
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
    const sel = this.select;
    sel.set(candidates.subarray(0, c));
    const h95 = (n - 1) * TAIL_95;
    const lo95 = Math.floor(h95);
    const hi95 = Math.min(lo95 + 1, n - 1);
    const h99 = (n - 1) * TAIL_99;
    const lo99 = Math.floor(h99);
    const hi99 = Math.min(lo99 + 1, n - 1);
    // Ranks from the highest down, each selection narrowing the range of the next.
    selectRank(sel, 0, c - 1, hi95);
    const x95hi = sel[hi95]!;
    if (lo95 < hi95) selectRank(sel, 0, hi95 - 1, lo95);
    const x95lo = sel[lo95]!;
    if (hi99 < lo95) selectRank(sel, 0, lo95 - 1, hi99);
    const x99hi = sel[hi99]!;
    if (lo99 < hi99) selectRank(sel, 0, hi99 - 1, lo99);
    const x99lo = sel[lo99]!;
    // quantileSorted's interpolation, operand for operand.
    const q95 = x95lo + (h95 - lo95) * (x95hi - x95lo);
    const q99 = x99lo + (h99 - lo99) * (x99hi - x99lo);
    if (candidates !== returns && !(q95 <= this.threshold && q99 <= this.threshold)) {
      // Rounding put a quantile past the threshold (by an ulp at most): count again over all.
      this.threshold = Infinity;
      return this.compute(returns, 0);
    }
    const next = Math.min(2 * k, c - 1);
    if (next > hi95) {
      selectRank(sel, hi95 + 1, c - 1, next);
      this.threshold = sel[next]!;
    } else this.threshold = Infinity;
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
