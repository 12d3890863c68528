import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { ConnectionSettings, Credentials } from '../../src-shared/domain/connection.ts';
import { CcxtSource } from '../connections/ccxt/ccxt-source.ts';
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
    if (settings.kind === 'ccxt') {
      return new CcxtSource({ exchange: settings.exchange!, urls: settings.urls, credentials: credentials ?? undefined });
    }
    return new YahooSource({ baseUrl: settings.urls.rest, pollSeconds: settings.pollSeconds });
  },
  defaultRequestsPerMinute(settings) {
    return settings.kind === 'ccxt' ? CcxtSource.defaultRequestsPerMinute(settings.exchange!) : YAHOO_REQUESTS_PER_MINUTE;
  },
};

/** One readable line for any failure met while talking to a venue. */
export function describeError(error: unknown): string {
  if (error instanceof SourceError || error instanceof AppFailure) return error.message;
  if (error instanceof Error) return error.name === 'AbortError' || error.name === 'TimeoutError' ? 'no answer in time' : error.message;
  return String(error);
}
