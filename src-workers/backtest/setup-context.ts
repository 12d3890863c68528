import { BAR_FIELDS, emptyBars, type BarColumns } from '../../src-shared/domain/bars.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { alignColumns } from '../indicators/align.ts';
import { resolveConfig } from '../indicators/catalogue/index.ts';
import { HigherTimeframes } from './higher-timeframe.ts';
import type { SetupContext } from './strategy.ts';

/**
 * The context a strategy's setup gets for one run: catalogue indicators computed once over the run's
 * bars or over a higher timeframe resampled from them, each configuration computed only once however
 * many times (and for however many outputs) a strategy asks for it.
 */
export function createSetupContext(bars: BarColumns, timeframe: Timeframe): SetupContext {
  const cache = new Map<string, Record<string, Float64Array>>();
  const higher = new HigherTimeframes(bars, timeframe);

  const compute = (id: string, params: object, on: string | undefined): Record<string, Float64Array> => {
    const { definition, params: resolved } = resolveConfig({ id, params } as never, `indicator ${id}`);
    if (on === undefined) return definition.batch(bars, resolved);
    const htf = higher.get(on, `indicator ${id}`);
    return alignColumns(htf.index, definition.batch(htf.bars, resolved));
  };

  return {
    bars,
    timeframe,
    indicator(id, params = {}, output, options) {
      const on = options?.timeframe;
      const key = `${id}:${JSON.stringify(params)}@${on ?? ''}`;
      let columns = cache.get(key);
      if (!columns) {
        columns = compute(id, params, on);
        cache.set(key, columns);
      }
      const name = output ?? Object.keys(columns)[0]!;
      const column = columns[name];
      if (!column) throw new AppFailure('VALIDATION_FAILED', `indicator ${id} has no output '${name}'; outputs: ${Object.keys(columns).join(', ')}`, { indicator: id });
      return column;
    },
    higherBars(on) {
      const htf = higher.get(on, 'higherBars');
      const aligned = alignColumns(htf.index, { ...htf.bars });
      const out = emptyBars(0);
      for (const field of BAR_FIELDS) out[field] = aligned[field]!;
      return out;
    },
  };
}
