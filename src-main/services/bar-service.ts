import { AppFailure } from '../../src-shared/contract/errors.ts';
import { sliceBars, type BarColumns } from '../../src-shared/domain/bars.ts';
import { bucketStart, canResample, compareTimeframes, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import { resampleBars } from '../../src-workers/bars/resample.ts';
import type { BarStore, RangeQuery } from '../storage/bar-store.ts';
import type { InstrumentRepo } from './instrument-repo.ts';

export interface BarQueryResult {
  bars: BarColumns;
  resampledFrom: Timeframe | null;
}

/**
 * Reads bars at any timeframe: straight from the store when that timeframe is stored, otherwise
 * aggregated from the highest stored timeframe that tiles it (1m → 1h, 1d → 1w/1M).
 */
export class BarService {
  constructor(
    private readonly store: BarStore,
    private readonly instruments: InstrumentRepo,
  ) {}

  query(instrumentId: number, timeframe: Timeframe, range: RangeQuery): BarQueryResult {
    const instrument = this.instruments.get(instrumentId);
    if (!instrument) throw new AppFailure('NOT_FOUND', `No instrument with id ${instrumentId}`);
    const stored = instrument.series.map((s) => s.timeframe);
    if (stored.includes(timeframe)) return { bars: this.store.read(instrumentId, timeframe, range), resampledFrom: null };
    const source = stored
      .filter((tf) => canResample(tf, timeframe))
      .sort(compareTimeframes)
      .at(-1);
    if (!source) {
      const what = stored.length ? `stored: ${stored.join(', ')}` : 'it has no bars yet';
      throw new AppFailure(
        'NOT_FOUND',
        `Instrument "${instrument.symbol}" has no ${timeframe} bars and none that aggregate into ${timeframe} (${what})`,
        { instrumentId, timeframe, stored },
      );
    }
    // Widen the start to the bucket boundary so the first aggregated bar is whole.
    const from = range.from === undefined ? undefined : bucketStart(range.from, timeframe);
    const lower = this.store.read(instrumentId, source, { from, to: range.to });
    let bars = resampleBars(lower, source, timeframe);
    if (range.limit !== undefined && bars.time.length > range.limit) {
      bars = sliceBars(bars, bars.time.length - range.limit, bars.time.length);
    }
    return { bars, resampledFrom: source };
  }
}
