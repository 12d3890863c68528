import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { ConnectionSettings, Credentials } from '../../src-shared/domain/connection.ts';
import { CcxtSource } from '../connections/ccxt/ccxt-source.ts';
import { IB_REQUESTS_PER_MINUTE, IbSource } from '../connections/ib/ib-source.ts';
import { ALPACA_REQUESTS_PER_MINUTE, AlpacaSource } from '../connections/alpaca/alpaca-source.ts';
import { SourceError, type MarketDataSource } from '../connections/market-data-source.ts';
import { YahooSource, YAHOO_REQUESTS_PER_MINUTE } from '../connections/yahoo/yahoo-source.ts';

export interface SourceFactory {
  create(settings: ConnectionSettings, credentials: Credentials | null): MarketDataSource;
  /** The venue's published request budget, used when the settings give none. */
  defaultRequestsPerMinute(settings: ConnectionSettings): number;
}

/** Makes the real sources: ccxt for exchanges (loaded only when one connects), Yahoo over plain fetch. */
export const realSources: SourceFactory = {
  create(settings, credentials) {
    switch (settings.kind) {
      case 'ccxt':
        return new CcxtSource({ exchange: settings.exchange!, urls: settings.urls, credentials: credentials ?? undefined });
      case 'ib':
        return new IbSource({ settings: settings.ib! });
      case 'alpaca':
        return new AlpacaSource({ settings: settings.alpaca ?? { environment: 'paper', feed: 'iex' }, urls: settings.urls, credentials });
      default:
        return new YahooSource({ baseUrl: settings.urls.rest, pollSeconds: settings.pollSeconds });
    }
  },
  defaultRequestsPerMinute(settings) {
    switch (settings.kind) {
      case 'ccxt': return CcxtSource.defaultRequestsPerMinute(settings.exchange!);
      case 'ib': return IB_REQUESTS_PER_MINUTE;
      case 'alpaca': return ALPACA_REQUESTS_PER_MINUTE;
      default: return YAHOO_REQUESTS_PER_MINUTE;
    }
  },
};

/** One readable line for any failure met while talking to a venue. */
export function describeError(error: unknown): string {
  if (error instanceof SourceError || error instanceof AppFailure) return error.message;
  if (error instanceof Error) return error.name === 'AbortError' || error.name === 'TimeoutError' ? 'no answer in time' : error.message;
  return String(error);
}
