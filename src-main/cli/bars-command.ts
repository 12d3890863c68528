import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { Instrument } from '../../src-shared/domain/instrument.ts';
import { createCore } from '../core.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import type { Output } from './cli-error.ts';
import { dataDirOption, parse, parseSeriesFlags, seriesFlags } from './options.ts';

export const BARS_USAGE =
  'candlewick bars --symbol SYM --timeframe TF [--from ISO] [--to ISO] [--limit N] [--source S] [--data-dir DIR] --json';

const flags = { ...dataDirOption, ...seriesFlags, json: { type: 'boolean' } } as const;

const ROWS_PER_WRITE = 10_000;

export async function barsCommand(args: string[], dataDirDefault: string, io: Output): Promise<number> {
  const { values } = parse(args, flags);
  const { symbol, timeframe, from, to, limit } = parseSeriesFlags(values);
  const core = await createCore({ dataDir: values['data-dir'] ?? dataDirDefault, poolSize: 1, seedDemo: false });
  try {
    const instrument = resolveInstrument(core.services.instruments, symbol, values.source);
    const { bars } = core.services.bars.query(instrument.id, timeframe, { from, to, limit });
    const n = bars.time.length;
    const iso = (i: number) => (n === 0 ? null : new Date(bars.time[i]!).toISOString());
    if (!values.json) {
      io.out(`${instrument.symbol} ${timeframe}: ${n.toLocaleString('en-US')} bars${n ? ` from ${iso(0)} to ${iso(n - 1)}` : ''}\n`);
      return 0;
    }
    // Streamed in slices so a million bars never become one giant string.
    io.out(`{"count":${n},"first":${JSON.stringify(iso(0))},"last":${JSON.stringify(iso(n - 1))},"bars":[`);
    for (let start = 0; start < n; start += ROWS_PER_WRITE) {
      const parts: string[] = [];
      for (let i = start; i < Math.min(n, start + ROWS_PER_WRITE); i++) {
        parts.push(`[${bars.time[i]},${bars.open[i]},${bars.high[i]},${bars.low[i]},${bars.close[i]},${bars.volume[i]}]`);
      }
      io.out((start === 0 ? '' : ',') + parts.join(','));
    }
    io.out(']}\n');
    return 0;
  } finally {
    await core.close();
  }
}

export function resolveInstrument(repo: InstrumentRepo, symbol: string, source?: string): Instrument {
  const matches = repo.findBySymbol(symbol).filter((i) => source === undefined || i.source === source);
  if (matches.length === 0) throw new AppFailure('NOT_FOUND', `No instrument "${symbol}"${source ? ` from ${source}` : ''} in this workspace`);
  if (matches.length > 1) {
    const sources = matches.map((m) => `${m.source}${m.venue ? `/${m.venue}` : ''}`).join(', ');
    throw new AppFailure('VALIDATION_FAILED', `"${symbol}" exists in several sources (${sources}); choose one with --source`);
  }
  return matches[0]!;
}
