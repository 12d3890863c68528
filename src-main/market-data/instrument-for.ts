import type { ConnectionSettings } from '../../src-shared/domain/connection.ts';
import type { InstrumentSpec } from '../../src-shared/domain/instrument.ts';

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
