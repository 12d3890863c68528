import { createCore } from '../core.ts';
import type { Output } from './cli-error.ts';
import { dataDirOption, parse } from './options.ts';

export const SYMBOLS_USAGE = 'candlewick symbols [--data-dir DIR] [--json]';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function symbolsCommand(args: string[], dataDirDefault: string, io: Output): Promise<number> {
  const { values } = parse(args, { ...dataDirOption, json: { type: 'boolean' } });
  const core = await createCore({ dataDir: values['data-dir'] ?? dataDirDefault, poolSize: 1, seedDemo: false });
  try {
    const list = core.services.instruments.list().map((i) => ({
      symbol: i.symbol,
      venue: i.venue,
      source: i.source,
      assetClass: i.assetClass,
      currency: i.currency,
      tickSize: i.tickSize,
      lotSize: i.lotSize,
      series: i.series.map((s) => ({ timeframe: s.timeframe, count: s.count, first: iso(s.first), last: iso(s.last) })),
    }));
    if (values.json) {
      io.out(`${JSON.stringify(list)}\n`);
      return 0;
    }
    if (list.length === 0) io.out('No instruments yet: import one with `candlewick import <file> --symbol SYM`\n');
    let source = '';
    for (const i of list) {
      if (i.source !== source) io.out(`${(source = i.source)}\n`);
      const series = i.series.map((s) => `${s.timeframe} ${s.count.toLocaleString('en-US')} bars`).join(', ');
      io.out(`  ${i.symbol.padEnd(14)} ${i.assetClass.padEnd(7)} ${i.currency.padEnd(5)} ${series}\n`);
    }
    return 0;
  } finally {
    await core.close();
  }
}
