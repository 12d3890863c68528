import type { Detection, ImportKind, ParseOptions } from '../../src-shared/domain/import.ts';
import type { AssetClass } from '../../src-shared/domain/instrument.ts';

export const ROLES = ['date', 'time', 'open', 'high', 'low', 'close', 'volume', 'price', 'bid', 'ask'] as const;
export type Role = (typeof ROLES)[number];

/** Roles each kind of file cannot do without (besides the date). */
export const REQUIRED_ROLES: Record<ImportKind, readonly Role[]> = {
  bars: ['date', 'open', 'high', 'low', 'close'],
  ticks: ['date', 'price'],
  quotes: ['date', 'bid', 'ask'],
};

/** What the wizard's form edits: the parse options and the instrument, as the user sees them. */
export interface ImportDraft {
  kind: ImportKind;
  delimiter: ParseOptions['delimiter'];
  hasHeader: boolean;
  dateFormat: ParseOptions['dateFormat'];
  decimalComma: boolean;
  mapping: Record<Role, number | null>;
  timeZone: string;
  timeframe: string;
  symbol: string;
  venue: string;
  assetClass: AssetClass;
  currency: string;
  tickSize: number | string;
  lotSize: number | string;
}

/** The form as detection proposes it; when nothing was recognised, a guess from the header names. */
export function draftFromDetection(detection: Detection): ImportDraft {
  const options = detection.options;
  const mapping = options ? mappingFromOptions(options.mapping) : guessMapping(detection.columns);
  return {
    kind: options?.kind ?? 'bars',
    delimiter: options?.delimiter ?? ',',
    hasHeader: options?.hasHeader ?? true,
    dateFormat: options?.dateFormat ?? 'iso',
    decimalComma: options?.decimalComma ?? false,
    mapping,
    timeZone: options?.timeZone ?? 'UTC',
    timeframe: options?.timeframe ?? detection.detectedTimeframe ?? '1d',
    symbol: detection.suggestedSymbol ?? '',
    venue: '',
    assetClass: detection.format === 'binance' ? 'crypto' : 'stock',
    currency: detection.format === 'binance' ? 'USDT' : 'USD',
    tickSize: 0.01,
    lotSize: 1,
  };
}

function mappingFromOptions(mapping: ParseOptions['mapping']): Record<Role, number | null> {
  const out = emptyMapping();
  for (const role of ROLES) out[role] = mapping[role] ?? null;
  return out;
}

function emptyMapping(): Record<Role, number | null> {
  return Object.fromEntries(ROLES.map((role) => [role, null])) as Record<Role, number | null>;
}

// Header names as the common exports write them, after lower-casing and dropping `<>`, spaces, `_`.
const NAMES: Record<Role, RegExp> = {
  date: /^(date|datetime|timestamp|opentime|day|dt|gmttime|localtime)$/,
  time: /^time$/,
  open: /^(open|o)$/,
  high: /^(high|h)$/,
  low: /^(low|l)$/,
  close: /^(close|c|last)$/,
  volume: /^(volume|vol|v|tickvol|qty|quantity|size|amount)$/,
  price: /^(price|last|tradeprice)$/,
  bid: /^(bid|bidprice)$/,
  ask: /^(ask|askprice|offer)$/,
};

/** Maps each role to the first column whose header names it. */
export function guessMapping(columns: readonly string[]): Record<Role, number | null> {
  const out = emptyMapping();
  const names = columns.map((c) => c.toLowerCase().replace(/[<>\s_]/g, ''));
  for (const role of ROLES) {
    const index = names.findIndex((name) => NAMES[role].test(name));
    out[role] = index >= 0 ? index : null;
  }
  if (out.date === null && out.time !== null) [out.date, out.time] = [out.time, null];
  return out;
}

/** The roles a column is used for, for the preview table's header. */
export function rolesOfColumn(mapping: Record<Role, number | null>, column: number): Role[] {
  return ROLES.filter((role) => mapping[role] === column);
}
