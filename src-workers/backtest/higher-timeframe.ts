import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import { compareTimeframes, isTimeframe, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import { resampleBars } from '../bars/resample.ts';
import { alignIndex } from '../indicators/align.ts';

/** A higher timeframe's bars, and for every run bar the index of the last of them closed by then (−1: none). */
export interface HigherTimeframe {
  readonly bars: BarColumns;
  readonly index: Int32Array;
}

/**
 * The run's bars seen on higher timeframes, each resampled and aligned once per run.
 *
 * The bars are resampled from the run's own bars (never loaded separately), so a truncated history
 * gives truncated higher bars; and alignment follows {@link alignIndex}: a higher bar is visible from
 * the first run bar whose close is at or after the higher bar's close. A weekly value computed from
 * daily stock bars therefore first shows on the Monday after its week (the week is not over until
 * Sunday ends), never during the week it describes.
 */
export class HigherTimeframes {
  private readonly cache = new Map<string, HigherTimeframe>();

  constructor(
    private readonly bars: BarColumns,
    private readonly runTimeframe: Timeframe,
  ) {}

  /**
   * The bars of `timeframe` and their alignment. `who` names the caller in messages
   * (`indicator sma`). VALIDATION_FAILED for a timeframe that is not higher than the run's or
   * that the run's bars do not tile.
   */
  get(timeframe: string, who: string): HigherTimeframe {
    const found = this.cache.get(timeframe);
    if (found) return found;
    const tf = this.check(timeframe, who);
    const bars = this.resample(tf, who);
    const entry = { bars, index: alignIndex(this.bars.time, this.runTimeframe, bars.time, tf) };
    this.cache.set(timeframe, entry);
    return entry;
  }

  private check(timeframe: string, who: string): Timeframe {
    const run = this.runTimeframe;
    const fail = (why: string): never => {
      throw new AppFailure('VALIDATION_FAILED', `${who} on ${timeframe}: ${why}`, { timeframe, runTimeframe: run });
    };
    if (!isTimeframe(timeframe)) fail(`"${timeframe}" is not a timeframe (e.g. 4h, 1d, 1w, 1M)`);
    if (compareTimeframes(timeframe, run) <= 0) fail(`a higher timeframe must be longer than the run's ${run} bars`);
    return timeframe as Timeframe;
  }

  /** The resampler's refusal (weeks into months, 2h into 3h, unsorted bars) with the caller named. */
  private resample(tf: Timeframe, who: string): BarColumns {
    try {
      return resampleBars(this.bars, this.runTimeframe, tf);
    } catch (error) {
      if (error instanceof AppFailure) throw new AppFailure(error.code, `${who} on ${tf}: ${error.message}`, error.details);
      throw error;
    }
  }
}
