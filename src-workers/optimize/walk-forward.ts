import type { ParamValues } from '../backtest/strategy.ts';
import { throwIssues, type SetupIssue } from './setup-issue.ts';
import { summarizeWalkForward, type OutOfSampleRun, type WalkForwardReport, type WindowOutcome } from './walk-forward-report.ts';

export interface WalkForwardOptions {
  /** In-sample bars of each window (of the first window when anchored). */
  readonly inSample: number;
  /** Out-of-sample bars of each window; windows advance by this much, so the OOS segments tile. */
  readonly outOfSample: number;
  /** In-sample always from bar 0, growing by `outOfSample` each window (else a rolling window of fixed length). */
  readonly anchored?: boolean;
}

/** Bars [start, end): start inclusive, end exclusive. */
export interface BarRange {
  readonly start: number;
  readonly end: number;
}

export interface WalkForwardWindow {
  readonly index: number;
  readonly inSample: BarRange;
  readonly outOfSample: BarRange;
}

export interface WalkForwardPlan {
  readonly windows: readonly WalkForwardWindow[];
  /** Trailing bars too few for a whole out-of-sample window: left out of every window. */
  readonly unusedBars: number;
}

/**
 * The windows over `totalBars` bars. Window k's out-of-sample part is
 * [inSample + k·outOfSample, inSample + (k+1)·outOfSample), and its in-sample part the `inSample`
 * bars just before it (rolling) or every bar from 0 up to it (anchored). Only whole out-of-sample
 * windows are planned. Example, 10 bars, in 4, out 2: rolling IS [0,4) [2,6) [4,8), OOS [4,6) [6,8)
 * [8,10); anchored IS [0,4) [0,6) [0,8), the same OOS.
 */
export function planWalkForward(totalBars: number, options: WalkForwardOptions): WalkForwardPlan {
  throwIssues(checkWalkForward(totalBars, options));
  const { inSample, outOfSample, anchored = false } = options;
  const windows: WalkForwardWindow[] = [];
  for (let k = 0; inSample + (k + 1) * outOfSample <= totalBars; k++) {
    const oosStart = inSample + k * outOfSample;
    windows.push({
      index: k,
      inSample: { start: anchored ? 0 : oosStart - inSample, end: oosStart },
      outOfSample: { start: oosStart, end: oosStart + outOfSample },
    });
  }
  return { windows, unusedBars: totalBars - inSample - windows.length * outOfSample };
}

/** Problems with walk-forward options over `totalBars` bars, naming `walkForward.<field>` and the value. */
export function checkWalkForward(totalBars: number, options: WalkForwardOptions): SetupIssue[] {
  const issues: SetupIssue[] = [];
  const { inSample, outOfSample } = options;
  if (!Number.isSafeInteger(inSample) || inSample < 2) issues.push({ field: 'walkForward.inSample', value: inSample, message: `walkForward.inSample must be a whole number of bars ≥ 2, got ${inSample}` });
  if (!Number.isSafeInteger(outOfSample) || outOfSample < 1) issues.push({ field: 'walkForward.outOfSample', value: outOfSample, message: `walkForward.outOfSample must be a whole number of bars ≥ 1, got ${outOfSample}` });
  if (issues.length === 0 && inSample + outOfSample > totalBars) {
    issues.push({
      field: 'walkForward',
      value: { inSample, outOfSample },
      message: `walk-forward needs inSample + outOfSample = ${inSample + outOfSample} bars for one window, but the data has ${totalBars}`,
    });
  }
  return issues;
}

/**
 * What the runner does for one window: optimize over the in-sample bars (returning the best set and its
 * in-sample total return), then run that set over the out-of-sample bars.
 */
export interface WalkForwardSteps {
  optimize(window: WalkForwardWindow): Promise<{ params: ParamValues; totalReturn: number | null }>;
  evaluate(window: WalkForwardWindow, params: ParamValues): Promise<OutOfSampleRun>;
}

/**
 * Walk-forward analysis over a plan: each window re-optimized on its in-sample bars (seed each with
 * `deriveSeed(seed, window.index)`), its best set run out of sample, and the out-of-sample segments
 * stitched into one curve. Windows run one after another; the evaluating is the caller's.
 */
export async function runWalkForward(plan: WalkForwardPlan, steps: WalkForwardSteps, initialEquity: number, periodsPerYear?: number): Promise<WalkForwardReport> {
  const outcomes: WindowOutcome[] = [];
  for (const window of plan.windows) {
    const best = await steps.optimize(window);
    const outOfSample = await steps.evaluate(window, best.params);
    outcomes.push({ window, params: best.params, inSampleReturn: best.totalReturn, outOfSample });
  }
  return summarizeWalkForward(outcomes, initialEquity, periodsPerYear);
}
