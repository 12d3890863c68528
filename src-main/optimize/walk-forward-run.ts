import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { computeMetrics } from '../../src-workers/backtest/metrics/index.ts';
import { deriveSeed, runWalkForward, type OutOfSampleRun, type WalkForwardWindow } from '../../src-workers/optimize/index.ts';
import type { SampleMetrics } from '../../src-workers/optimize/safeguards/index.ts';
import type { BatchEvaluator } from './batch-evaluator.ts';
import type { StoredWalkForward } from './optimize-repo.ts';
import { backtestIn, sliceShared, type RunContext } from './run-context.ts';
import type { SearchBest } from './search.ts';

/** One search over a stretch of bars: its best, and the evaluator that ran it (for the neighbours). */
export interface StretchSearch {
  readonly best: SearchBest | null;
  readonly evaluator: BatchEvaluator;
}

export type SearchStretch = (window: number, bars: BarColumns, seed: number) => Promise<StretchSearch>;

export interface WalkForwardOutcome {
  readonly stored: StoredWalkForward;
  /** The last window's search: its best is the set a trader would carry forward. */
  readonly last: StretchSearch & { readonly best: SearchBest };
  readonly lastInSample: BarColumns;
  /** The last window's best out of sample (its Sharpe ratio and CAGR over the out-of-sample bars). */
  readonly lastOutOfSample: SampleMetrics;
}

/**
 * Walk-forward analysis over the job's bars: each window optimized on its in-sample bars (its own
 * seed, `deriveSeed(seed, window)`), its best set run over the out-of-sample bars, the segments
 * stitched and the efficiency computed (runWalkForward, docs/optimization.md). Each out-of-sample
 * run starts `inSample` bars before the window (fewer at the data's start) so that the strategy's
 * indicators are warm on the first out-of-sample bar; only the equity from there on counts, measured
 * from the equity just before it.
 */
export async function walkForward(run: RunContext, bars: BarColumns, searchStretch: SearchStretch): Promise<WalkForwardOutcome> {
  const plan = run.prepared.walkForward!;
  const warmUp = run.setup.walkForward!.inSample;
  const objectives: number[] = [];
  // The last window's search and runs, kept as the windows go by (the last one stays).
  const latest: { last?: WalkForwardOutcome['last']; lastInSample?: BarColumns; lastOutOfSample?: SampleMetrics } = {};

  const report = await runWalkForward(
    plan,
    {
      optimize: async (window) => {
        run.progress.enterWindow(window.index, plan.windows.length);
        const inSample = sliceShared(bars, window.inSample.start, window.inSample.end);
        const found = await searchStretch(window.index, inSample, deriveSeed(run.prepared.seed, window.index));
        if (!found.best) throw noBest(window, bars);
        objectives.push(found.best.scored.objective!);
        latest.last = { ...found, best: found.best };
        latest.lastInSample = inSample;
        const totalReturn = found.best.scored.metrics.totalReturn;
        return { params: found.best.scored.params, totalReturn: typeof totalReturn === 'number' ? totalReturn : null };
      },
      evaluate: async (window, params): Promise<OutOfSampleRun> => {
        run.progress.phase('Running the best set out of sample');
        const start = Math.max(0, window.outOfSample.start - warmUp);
        const result = await backtestIn(run, sliceShared(bars, start, window.outOfSample.end), params);
        const offset = window.outOfSample.start - start;
        const startEquity = offset > 0 ? result.equity[offset - 1]! : result.settings.initialCash;
        const equity = result.equity.subarray(offset);
        const time = result.time.subarray(offset);
        latest.lastOutOfSample = segmentMetrics(time, equity, startEquity, run.periodsPerYear);
        const totalReturn = equity.length > 0 ? equity[equity.length - 1]! / startEquity - 1 : null;
        return { equity, startEquity, totalReturn, time };
      },
    },
    run.setup.settings.initialCash,
    run.periodsPerYear,
  );

  const at = (i: number) => bars.time[i]!;
  const range = (r: { start: number; end: number }) => ({ start: r.start, end: r.end, from: at(r.start), to: at(r.end - 1) });
  const stored: StoredWalkForward = {
    efficiency: report.efficiency,
    outOfSampleReturn: report.outOfSampleReturn,
    windows: report.windows.map((w, k) => ({
      index: w.index, inSample: range(w.inSample), outOfSample: range(w.outOfSample), params: w.params, objective: objectives[k] ?? null,
      inSampleReturn: w.inSampleReturn, outOfSampleReturn: w.outOfSampleReturn, inSampleAnnualized: w.inSampleAnnualized,
      outOfSampleAnnualized: w.outOfSampleAnnualized, efficiency: w.efficiency,
    })),
    stitched: { time: Array.from(report.stitched.time ?? []), equity: Array.from(report.stitched.equity), starts: [...report.stitched.starts] },
  };
  return { stored, last: latest.last!, lastInSample: latest.lastInSample!, lastOutOfSample: latest.lastOutOfSample! };
}

/**
 * Sharpe ratio and CAGR of an equity segment measured from `startEquity`. Both depend only on the
 * times, the equity and where it started, so the columns computeMetrics also wants (benchmark,
 * exposure, trades) are given neutral values and what they would feed is not read.
 */
export function segmentMetrics(time: Float64Array, equity: Float64Array, startEquity: number, periodsPerYear: number): SampleMetrics {
  const m = computeMetrics({
    time, equity, benchmark: equity, inMarket: new Uint8Array(equity.length), trades: [], initialCash: startEquity, periodsPerYear, tradedValue: 0,
  });
  return { sharpe: m.sharpe, cagr: m.cagr };
}

function noBest(window: WalkForwardWindow, bars: BarColumns): AppFailure {
  const day = (i: number) => new Date(bars.time[i]!).toISOString().slice(0, 10);
  return new AppFailure(
    'VALIDATION_FAILED',
    `walk-forward window ${window.index + 1} (in sample ${day(window.inSample.start)} → ${day(window.inSample.end - 1)}): no parameter set met the constraints with a defined objective`,
    { field: 'constraints', window: window.index },
  );
}
