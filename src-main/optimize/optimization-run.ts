import type { BestSet } from '../../src-shared/contract/optimize.contract.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { SafeguardsReport } from '../../src-shared/domain/safeguards.ts';
import type { BacktestResult } from '../../src-workers/backtest/run.ts';
import type { ParamValues } from '../../src-workers/backtest/strategy.ts';
import type { BatchRow } from '../../src-workers/optimize/batch.ts';
import { shareBars } from '../../src-workers/optimize/batch-task.ts';
import { BatchEvaluator } from './batch-evaluator.ts';
import { BatchSizer } from './batch-size.ts';
import { resultRow, type RowPlace } from './result-rows.ts';
import { backtestIn, type RunContext } from './run-context.ts';
import { computeSafeguards, type SafeguardsInputs } from './safeguards-step.ts';
import type { StoredRow, StoredWalkForward } from './optimize-repo.ts';
import { search, type SearchBest } from './search.ts';
import { walkForward, type StretchSearch, type WalkForwardOutcome } from './walk-forward-run.ts';

/** The job's result (the optimization itself is read with `optimize.get`). */
export interface RunOutcome {
  optimizationId: string;
  evaluated: number;
  best: Pick<BestSet, 'params' | 'objective'> | null;
}

/**
 * One session of an optimization job, from the first ask to the stored safeguards: the bars copied
 * once into shared memory, the search (or one per walk-forward window) over the worker pool, every
 * finished batch stored as it comes, then the best set backtested in full and its safeguards
 * computed. Rows stored by an earlier session (`storedRows`) are replayed, not evaluated again.
 */
export async function runOptimization(run: RunContext, bars: BarColumns, storedRows: number): Promise<RunOutcome> {
  const shared = shareBars(bars);
  const workers = run.pool.size;
  const slots = Math.max(2, 2 * workers);
  let stored = storedRows;
  const toRow = (place: RowPlace, params: ParamValues, row: BatchRow): StoredRow =>
    resultRow(run.prepared.objective, run.setup.settings.initialCash, place, params, row);

  const searchStretch = async (window: number, stretch: BarColumns, seed: number): Promise<StretchSearch> => {
    const evaluator = new BatchEvaluator(
      run.pool,
      { timeframe: run.setup.timeframe, calendar: run.setup.calendar, strategyId: run.strategy.id, userStrategy: run.strategy.userStrategy, settings: run.setup.settings },
      stretch,
      `${run.jobId}:${window}`,
    );
    const best = await search({
      optimizer: run.prepared.createOptimizer(seed),
      space: run.prepared.space,
      window,
      stored: run.repo.rowsOf(run.id, window),
      evaluate: (sets, signal) => evaluator.evaluate(sets, signal),
      toRow,
      slots,
      sizer: new BatchSizer(slots, workers, stretch.close.length),
      rate: () => run.progress.rate(),
      remaining: () => run.progress.remaining,
      signal: run.signal,
      onBatch: (rows, found) => {
        stored += rows.length;
        const best = bestSet(window, found);
        run.repo.saveBatch(run.id, rows, { evaluated: stored, best });
        run.progress.advance(rows.length, true, best);
      },
      onReplay: (count, found) => run.progress.advance(count, false, bestSet(window, found)),
    });
    return { best, evaluator };
  };

  if (run.prepared.walkForward) {
    const wf = await walkForward(run, shared, searchStretch);
    // The last window's best is the set a trader would carry forward; it is judged on its own window.
    return conclude(run, stored, toRow, { window: wf.stored.windows.length - 1, found: wf.last, bars: wf.lastInSample, walkForward: wf });
  }
  const found = await searchStretch(0, shared, run.prepared.seed);
  return conclude(run, stored, toRow, { window: 0, found, bars: shared, walkForward: null });
}

/** What the search found, and where: the window, and the bars its best was chosen on. */
interface Found {
  window: number;
  found: StretchSearch;
  bars: BarColumns;
  walkForward: WalkForwardOutcome | null;
}

/** The best set backtested in full, its safeguards computed, and the optimization stored as done. */
async function conclude(run: RunContext, evaluated: number, toRow: SafeguardsInputs['toRow'], f: Found): Promise<RunOutcome> {
  const { best, evaluator } = f.found;
  const wf = f.walkForward;
  if (!best) return finish(run, evaluated, null, null, wf?.stored ?? null);
  run.progress.phase('Backtesting the best set');
  const full = await backtestIn(run, f.bars, best.scored.params);
  run.progress.phase('Computing safeguards');
  const safeguards = await computeSafeguards(run, {
    window: f.window, best, run: full, evaluator, toRow,
    ...(wf && {
      samples: { inSample: { sharpe: full.metrics.sharpe, cagr: full.metrics.cagr }, outOfSample: wf.lastOutOfSample },
      walkForwardEfficiency: wf.stored.efficiency,
    }),
  });
  return finish(run, evaluated, { ...bestSet(f.window, best)!, run: runSummary(full) }, safeguards, wf?.stored ?? null);
}

function finish(run: RunContext, evaluated: number, best: BestSet | null, safeguards: SafeguardsReport | null, walkForwardResult: StoredWalkForward | null): RunOutcome {
  run.repo.update(run.id, { state: 'done', error: null, finishedAt: Date.now(), evaluated, best, safeguards, walkForward: walkForwardResult });
  return { optimizationId: run.id, evaluated, best: best && { params: best.params, objective: best.objective } };
}

/** The best so far as stored (its full backtest comes once the search has ended). */
function bestSet(window: number, found: SearchBest | null): BestSet | null {
  const objective = found?.scored.objective;
  if (!found || objective === null || objective === undefined) return null;
  return { window, seq: found.seq, params: found.scored.params, objective, metrics: { ...found.scored.metrics }, run: null };
}

function runSummary(r: BacktestResult): NonNullable<BestSet['run']> {
  return {
    finalEquity: r.finalEquity, totalReturn: r.metrics.totalReturn ?? null, maxDrawdown: r.metrics.maxDrawdown?.depth ?? null,
    tradeCount: r.trades.length, engineVersion: r.engineVersion,
  };
}
