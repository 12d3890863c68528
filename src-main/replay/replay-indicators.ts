import type { z } from 'zod';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { replayRequests } from '../../src-shared/contract/replay.contract.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { createStream } from '../../src-workers/indicators/catalogue/index.ts';
import type { BarInput, StreamingIndicator } from '../../src-workers/indicators/types.ts';

type StartInput = z.output<(typeof replayRequests)['replay.start']['input']>;
type IndicatorRequest = StartInput['indicators'][number];

/**
 * The indicator streams of one replay, fed the same forming and closed bars as the chart, so the
 * values on each update are what a live chart would show at that moment.
 */
export class ReplayIndicators {
  private constructor(
    private readonly requests: readonly IndicatorRequest[],
    private readonly streams: readonly { key: string; stream: StreamingIndicator }[],
  ) {}

  /**
   * Streams for `requests`, warmed on bars [0, upTo).
   * @throws AppFailure VALIDATION_FAILED for a multi-timeframe indicator or a duplicate key.
   */
  static create(requests: readonly IndicatorRequest[], timeframe: Timeframe, bars: BarColumns, upTo: number): ReplayIndicators {
    const keys = new Set<string>();
    for (const { key, config } of requests) {
      if (keys.has(key)) throw new AppFailure('VALIDATION_FAILED', `Indicator key "${key}" is used twice`, { key });
      keys.add(key);
      if (config.timeframe !== undefined && config.timeframe !== timeframe) {
        throw new AppFailure(
          'VALIDATION_FAILED',
          `Indicator "${key}" (${config.id} on ${config.timeframe}): multi-timeframe indicators are not available in replay yet`,
          { key, timeframe: config.timeframe },
        );
      }
    }
    const streams = requests.map(({ key, config }) => ({ key, stream: createStream(config) }));
    const made = new ReplayIndicators(requests, streams);
    made.advance(bars, 0, upTo, false);
    return made;
  }

  /** The same indicators restarted and warmed on bars [0, upTo) (after a seek backwards). */
  rebuilt(bars: BarColumns, upTo: number, timeframe: Timeframe): ReplayIndicators {
    return ReplayIndicators.create(this.requests, timeframe, bars, upTo);
  }

  /** Feeds bars [from, to) as closed bars; `formingAtFrom`: bar `from` is already in, still forming. */
  advance(bars: BarColumns, from: number, to: number, formingAtFrom: boolean): void {
    if (this.streams.length === 0) return;
    for (let i = from; i < to; i++) {
      const bar = barAt(bars, i);
      if (i === from && formingAtFrom) this.replace(bar);
      else this.add(bar);
    }
  }

  add(bar: BarInput): void {
    for (const { stream } of this.streams) stream.add(bar);
  }

  replace(bar: BarInput): void {
    for (const { stream } of this.streams) stream.replace(bar);
  }

  /** Current values per key and output id; NaN (warm-up) becomes null. */
  snapshot(): Record<string, Record<string, number | null>> {
    const out: Record<string, Record<string, number | null>> = {};
    for (const { key, stream } of this.streams) {
      const values: Record<string, number | null> = {};
      stream.outputs.forEach((id, j) => {
        const v = stream.values[j]!;
        values[id] = Number.isNaN(v) ? null : v;
      });
      out[key] = values;
    }
    return out;
  }
}

export function barAt(bars: BarColumns, i: number): BarInput {
  return {
    time: bars.time[i]!,
    open: bars.open[i]!,
    high: bars.high[i]!,
    low: bars.low[i]!,
    close: bars.close[i]!,
    volume: bars.volume[i]!,
  };
}
