import type { IndicatorParams } from '../../src-shared/domain/indicator.ts';
import { getIndicator, resolveParams } from '../../src-workers/indicators/catalogue/index.ts';
import type { IndicatorDefinition } from '../../src-workers/indicators/types.ts';
import { createCore } from '../core.ts';
import { resolveInstrument } from './bars-command.ts';
import { UsageError, type Output } from './cli-error.ts';
import { asUsage, dataDirOption, parse, parseParamPairs, parseSeriesFlags, seriesFlags } from './options.ts';

export const INDICATOR_USAGE =
  'candlewick indicator --symbol SYM --timeframe TF --name NAME [--param k=v]… [--from ISO] [--to ISO] [--limit N] [--source S] [--data-dir DIR] [--json]';

const flags = {
  ...dataDirOption,
  ...seriesFlags,
  name: { type: 'string' },
  param: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

const VALUES_PER_WRITE = 20_000;

/** Computes one indicator of the catalogue over stored bars; JSON values are null while warming up. */
export async function indicatorCommand(args: string[], dataDirDefault: string, io: Output): Promise<number> {
  const { values } = parse(args, flags);
  const { symbol, timeframe, from, to, limit } = parseSeriesFlags(values);
  if (!values.name) throw new UsageError('--name is required (candlewick indicators lists them)');
  const definition = asUsage(() => getIndicator(values.name!));
  const raw = paramsFromFlags(definition, (values.param as string[] | undefined) ?? []);
  const params = asUsage(() => resolveParams(definition, raw, '--param'));

  const core = await createCore({ dataDir: values['data-dir'] ?? dataDirDefault, poolSize: 1, seedDemo: false });
  try {
    const instrument = resolveInstrument(core.services.instruments, symbol, values.source);
    const { time, results } = await core.services.indicators.compute({
      instrumentId: instrument.id,
      timeframe,
      from,
      to,
      limit,
      indicators: [{ key: definition.descriptor.id, config: { id: definition.descriptor.id, params, fuzzy: [] } }],
    });
    const outputs = results[0]!.outputs;
    if (values.json) {
      writeJson(io, definition.descriptor.id, params, time, outputs);
      return 0;
    }
    io.out(summary(instrument.symbol, timeframe, definition, params, time, outputs));
    return 0;
  } finally {
    await core.close();
  }
}

/** `k=v` pairs; numbers for numeric parameters, text otherwise (the schema judges both). */
function paramsFromFlags(definition: IndicatorDefinition, pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(parseParamPairs(pairs))) {
    const spec = definition.descriptor.params.find((p) => p.name === name);
    const numeric = spec !== undefined && spec.type !== 'choice';
    out[name] = numeric && text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return out;
}

function writeJson(io: Output, name: string, params: IndicatorParams, time: Float64Array, outputs: Record<string, Float64Array>): void {
  io.out(`{"name":${JSON.stringify(name)},"params":${JSON.stringify(params)},"time":[`);
  writeColumn(io, time);
  io.out('],"outputs":{');
  Object.entries(outputs).forEach(([id, column], k) => {
    io.out(`${k === 0 ? '' : ','}${JSON.stringify(id)}:[`);
    writeColumn(io, column);
    io.out(']');
  });
  io.out('}}\n');
}

/** Streamed in slices so a million values never become one giant string; NaN is null. */
function writeColumn(io: Output, column: Float64Array): void {
  for (let start = 0; start < column.length; start += VALUES_PER_WRITE) {
    const parts: string[] = [];
    const end = Math.min(column.length, start + VALUES_PER_WRITE);
    for (let i = start; i < end; i++) parts.push(Number.isFinite(column[i]!) ? String(column[i]) : 'null');
    io.out((start === 0 ? '' : ',') + parts.join(','));
  }
}

function summary(
  symbol: string,
  timeframe: string,
  definition: IndicatorDefinition,
  params: IndicatorParams,
  time: Float64Array,
  outputs: Record<string, Float64Array>,
): string {
  const n = time.length;
  const args = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const head = `${symbol} ${timeframe} ${definition.descriptor.id}(${args}): ${n.toLocaleString('en-US')} bars`;
  if (n === 0) return `${head}\n`;
  const first = Object.values(outputs)[0]!;
  let warmUp = 0;
  while (warmUp < n && Number.isNaN(first[warmUp]!)) warmUp++;
  const last = Object.entries(outputs)
    .map(([id, column]) => `${id}=${Number.isFinite(column[n - 1]!) ? round(column[n - 1]!) : '—'}`)
    .join(', ');
  return (
    `${head} from ${new Date(time[0]!).toISOString()} to ${new Date(time[n - 1]!).toISOString()}\n` +
    `  warm-up: ${warmUp.toLocaleString('en-US')} bars without a value\n` +
    `  last (${new Date(time[n - 1]!).toISOString()}): ${last}\n`
  );
}

function round(v: number): string {
  return Number(v.toPrecision(8)).toString();
}
