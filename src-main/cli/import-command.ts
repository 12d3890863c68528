import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { ImportResult } from '../../src-shared/contract/import.contract.ts';
import { validationError } from '../../src-shared/contract/validation.ts';
import { ColumnMappingSchema, ParseOptionsSchema, type ParseOptions } from '../../src-shared/domain/import.ts';
import { InstrumentSpecSchema } from '../../src-shared/domain/instrument.ts';
import { detectFormat } from '../../src-workers/import/index.ts';
import { createCore } from '../core.ts';
import { UsageError, type Output } from './cli-error.ts';
import { dataDirOption, parse, parseNumber, type FlagValues } from './options.ts';

export const IMPORT_USAGE = `candlewick import <file> --symbol SYM [--timeframe TF] [--tz ZONE] [--data-dir DIR] [--json]
  [--kind bars|ticks|quotes] [--date-format F] [--map date=0,time=1,open=2,high=3,low=4,close=5,volume=6]
  [--delimiter ,|;|tab] [--no-header|--header] [--decimal-comma]
  [--venue V] [--asset-class stock|etf|index|future|forex|crypto] [--currency USD] [--tick-size N] [--lot-size N] [--source csv]`;

const flags = {
  ...dataDirOption,
  symbol: { type: 'string' },
  timeframe: { type: 'string' },
  tz: { type: 'string' },
  json: { type: 'boolean' },
  kind: { type: 'string' },
  'date-format': { type: 'string' },
  map: { type: 'string' },
  delimiter: { type: 'string' },
  header: { type: 'boolean' },
  'no-header': { type: 'boolean' },
  'decimal-comma': { type: 'boolean' },
  venue: { type: 'string' },
  'asset-class': { type: 'string' },
  currency: { type: 'string' },
  'tick-size': { type: 'string' },
  'lot-size': { type: 'string' },
  source: { type: 'string' },
} as const;

export async function importCommand(args: string[], dataDirDefault: string, io: Output): Promise<number> {
  const { values, positionals } = parse(args, flags, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one file to import');
  if (!values.symbol) throw new UsageError('--symbol is required');
  if (values.tz !== undefined && !isTimeZone(values.tz)) {
    throw new UsageError(`--tz "${values.tz}" is not a time zone such as UTC or America/New_York`);
  }
  const file = positionals[0]!;
  const fileName = basename(file);
  const bytes = readFile(file);
  const detection = detectFormat(bytes, fileName);
  const options = buildOptions(fileName, detection.options, values);
  const instrument = InstrumentSpecSchema.safeParse({
    symbol: values.symbol,
    venue: values.venue,
    assetClass: values['asset-class'],
    currency: values.currency,
    tickSize: parseNumber(values['tick-size'], '--tick-size'),
    lotSize: parseNumber(values['lot-size'], '--lot-size'),
    source: values.source,
  });
  if (!instrument.success) throw new UsageError(validationError('instrument', instrument.error).message.replace(/^Invalid /, ''));

  const core = await createCore({ dataDir: values['data-dir'] ?? dataDirDefault, poolSize: 1, seedDemo: false });
  try {
    const job = core.services.imports.start({ fileName, bytes, options, instrument: instrument.data });
    const record = await job.done;
    if (record.state !== 'done') throw new AppFailure(record.error?.code ?? 'INTERNAL', record.error?.message ?? 'import failed');
    const result = record.result as ImportResult;
    io.out(values.json ? `${JSON.stringify(toJson(result))}\n` : describe(fileName, result));
    return 0;
  } finally {
    await core.close();
  }
}

function readFile(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new AppFailure('INVALID_FILE', `cannot read ${file}: ${why}`);
  }
}

type Flags = FlagValues<typeof flags>;

function buildOptions(fileName: string, detected: ParseOptions | null, v: Flags): ParseOptions {
  if (!detected && !v.map) {
    throw new AppFailure(
      'INVALID_FILE',
      `could not recognise the columns of ${fileName}; give them with --map date=0,open=1,high=2,low=3,close=4,volume=5 and --date-format`,
    );
  }
  const candidate = {
    ...(detected ?? { kind: 'bars', delimiter: ',', hasHeader: true, dateFormat: 'iso', timeZone: 'UTC', timeframe: '1d' }),
    ...(v.kind !== undefined && { kind: v.kind }),
    ...(v['date-format'] !== undefined && { dateFormat: v['date-format'] }),
    ...(v.map !== undefined && { mapping: parseMapping(v.map) }),
    ...(v.delimiter !== undefined && { delimiter: v.delimiter === 'tab' ? '\t' : v.delimiter }),
    ...(v.header && { hasHeader: true }),
    ...(v['no-header'] && { hasHeader: false }),
    ...(v['decimal-comma'] && { decimalComma: true }),
    ...(v.tz !== undefined && { timeZone: v.tz }),
    ...(v.timeframe !== undefined && { timeframe: v.timeframe }),
  };
  const parsed = ParseOptionsSchema.safeParse(candidate);
  if (!parsed.success) throw new UsageError(validationError('options', parsed.error).message.replace(/^Invalid /, ''));
  return parsed.data;
}

function parseMapping(text: string) {
  const entries = text.split(',').map((pair) => {
    const [role, index] = pair.split('=');
    if (!role || index === undefined || !/^\d+$/.test(index)) throw new UsageError(`--map entry "${pair}" is not role=column`);
    return [role.trim(), Number(index)] as const;
  });
  const mapping = ColumnMappingSchema.strict().safeParse(Object.fromEntries(entries));
  if (!mapping.success) throw new UsageError(validationError('--map', mapping.error).message.replace(/^Invalid /, ''));
  return mapping.data;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function toJson(r: ImportResult) {
  return {
    instrument: r.symbol,
    instrumentId: r.instrumentId,
    timeframe: r.timeframe,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    rejectedCount: r.rejectedCount,
  };
}

function describe(fileName: string, r: ImportResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `Imported ${fileName} as ${r.symbol} ${r.timeframe}: ${n(r.inserted)} inserted, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged, ${n(r.rejectedCount)} rejected`,
    ...r.rejected.slice(0, 20).map((x) => `  line ${x.row}: ${x.reason}`),
  ];
  if (r.rejectedCount > 20) lines.push(`  … and ${n(r.rejectedCount - 20)} more rejected rows (use --json for the list)`);
  return `${lines.join('\n')}\n`;
}
