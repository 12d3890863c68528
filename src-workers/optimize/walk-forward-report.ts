import type { ParamValues } from '../backtest/strategy.ts';
import type { WalkForwardWindow } from './walk-forward.ts';

/**
 * The out-of-sample run of a window's best set: its equity at each out-of-sample bar, the equity it
 * started from (its initial cash, before the first bar), its total return, and optionally bar times.
 */
export interface OutOfSampleRun {
  readonly equity: ArrayLike<number>;
  readonly startEquity: number;
  readonly totalReturn: number | null;
  readonly time?: ArrayLike<number>;
}

export interface WindowOutcome {
  readonly window: WalkForwardWindow;
  /** The best in-sample set, the one run out of sample. */
  readonly params: ParamValues;
  /** That set's total return over the in-sample bars. */
  readonly inSampleReturn: number | null;
  readonly outOfSample: OutOfSampleRun;
}

/** One window's line of the report. */
export interface WindowRecord {
  readonly index: number;
  readonly inSample: { readonly start: number; readonly end: number };
  readonly outOfSample: { readonly start: number; readonly end: number };
  readonly params: ParamValues;
  readonly inSampleReturn: number | null;
  readonly outOfSampleReturn: number | null;
  /** Simple annualized returns, R × periodsPerYear / bars (null without periodsPerYear). */
  readonly inSampleAnnualized: number | null;
  readonly outOfSampleAnnualized: number | null;
  readonly efficiency: number | null;
}

export interface StitchedCurve {
  readonly equity: Float64Array;
  /** Bar times, when every segment had them. */
  readonly time: Float64Array | null;
  /** Where each segment begins in the stitched curve. */
  readonly starts: readonly number[];
}

export interface WalkForwardReport {
  readonly windows: readonly WindowRecord[];
  /** Walk-forward efficiency over all windows (see {@link walkForwardEfficiency}); null when undefined. */
  readonly efficiency: number | null;
  readonly stitched: StitchedCurve;
  /** Last stitched equity / initial equity − 1: the out-of-sample segments compounded. */
  readonly outOfSampleReturn: number;
}

/**
 * The out-of-sample segments as one equity curve starting at `initialEquity`: each segment is
 * rescaled to continue from the previous one's last equity, stitched[i] = level × equity[i] /
 * startEquity, so the segments' returns compound as if one account had traded them all in turn.
 */
export function stitchEquity(segments: readonly OutOfSampleRun[], initialEquity: number): StitchedCurve {
  const total = segments.reduce((n, s) => n + s.equity.length, 0);
  const equity = new Float64Array(total);
  const time = segments.every((s) => s.time) ? new Float64Array(total) : null;
  const starts: number[] = [];
  let level = initialEquity;
  let at = 0;
  for (const segment of segments) {
    if (!(segment.startEquity > 0)) throw new RangeError(`an out-of-sample segment must start from a positive equity, got ${segment.startEquity}`);
    starts.push(at);
    const scale = level / segment.startEquity;
    for (let i = 0; i < segment.equity.length; i++) {
      equity[at + i] = segment.equity[i]! * scale;
      if (time) time[at + i] = segment.time![i]!;
    }
    at += segment.equity.length;
    if (segment.equity.length > 0) level = equity[at - 1]!;
  }
  return { equity, time, starts };
}

/**
 * Walk-forward efficiency (Pardo, "The Evaluation and Optimization of Trading Strategies", 2008):
 * the annualized out-of-sample return over the annualized in-sample return. Returns are annualized
 * simply, as Pardo annualizes profit — R × periodsPerYear / bars — so periodsPerYear cancels:
 *
 *   WFE = (Σ R_oos / Σ n_oos) / (Σ R_is / Σ n_is)
 *
 * over the given windows (one window gives that window's WFE). Sums of returns over sums of bars weight
 * each window by its length. Null when the in-sample rate is ≤ 0 or undefined: a ratio to an
 * unprofitable in-sample result says nothing (and flips sign). 1 means out of sample kept the
 * in-sample pace; Pardo takes ≥ 0.5 as a robust strategy.
 */
export function walkForwardEfficiency(windows: readonly { isReturn: number | null; isBars: number; oosReturn: number | null; oosBars: number }[]): number | null {
  let isSum = 0;
  let isBars = 0;
  let oosSum = 0;
  let oosBars = 0;
  for (const w of windows) {
    if (w.isReturn === null || w.oosReturn === null || w.isBars <= 0 || w.oosBars <= 0) return null;
    isSum += w.isReturn;
    isBars += w.isBars;
    oosSum += w.oosReturn;
    oosBars += w.oosBars;
  }
  if (windows.length === 0 || !(isSum > 0)) return null;
  return oosSum / oosBars / (isSum / isBars);
}

/** The per-window records, the overall efficiency and the stitched out-of-sample curve. */
export function summarizeWalkForward(outcomes: readonly WindowOutcome[], initialEquity: number, periodsPerYear?: number): WalkForwardReport {
  const lengths = (o: WindowOutcome) => ({
    isReturn: o.inSampleReturn,
    isBars: o.window.inSample.end - o.window.inSample.start,
    oosReturn: o.outOfSample.totalReturn,
    oosBars: o.window.outOfSample.end - o.window.outOfSample.start,
  });
  const annualize = (r: number | null, bars: number) => (r === null || periodsPerYear === undefined || bars <= 0 ? null : (r * periodsPerYear) / bars);
  const windows = outcomes.map((o): WindowRecord => {
    const l = lengths(o);
    return {
      index: o.window.index,
      inSample: o.window.inSample,
      outOfSample: o.window.outOfSample,
      params: o.params,
      inSampleReturn: l.isReturn,
      outOfSampleReturn: l.oosReturn,
      inSampleAnnualized: annualize(l.isReturn, l.isBars),
      outOfSampleAnnualized: annualize(l.oosReturn, l.oosBars),
      efficiency: walkForwardEfficiency([l]),
    };
  });
  const stitched = stitchEquity(outcomes.map((o) => o.outOfSample), initialEquity);
  const last = stitched.equity.length > 0 ? stitched.equity[stitched.equity.length - 1]! : initialEquity;
  return { windows, efficiency: walkForwardEfficiency(outcomes.map(lengths)), stitched, outOfSampleReturn: last / initialEquity - 1 };
}
