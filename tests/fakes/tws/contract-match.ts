import type { Instrument } from './instruments.ts';

/** The contract fields a request carries, as the client encoded them ('' where unset). */
export interface ContractQuery {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly lastTradeDateOrContractMonth: string;
  readonly strike: number;
  readonly right: string;
  readonly multiplier: string;
  readonly exchange: string;
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
}

/** Reads the 12 contract fields every market-data request carries, from `fields[at]` on. */
export function readContract(fields: readonly string[], at: number): ContractQuery {
  const f = (i: number) => fields[at + i] ?? '';
  return {
    conId: Number(f(0)) || 0, symbol: f(1), secType: f(2), lastTradeDateOrContractMonth: f(3), strike: Number(f(4)) || 0,
    right: f(5), multiplier: f(6), exchange: f(7), primaryExch: f(8), currency: f(9), localSymbol: f(10), tradingClass: f(11),
  };
}

/** How a contract shows in stats and logs: `265598 AAPL`, or the fields asked for when unresolved. */
export function describeQuery(q: ContractQuery): string {
  return [q.conId || '', q.symbol, q.secType, q.lastTradeDateOrContractMonth, q.strike || '', q.right, q.exchange, q.currency, q.localSymbol].filter((x) => x !== '').join(' ');
}

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();
const RIGHTS: Record<string, string> = { C: 'C', CALL: 'C', P: 'P', PUT: 'P' };

function exchangeServes(i: Instrument, exchange: string): boolean {
  if (exchange === '' || same(exchange, i.exchange) || same(exchange, i.primaryExch)) return true;
  return i.validExchanges.split(',').some((e) => same(e, exchange));
}

/**
 * Every instrument the query describes, the way TWS resolves one: a conId alone is enough; otherwise
 * each field given must agree (symbol, security type, expiry prefix `yyyyMM` or `yyyyMMdd`, strike,
 * right, multiplier, exchange among the valid ones, currency, local symbol, trading class).
 */
export function matchContracts(instruments: readonly Instrument[], q: ContractQuery): Instrument[] {
  return instruments.filter((i) => {
    if (q.conId > 0 && q.conId !== i.conId) return false;
    if (q.symbol !== '' && !same(q.symbol, i.symbol)) return false;
    if (q.secType !== '' && !same(q.secType, i.secType)) return false;
    if (q.lastTradeDateOrContractMonth !== '' && !i.lastTradeDateOrContractMonth.startsWith(q.lastTradeDateOrContractMonth)) return false;
    if (q.strike > 0 && q.strike !== i.strike) return false;
    if (q.right !== '' && q.right !== '?' && RIGHTS[q.right.toUpperCase()] !== i.right) return false;
    if (q.multiplier !== '' && Number(q.multiplier) !== Number(i.multiplier || 1)) return false;
    if (!exchangeServes(i, q.exchange)) return false;
    if (q.primaryExch !== '' && i.primaryExch !== '' && !same(q.primaryExch, i.primaryExch)) return false;
    if (q.currency !== '' && !same(q.currency, i.currency)) return false;
    if (q.localSymbol !== '' && !same(q.localSymbol, i.localSymbol)) return false;
    if (q.tradingClass !== '' && !same(q.tradingClass, i.tradingClass)) return false;
    // Without a conId TWS needs at least a symbol or a local symbol to look anything up.
    return q.conId > 0 || q.symbol !== '' || q.localSymbol !== '';
  });
}

export type Resolution = { readonly instrument: Instrument } | { readonly code: 200; readonly message: string };

/** Exactly one instrument for a market-data request, or the error 200 TWS sends. */
export function resolveOne(instruments: readonly Instrument[], q: ContractQuery): Resolution {
  const found = matchContracts(instruments, q);
  if (found.length === 1) return { instrument: found[0] };
  if (found.length === 0) return { code: 200, message: 'No security definition has been found for the request' };
  return { code: 200, message: `The contract description specified for ${q.symbol || q.localSymbol} is ambiguous.` };
}
