import type { ConnectionSettings } from '../../src-shared/domain/connection.ts';
import type { InstrumentSpec } from '../../src-shared/domain/instrument.ts';
import { assetClassOf, currencyOf } from '../connections/ib/ib-symbols.ts';

/** TWS and IB Gateway ports: data through them is IB's own; any other port is a gateway or a fake. */
const IB_PORTS = new Set([7496, 7497, 4001, 4002]);

/**
 * The instrument a connection's symbol is stored under. Its venue is the exchange (or 'yahoo'),
 * suffixed with the host when the connection points somewhere other than the venue's public address
 * (a gateway, a local fake), so data from a test server never mixes with the real venue's.
 */
export function instrumentSpecFor(settings: ConnectionSettings, symbol: string): InstrumentSpec {
  const host = settings.urls.rest ? `@${new URL(settings.urls.rest).host}` : '';
  if (settings.kind === 'ccxt') {
    const quote = symbol.split('/')[1]?.split(':')[0] ?? 'USD';
    return {
      symbol,
      venue: `${settings.exchange ?? 'ccxt'}${host}`,
      assetClass: 'crypto',
      currency: /^[A-Z0-9]{2,10}$/.test(quote) ? quote : 'USD',
      tickSize: 0.01,
      lotSize: 0.00001,
      source: 'ccxt',
    };
  }
  if (settings.kind === 'ib') {
    const ib = settings.ib!;
    const local = IB_PORTS.has(ib.port) && (ib.host === '127.0.0.1' || ib.host === 'localhost');
    const assetClass = assetClassOf(symbol);
    return {
      symbol: symbol.toUpperCase(), venue: local ? 'ib' : `ib@${ib.host}:${ib.port}`, assetClass, currency: currencyOf(symbol),
      tickSize: assetClass === 'forex' ? 0.00005 : 0.01, lotSize: assetClass === 'crypto' ? 0.00001 : 1, source: 'ib',
    };
  }
  if (settings.kind === 'alpaca') {
    const crypto = symbol.includes('/');
    return {
      symbol: symbol.toUpperCase(), venue: `alpaca${host}`, assetClass: crypto ? 'crypto' : 'stock', currency: 'USD',
      tickSize: 0.01, lotSize: crypto ? 0.000001 : 1, source: 'alpaca',
    };
  }
  const crypto = /-(USD|USDT|EUR|BTC)$/i.test(symbol);
  return {
    symbol: symbol.toUpperCase(),
    venue: `yahoo${host}`,
    assetClass: crypto ? 'crypto' : 'stock',
    currency: 'USD',
    tickSize: 0.01,
    lotSize: crypto ? 0.00001 : 1,
    source: 'yahoo',
  };
}
