import { AppFailure } from '../../src-shared/contract/errors.ts';
import { OptimizeStartInputSchema, type OptimizeSetup, type OptimizeStartInput } from '../../src-shared/contract/optimize.contract.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { Instrument } from '../../src-shared/domain/instrument.ts';
import { validateSetup, type OptimizationSetup, type SetupCheck, type SetupIssue } from '../../src-workers/optimize/index.ts';
import type { UserStrategies } from '../backtest/user-strategies.ts';
import type { BarService } from '../services/bar-service.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import { findOptimizeStrategy, type OptimizeStrategy } from './optimize-strategy.ts';

/** The range an optimization read its bars with: what a resume reads again. */
export interface ReadRange {
  from: number;
  to: number;
}

/** What an optimization reads and searches, checked against the workspace and validateSetup. */
export interface OptimizeInputs {
  setup: OptimizeSetup;
  instrument: Instrument;
  bars: BarColumns;
  range: ReadRange;
  strategy: OptimizeStrategy;
  check: SetupCheck;
}

export interface InputSources {
  instruments: InstrumentRepo;
  bars: BarService;
  userStrategies: UserStrategies;
  /** Workers that share the evaluations (for the time estimate). */
  workers: number;
  /** What one backtest has been measured to take on one worker, over how many bars (for the time estimate). */
  pace?: BacktestPace;
}

export interface BacktestPace {
  backtestMs: number;
  backtestBars: number;
}

/**
 * Reads and checks everything an optimization needs before a job starts: the instrument, the bars
 * of the range (at least 2), the strategy, and the whole setup through validateSetup (ranges,
 * objective, constraints, budget, walk-forward windows, memory). Problems of the instrument, range
 * and strategy throw; the setup's problems are returned in `check` so `optimize.validate` can list
 * them and `start` can refuse with all of them at once.
 */
export async function readOptimizeInputs(raw: OptimizeStartInput, sources: InputSources): Promise<OptimizeInputs> {
  const setup = OptimizeStartInputSchema.parse(raw);
  const instrument = sources.instruments.get(setup.instrumentId);
  if (!instrument) throw new AppFailure('NOT_FOUND', `No instrument with id ${setup.instrumentId}`, { field: 'instrumentId', instrumentId: setup.instrumentId });
  const { from, to, timeframe } = setup;
  if (from !== undefined && to !== undefined && from > to) {
    throw new AppFailure('VALIDATION_FAILED', `from (${iso(from)}) is after to (${iso(to)})`, { field: 'from' });
  }
  const { bars, resampledFrom } = queryBars(sources.bars, instrument, setup);
  const n = bars.time.length;
  if (n === 0) {
    const range = `between ${from !== undefined ? iso(from) : 'the start'} and ${to !== undefined ? iso(to) : 'the end'}`;
    throw new AppFailure('VALIDATION_FAILED', `Instrument "${instrument.symbol}" has no ${timeframe} bars ${range}`, { field: 'from', instrumentId: instrument.id });
  }
  const strategy = await findOptimizeStrategy(setup.strategyId, sources.userStrategies);
  const source = instrument.series.find((s) => s.timeframe === (resampledFrom ?? timeframe));
  const range = { from: from ?? source?.first ?? bars.time[0]!, to: to ?? source?.last ?? bars.time[n - 1]! };
  const check = validateSetup(optimizationSetup(setup, strategy, n, sources.workers, sources.pace));
  return { setup, instrument, bars, range, strategy, check };
}

/** The pure setup validateSetup judges: a parameter left out of `ranges` stays at its default. */
export function optimizationSetup(setup: OptimizeSetup, strategy: OptimizeStrategy, bars: number, workers: number, pace?: BacktestPace): OptimizationSetup {
  return {
    ...pace,
    strategy: strategy.definition,
    ranges: setup.ranges,
    unranged: 'default',
    method: setup.method,
    budget: setup.budget,
    seed: setup.seed,
    objective: setup.objective,
    constraints: setup.constraints,
    walkForward: setup.walkForward,
    bars,
    initialCash: setup.settings.initialCash,
    workers,
  };
}

/** The setup's errors as one VALIDATION_FAILED failure naming each field and value. */
export function refuseIssues(errors: readonly SetupIssue[]): AppFailure {
  return new AppFailure('VALIDATION_FAILED', errors.map(issueText).join('; '), { issues: errors });
}

/**
 * `ranges.fast.step: step must be greater than 0, got 0`. Messages of the pure layer name the
 * parameter (`fast: …`) or the field itself (`objective: …`); the field is put first once.
 */
export function issueText(issue: SetupIssue): string {
  if (issue.message.startsWith(issue.field)) return issue.message;
  const named = /^([A-Za-z_][\w]*): /.exec(issue.message);
  const bare = named && issue.field.split('.').includes(named[1]!) ? issue.message.slice(named[0].length) : issue.message;
  return `${issue.field}: ${bare}`;
}

/** The instrument exists (checked before), so NOT_FOUND here means "no bars at this timeframe": a choice to correct. */
function queryBars(bars: BarService, instrument: Instrument, setup: OptimizeSetup) {
  try {
    return bars.query(instrument.id, setup.timeframe, { from: setup.from, to: setup.to });
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'NOT_FOUND') throw new AppFailure('VALIDATION_FAILED', error.message, { field: 'timeframe', ...(error.details as object) });
    throw error;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
