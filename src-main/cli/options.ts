import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BacktestSettingsInput, Sizing } from '../../src-shared/domain/backtest.ts';
import { isTimeframe, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import { UsageError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flag values as parsed: booleans for boolean flags, strings for the rest, absent when not given. */
export type FlagValues<O extends Options> = { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string };

/** parseArgs with our error type: an unknown flag is a usage error, not a crash. */
export function parse<O extends Options>(
  args: string[],
  options: O,
  allowPositionals = false,
): { values: FlagValues<O>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: parsed.values as FlagValues<O>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function parseTime(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} "${value}" is not an ISO date such as 2014-01-31 or 2014-01-31T09:30:00Z`);
  return ms;
}

export function parseNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`${flag} "${value}" is not a number`);
  return n;
}

export const dataDirOption = { 'data-dir': { type: 'string' } } as const;

/** The flags that choose a series and a range of it, shared by `bars` and `indicator`. */
export const seriesFlags = {
  symbol: { type: 'string' },
  timeframe: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  source: { type: 'string' },
} as const;

export interface SeriesSelection {
  symbol: string;
  timeframe: Timeframe;
  from?: number;
  to?: number;
  limit?: number;
}

/** Checks and converts the series flags; every mistake is a usage error naming the flag. */
export function parseSeriesFlags(values: FlagValues<typeof seriesFlags>): SeriesSelection {
  if (!values.symbol) throw new UsageError('--symbol is required');
  if (!values.timeframe || !isTimeframe(values.timeframe)) {
    throw new UsageError(`--timeframe ${values.timeframe ? `"${values.timeframe}" is not a timeframe` : 'is required'} (1m, 5m, 1h, 1d, 1w, 1M …)`);
  }
  const from = parseTime(values.from, '--from');
  const to = parseTime(values.to, '--to');
  if (from !== undefined && to !== undefined && from > to) throw new UsageError('--from is after --to');
  const limit = parseNumber(values.limit, '--limit');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new UsageError(`--limit "${values.limit}" is not a positive whole number`);
  }
  return { symbol: values.symbol, timeframe: values.timeframe, from, to, limit };
}

/** The flags of a backtest's settings, shared by `backtest` and `optimize`. */
export const settingsFlags = {
  cash: { type: 'string' },
  commission: { type: 'string' },
  sizing: { type: 'string' },
  calendar: { type: 'string' },
} as const;

/** Checks and converts the settings flags: 100,000 cash, no commission, all-in percent sizing and the stock calendar by default. */
export function parseSettingsFlags(values: FlagValues<typeof settingsFlags>): { settings: BacktestSettingsInput; calendar: 'stock' | 'crypto' } {
  const cash = parseNumber(values.cash, '--cash') ?? 100_000;
  if (!(cash > 0)) throw new UsageError(`--cash "${values.cash}" must be a positive amount`);
  const rate = parseNumber(values.commission, '--commission') ?? 0;
  if (!(rate >= 0 && rate < 1)) throw new UsageError(`--commission "${values.commission}" must be a fraction of traded value from 0 to 1 (0.001 = 0.1 %)`);
  const sizing = parseSizing(values.sizing);
  const calendar = values.calendar ?? 'stock';
  if (calendar !== 'stock' && calendar !== 'crypto') throw new UsageError(`--calendar "${calendar}" must be stock or crypto`);
  return { settings: { initialCash: cash, commission: rate > 0 ? { kind: 'percent', rate } : { kind: 'none' }, sizing }, calendar };
}

function parseSizing(text: string | undefined): Sizing {
  if (text === undefined) return { kind: 'percent', percent: 100 };
  const m = /^(fixed|percent):(.+)$/.exec(text);
  const n = m ? Number(m[2]) : NaN;
  if (!m || !(Number.isFinite(n) && n > 0)) throw new UsageError(`--sizing "${text}" is not fixed:QTY or percent:P with a positive number (e.g. percent:100)`);
  if (m[1] === 'percent' && n > 1000) throw new UsageError(`--sizing "${text}": percent must be at most 1000`);
  return m[1] === 'fixed' ? { kind: 'fixed', qty: n } : { kind: 'percent', percent: n };
}

/** `--param k=v` pairs as text (each command's schema judges the values). */
export function parseParamPairs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param "${pair}" is not name=value (e.g. --param period=20)`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** A validation or not-found failure of the user's arguments becomes a usage error (exit 2). */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppFailure && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED')) throw new UsageError(error.message);
    throw error;
  }
}

/** {@link asUsage} for a check that has to wait (a user strategy's parameters are checked in a worker). */
export async function asUsageAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppFailure && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED')) throw new UsageError(error.message);
    throw error;
  }
}
