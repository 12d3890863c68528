import { BAR_FIELDS, emptyBars, type BarColumns } from '../../src-shared/domain/bars.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { alignColumns } from '../indicators/align.ts';
import { resolveConfig, type ResolvedConfig } from '../indicators/catalogue/index.ts';
import { HigherTimeframes } from './higher-timeframe.ts';
import type { SetupContext } from './strategy.ts';

/**
 * Somewhere columns computed elsewhere may already be — the optimizer's store shared by the workers
 * of a job: the column for `key`, or `compute()`'s (which the source may then keep for others).
 */
export interface ColumnSource {
  acquire(key: string, compute: () => Float64Array): Float64Array;
}

/**
 * Catalogue indicator columns over one series of bars (or a higher timeframe resampled from them),
 * each configuration computed once however many runs, strategies and outputs ask for it. A backtest
 * makes one per run; the optimizer makes one per batch, so that parameter sets sharing an indicator
 * (every fast/slow pair with the same slow period) share its column. Strategies only read the columns.
 *
 * `budgetBytes` bounds what is kept: past it the least recently used configurations are dropped (a
 * column a run still holds stays alive until the run ends, and is computed again if asked for later).
 */
export class IndicatorCache {
  readonly bars: BarColumns;
  readonly timeframe: Timeframe;
  /** Configurations computed here so far (not found in the cache nor in the source): tests, bench. */
  computed = 0;
  private readonly columns = new Map<string, Record<string, Float64Array>>();
  private readonly higher: HigherTimeframes;
  private readonly aligned = new Map<string, BarColumns>();
  private readonly budgetBytes: number;
  private bytes = 0;
  private readonly source: ColumnSource | undefined;

  /**
   * `source`, when given, is asked for single-output indicators before they are computed here (a
   * column it holds has the very values this cache would compute).
   */
  constructor(bars: BarColumns, timeframe: Timeframe, budgetBytes = Infinity, source?: ColumnSource) {
    this.bars = bars;
    this.timeframe = timeframe;
    this.higher = new HigherTimeframes(bars, timeframe);
    this.budgetBytes = budgetBytes;
    this.source = source;
  }

  /** Every output column of indicator `id` with `params`, on the run's bars or on timeframe `on`. */
  get(id: string, params: object, on: string | undefined): Record<string, Float64Array> {
    const key = `${id}:${JSON.stringify(params)}@${on ?? ''}`;
    const found = this.columns.get(key);
    if (found) {
      if (this.budgetBytes !== Infinity) {
        // Most recently used last (a Map iterates in insertion order).
        this.columns.delete(key);
        this.columns.set(key, found);
      }
      return found;
    }
    const resolved = resolveConfig({ id, params } as never, `indicator ${id}`);
    const outputs = resolved.definition.descriptor.outputs;
    let columns: Record<string, Float64Array>;
    if (this.source && outputs.length === 1) {
      const name = outputs[0]!.id;
      columns = { [name]: this.source.acquire(key, () => this.compute(resolved, id, on)[name]!) };
    } else columns = this.compute(resolved, id, on);
    this.keep(key, columns);
    return columns;
  }

  /**
   * The run's bars on a higher timeframe, one entry per run bar: the last higher bar closed by then
   * (resampled and aligned once).
   */
  higherBars(on: string): BarColumns {
    const found = this.aligned.get(on);
    if (found) return found;
    const htf = this.higher.get(on, 'higherBars');
    const aligned = alignColumns(htf.index, { ...htf.bars });
    const out = emptyBars(0);
    for (const field of BAR_FIELDS) out[field] = aligned[field]!;
    this.aligned.set(on, out);
    return out;
  }

  private compute({ definition, params }: ResolvedConfig, id: string, on: string | undefined): Record<string, Float64Array> {
    this.computed++;
    if (on === undefined) return definition.batch(this.bars, params);
    const htf = this.higher.get(on, `indicator ${id}`);
    return alignColumns(htf.index, definition.batch(htf.bars, params));
  }

  private keep(key: string, columns: Record<string, Float64Array>): void {
    this.columns.set(key, columns);
    if (this.budgetBytes === Infinity) return;
    this.bytes += sizeOf(columns);
    for (const [old, value] of this.columns) {
      if (this.bytes <= this.budgetBytes || old === key) break;
      this.columns.delete(old);
      this.bytes -= sizeOf(value);
    }
  }
}

function sizeOf(columns: Record<string, Float64Array>): number {
  let bytes = 0;
  for (const name in columns) bytes += columns[name]!.byteLength;
  return bytes;
}

/**
 * The context a strategy's setup gets for one run: catalogue indicators from `cache` (a fresh one per
 * run unless the caller shares one across runs over the same bars), higher-timeframe bars likewise.
 */
export function createSetupContext(bars: BarColumns, timeframe: Timeframe, cache = new IndicatorCache(bars, timeframe)): SetupContext {
  if (cache.bars !== bars || cache.timeframe !== timeframe) throw new Error('an indicator cache serves the bars and timeframe it was made for');
  return {
    bars,
    timeframe,
    indicator(id, params = {}, output, options) {
      const columns = cache.get(id, params, options?.timeframe);
      const name = output ?? Object.keys(columns)[0]!;
      const column = columns[name];
      if (!column) throw new AppFailure('VALIDATION_FAILED', `indicator ${id} has no output '${name}'; outputs: ${Object.keys(columns).join(', ')}`, { indicator: id });
      return column;
    },
    higherBars: (on) => cache.higherBars(on),
  };
}
