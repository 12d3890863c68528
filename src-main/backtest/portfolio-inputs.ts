import type { z } from 'zod';
import type { PortfolioStartInputSchema } from '../../src-shared/contract/portfolio.contract.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { Instrument } from '../../src-shared/domain/instrument.ts';
import type { BarService } from '../services/bar-service.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import type { ReadRange } from './portfolio-repo.ts';

export type PortfolioStart = z.output<typeof PortfolioStartInputSchema>;

/** What a portfolio run reads, checked: the instruments in the request's order with their bars. */
export interface PortfolioInputs {
  instruments: { id: number; symbol: string; bars: BarColumns }[];
  /** Bars on the common timeline (the union of the instruments' bar times). */
  timelineBars: number;
  /** The range the bars were read with, with open ends pinned to the data, so a re-run reads the same bars. */
  range: ReadRange;
}

/**
 * Checks a portfolio request against the workspace and reads its bars (through BarService, so a
 * timeframe that is not stored is aggregated as for a single backtest). Every problem the engine
 * would only find in a worker is refused here, before a job starts, with a message naming it.
 */
export function loadPortfolioInputs(input: PortfolioStart, instruments: InstrumentRepo, barService: BarService): PortfolioInputs {
  const chosen = input.instrumentIds.map((id) => {
    const instrument = instruments.get(id);
    if (!instrument) throw new AppFailure('NOT_FOUND', `No instrument with id ${id}`, { instrumentId: id });
    return instrument;
  });
  checkDistinct(chosen);
  const { from, to, timeframe } = input;
  if (from !== undefined && to !== undefined && from > to) {
    throw new AppFailure('VALIDATION_FAILED', `from (${iso(from)}) is after to (${iso(to)})`, { field: 'from' });
  }
  const symbols = chosen.map((i) => i.symbol);
  if (input.config.weights.kind === 'fixed') {
    const stray = Object.keys(input.config.weights.weights).find((symbol) => !symbols.includes(symbol));
    if (stray !== undefined) {
      throw new AppFailure('VALIDATION_FAILED', `The fixed weights give a weight to "${stray}", which is not one of the chosen instruments (${symbols.join(', ')})`, {
        field: 'config.weights', symbol: stray,
      });
    }
  }

  const read = chosen.map((instrument) => {
    const { bars, resampledFrom } = queryBars(barService, instrument, input);
    if (bars.time.length === 0) {
      const range = `between ${from !== undefined ? iso(from) : 'the start'} and ${to !== undefined ? iso(to) : 'the end'}`;
      throw new AppFailure('VALIDATION_FAILED', `Instrument "${instrument.symbol}" has no ${timeframe} bars ${range}`, {
        instrumentId: instrument.id, symbol: instrument.symbol,
      });
    }
    const source = instrument.series.find((s) => s.timeframe === (resampledFrom ?? timeframe))!;
    return { instrument, bars, first: source.first ?? bars.time[0]!, last: source.last ?? bars.time[bars.time.length - 1]! };
  });
  const timelineBars = timelineLength(read.map((r) => r.bars));
  if (timelineBars < 2) {
    throw new AppFailure('VALIDATION_FAILED', `${symbols.join(', ')} ${timeframe} have ${timelineBars} bar(s) in the chosen range; a portfolio backtest needs at least 2`, {
      field: 'from',
    });
  }
  return {
    instruments: read.map(({ instrument, bars }) => ({ id: instrument.id, symbol: instrument.symbol, bars })),
    timelineBars,
    range: { from: from ?? Math.min(...read.map((r) => r.first)), to: to ?? Math.max(...read.map((r) => r.last)) },
  };
}

/** The engine names instruments by symbol (fills, fixed weights), so two of the same symbol cannot be told apart. */
function checkDistinct(chosen: readonly Instrument[]): void {
  chosen.forEach((instrument, k) => {
    const twin = chosen.findIndex((other) => other.symbol.toUpperCase() === instrument.symbol.toUpperCase());
    if (twin === k) return;
    const message = chosen[twin]!.id === instrument.id
      ? `Instrument "${instrument.symbol}" (id ${instrument.id}) is chosen twice`
      : `Two chosen instruments are both "${instrument.symbol}" (ids ${chosen[twin]!.id} and ${instrument.id}, sources ${chosen[twin]!.source} and ${instrument.source}); choose one`;
    throw new AppFailure('VALIDATION_FAILED', message, { field: 'instrumentIds', instrumentId: instrument.id });
  });
}

/** The instrument exists (checked before), so BarService's NOT_FOUND here means "no bars at this timeframe": a choice to correct. */
function queryBars(barService: BarService, instrument: Instrument, input: PortfolioStart) {
  try {
    return barService.query(instrument.id, input.timeframe, { from: input.from, to: input.to });
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'NOT_FOUND') throw new AppFailure('VALIDATION_FAILED', error.message, error.details);
    throw error;
  }
}

/** Distinct times over sorted series: a k-way walk, no allocation per bar. */
function timelineLength(series: readonly BarColumns[]): number {
  const times = series.map((s) => s.time);
  const at = new Int32Array(times.length);
  let count = 0;
  for (;;) {
    let next = Infinity;
    for (let k = 0; k < times.length; k++) {
      const t = times[k]![at[k]!];
      if (t !== undefined && t < next) next = t;
    }
    if (next === Infinity) return count;
    count++;
    for (let k = 0; k < times.length; k++) if (times[k]![at[k]!] === next) at[k] = at[k]! + 1;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
