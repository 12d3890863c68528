import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { IndicatorComputeOutput } from '../../src-shared/contract/indicators.contract.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { IndicatorConfig, IndicatorDescriptor } from '../../src-shared/domain/indicator.ts';
import type { Instrument } from '../../src-shared/domain/instrument.ts';
import { canResample, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import { catalogueDescriptors, resolveConfig } from '../../src-workers/indicators/catalogue/index.ts';
import type { ComputedIndicator, ComputePayload } from '../../src-workers/indicators/compute.ts';
import type { JobManager } from '../jobs/job-manager.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import type { BarService } from '../services/bar-service.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';

export interface ComputeRequest {
  readonly instrumentId: number;
  readonly timeframe: Timeframe;
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
  readonly indicators: readonly { readonly key: string; readonly config: IndicatorConfig }[];
}

/** Above this many bars a computation is also a job, so the UI shows its progress and can cancel it. */
export const JOB_THRESHOLD_BARS = 200_000;

/**
 * Indicator values for an instrument: validates the request against the catalogue, loads the
 * whole history up to `to` (values never depend on the window asked for), computes in the
 * worker pool and returns the requested range.
 */
export class IndicatorService {
  constructor(
    private readonly bars: BarService,
    private readonly instruments: InstrumentRepo,
    private readonly pool: WorkerPool,
    private readonly jobs: JobManager,
  ) {}

  catalogue(): IndicatorDescriptor[] {
    return catalogueDescriptors();
  }

  async compute(request: ComputeRequest): Promise<IndicatorComputeOutput> {
    const instrument = this.instruments.get(request.instrumentId);
    if (!instrument) throw new AppFailure('NOT_FOUND', `No instrument with id ${request.instrumentId}`, { instrumentId: request.instrumentId });
    const higherTimeframes = this.validate(request);
    if (request.from !== undefined && request.to !== undefined && request.from > request.to) {
      throw new AppFailure('VALIDATION_FAILED', `from (${iso(request.from)}) is after to (${iso(request.to)})`);
    }
    const { bars } = this.bars.query(instrument.id, request.timeframe, { to: request.to });
    const higher: Record<string, BarColumns> = {};
    for (const tf of higherTimeframes) higher[tf] = this.bars.query(instrument.id, tf, { to: request.to }).bars;
    const range = rangeOf(bars.time, request.from, request.limit);
    const time = bars.time.slice(range.start, range.end);
    const payload: ComputePayload = {
      bars,
      timeframe: request.timeframe,
      higher,
      indicators: request.indicators.map(({ key, config }) => ({ key, config })),
      range,
    };
    const total = bars.time.length + Object.values(higher).reduce((n, b) => n + b.time.length, 0);
    const results = total > JOB_THRESHOLD_BARS ? await this.runAsJob(instrument, request, payload) : await this.run(payload);
    return { time, results: results.map((r) => ({ key: r.key, outputs: r.outputs, fuzzy: r.fuzzy })) };
  }

  /** Checks every configuration up front; returns the higher timeframes that must be loaded. */
  private validate(request: ComputeRequest): Timeframe[] {
    const keys = new Set<string>();
    const higher = new Set<Timeframe>();
    request.indicators.forEach(({ key, config }, i) => {
      if (keys.has(key)) throw new AppFailure('VALIDATION_FAILED', `indicators[${i}].key: "${key}" is used twice`);
      keys.add(key);
      resolveConfig(config, `indicators[${i}].config`);
      const tf = config.timeframe;
      if (tf === undefined) return;
      if (!canResample(request.timeframe, tf)) {
        throw new AppFailure(
          'VALIDATION_FAILED',
          `indicators[${i}].config.timeframe: ${tf} is not a higher timeframe that ${request.timeframe} bars aggregate into ` +
            `(e.g. 1h or 1d on a 5m chart); leave it out to compute on the chart's own bars`,
          { timeframe: tf, chartTimeframe: request.timeframe },
        );
      }
      higher.add(tf);
    });
    return [...higher];
  }

  private run(payload: ComputePayload, options: { signal?: AbortSignal; onProgress?: (d: number, t: number, p: string) => void } = {}): Promise<ComputedIndicator[]> {
    return this.pool.run('indicators.compute', payload, { ...options, transferList: transferables(payload) });
  }

  /** Big computations are jobs too: listed, with progress, cancellable. The caller still gets the values. */
  private async runAsJob(instrument: Instrument, request: ComputeRequest, payload: ComputePayload): Promise<ComputedIndicator[]> {
    let results: ComputedIndicator[] | null = null;
    const ids = request.indicators.map((r) => r.config.id).join(', ');
    const { done } = this.jobs.submit({
      kind: 'indicators',
      title: `Indicators ${ids} on ${instrument.symbol} ${request.timeframe} (${payload.bars.time.length.toLocaleString('en-US')} bars)`,
      input: { ...request },
      run: async (ctx) => {
        results = await this.run(payload, { signal: ctx.signal, onProgress: (d, t, p) => ctx.progress(d, t, p) });
        // The record keeps a summary; the values go back to the caller only.
        return { bars: payload.range.end - payload.range.start, indicators: results.length };
      },
    });
    const record = await done;
    if (record.state === 'done' && results) return results;
    if (record.error) throw new AppFailure(record.error.code, record.error.message, record.error.details);
    throw new AppFailure('CANCELLED', 'Cancelled');
  }
}

/** Chart bars to return: from `from` (inclusive) to the end, then the last `limit` of them. */
export function rangeOf(time: Float64Array, from: number | undefined, limit: number | undefined): { start: number; end: number } {
  const end = time.length;
  let start = 0;
  if (from !== undefined) {
    let lo = 0;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (time[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  if (limit !== undefined) start = Math.max(start, end - limit);
  return { start, end };
}

/** The bar buffers the worker takes over (the time column we return was copied out before). */
function transferables(payload: ComputePayload): ArrayBuffer[] {
  const found: ArrayBuffer[] = [];
  const add = (column: Float64Array): void => {
    const buffer = column.buffer;
    if (buffer instanceof ArrayBuffer && column.byteLength === buffer.byteLength && !found.includes(buffer)) found.push(buffer);
  };
  for (const bars of [payload.bars, ...Object.values(payload.higher)]) {
    for (const column of [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume]) add(column);
  }
  return found;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
