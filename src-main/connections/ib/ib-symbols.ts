import type { AssetClass } from '../../../src-shared/domain/instrument.ts';

/** The contract fields this app sends to TWS (a subset of @stoqey/ib's Contract). */
export interface IbContractRef {
  conId?: number;
  symbol?: string;
  localSymbol?: string;
  secType: IbSecType;
  exchange: string;
  currency?: string;
}

export type IbSecType = 'STK' | 'CASH' | 'FUT' | 'OPT' | 'CRYPTO' | 'IND';

/** Exchanges whose contracts are not stocks, so `LOCAL@EXCHANGE` spells the type too. */
const SEC_TYPE_OF_EXCHANGE: Readonly<Record<string, IbSecType>> = {
  IDEALPRO: 'CASH', PAXOS: 'CRYPTO', ZEROHASH: 'CRYPTO',
  CME: 'FUT', GLOBEX: 'FUT', CBOT: 'FUT', NYMEX: 'FUT', COMEX: 'FUT', EUREX: 'FUT', ICEUS: 'FUT', CFE: 'FUT',
};
/** An OCC option symbol: root padded to 6, yymmdd, C/P, strike × 1000 in 8 digits. */
const OCC_OPTION = /^[A-Z.]{1,6} *\d{6}[CP]\d{8}$/;
const PLAIN_STOCK = /^[A-Z][A-Z0-9.]{0,11}$/;

/**
 * How an IB instrument is spelled in Candlewick, so that a stored symbol alone (a live symbol
 * restored at start, a backfill resumed) finds its contract again without a search:
 * - `AAPL` — a stock or ETF routed through SMART in USD;
 * - `LOCAL@EXCHANGE` — anything else by IB's local symbol: `EUR.USD@IDEALPRO` (forex),
 *   `BTC.USD@PAXOS` (crypto), `ESZ6@CME` (future), `AAPL  261218C00200000@SMART` (option),
 *   `SAP@IBIS` (a stock on a named exchange).
 */
export function contractOf(symbol: string): IbContractRef {
  const text = symbol.trim().toUpperCase();
  const at = text.lastIndexOf('@');
  if (at < 0) {
    if (!PLAIN_STOCK.test(text)) throw new RangeError(`"${symbol}" is not an IB symbol: write AAPL for a US stock, or LOCAL@EXCHANGE such as EUR.USD@IDEALPRO or ESZ6@CME`);
    return { symbol: text, secType: 'STK', exchange: 'SMART', currency: 'USD' };
  }
  const local = text.slice(0, at);
  const exchange = text.slice(at + 1);
  if (local === '' || !/^[A-Z0-9]+$/.test(exchange)) throw new RangeError(`"${symbol}" is not an IB symbol: LOCAL@EXCHANGE needs both parts, e.g. ESZ6@CME`);
  const secType = SEC_TYPE_OF_EXCHANGE[exchange] ?? (OCC_OPTION.test(local) ? 'OPT' : 'STK');
  // Forex and crypto pairs are also addressed as base symbol + currency, as TWS documents them.
  const pair = /^([A-Z]{3,5})\.([A-Z]{3})$/.exec(local);
  if (pair && (secType === 'CASH' || secType === 'CRYPTO')) return { symbol: pair[1], localSymbol: local, secType, exchange, currency: pair[2] };
  return { localSymbol: local, secType, exchange };
}

/** The spelling of a contract TWS described (the inverse of {@link contractOf}). */
export function symbolOf(c: { symbol?: string; localSymbol?: string; secType?: string; exchange?: string; primaryExch?: string; currency?: string }): string {
  const secType = c.secType ?? 'STK';
  if (secType === 'STK' && (c.currency ?? 'USD') === 'USD' && c.symbol && PLAIN_STOCK.test(c.symbol)) return c.symbol;
  const exchange = !c.exchange || c.exchange === 'SMART' ? (secType === 'STK' || secType === 'OPT' ? 'SMART' : c.primaryExch ?? c.exchange ?? 'SMART') : c.exchange;
  return `${c.localSymbol || c.symbol || ''}@${exchange}`;
}

/** The asset class a symbol's spelling implies (for storage and the market calendar). */
export function assetClassOf(symbol: string): AssetClass {
  const { secType } = contractOf(symbol);
  switch (secType) {
    case 'CASH': return 'forex';
    case 'CRYPTO': return 'crypto';
    case 'FUT': return 'future';
    case 'IND': return 'index';
    default: return 'stock';
  }
}

/** The currency a symbol trades in, where its spelling says (`EUR.USD` → USD); else USD. */
export function currencyOf(symbol: string): string {
  const c = contractOf(symbol);
  const quote = c.localSymbol?.split('.')[1];
  return (c.secType === 'CASH' || c.secType === 'CRYPTO') && quote && /^[A-Z]{3}$/.test(quote) ? quote : c.currency ?? 'USD';
}
