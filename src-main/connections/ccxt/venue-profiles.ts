import type { CcxtExchange } from '../../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';

/** A path into an exchange's `urls` object: `['api', 'ws', 'spot']` is `urls.api.ws.spot`. */
export type UrlPath = readonly string[];

/**
 * What Candlewick needs to know about a venue before ccxt is loaded, read from ccxt 4.5.84's
 * exchange classes (`tests/integration/ccxt-source.test.ts` checks every number against ccxt).
 */
export interface VenueProfile {
  /** The most candles one `fetchOHLCV` returns (what ccxt's own pagination asks per page). */
  readonly pageLimit: number;
  /** ccxt's `rateLimit`: ms between two requests of cost 1 at the venue's published limit. */
  readonly rateLimitMs: number;
  /** The keys of ccxt's `timeframes`, ascending. */
  readonly timeframes: readonly Timeframe[];
  /** URLs of the public REST API: `urls.rest` replaces their scheme and host, their path stays. */
  readonly restUrls: readonly UrlPath[];
  /** The public spot websocket URL(s) that `watchTrades` / `watchOHLCV` connect to: `urls.ws` replaces them. */
  readonly wsUrls: readonly UrlPath[];
  /** ccxt options: spot only, so that loading markets asks for nothing else (no futures endpoints). */
  readonly options: Readonly<Record<string, unknown>>;
}

const tf = (list: string) => list.split(' ') as Timeframe[];
const SPOT_ONLY = { defaultType: 'spot', fetchMarkets: { types: ['spot'] } } as const;

export const VENUE_PROFILES: Readonly<Record<CcxtExchange, VenueProfile>> = {
  binance: {
    pageLimit: 1000,
    rateLimitMs: 50,
    timeframes: tf('1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M'),
    restUrls: [['api', 'public']],
    wsUrls: [['api', 'ws', 'spot']],
    // With keys, ccxt would also ask the private wallet and margin endpoints while loading markets.
    options: { ...SPOT_ONLY, fetchCurrencies: false, fetchMargins: false },
  },
  coinbase: {
    pageLimit: 300,
    rateLimitMs: 34,
    timeframes: tf('1m 5m 15m 30m 1h 2h 6h 1d'),
    restUrls: [['api', 'rest']],
    wsUrls: [['api', 'ws']],
    // coinbase's `fetchMarkets` option names a method, not market types; its markets are spot.
    options: { defaultType: 'spot' },
  },
  kraken: {
    pageLimit: 720,
    rateLimitMs: 1000,
    timeframes: tf('1m 5m 15m 30m 1h 4h 1d 1w 2w'),
    restUrls: [['api', 'public']],
    wsUrls: [['api', 'ws', 'publicV2']],
    options: {},
  },
  bybit: {
    pageLimit: 1000,
    rateLimitMs: 20,
    timeframes: tf('1m 3m 5m 15m 30m 1h 2h 4h 6h 12h 1d 1w 1M'),
    restUrls: [['api', 'public']],
    wsUrls: [['api', 'ws', 'public', 'spot']],
    options: SPOT_ONLY,
  },
  okx: {
    pageLimit: 300,
    // ccxt's 100 ms plus its 10 % tolerance, written as ccxt writes it so that the two compare equal.
    rateLimitMs: 100 * 1.1,
    timeframes: tf('1m 3m 5m 15m 30m 1h 2h 4h 6h 12h 1d 1w 1M 3M'),
    restUrls: [['api', 'rest']],
    // ccxt appends `/public` or `/business` to this base for each channel.
    wsUrls: [['api', 'ws']],
    options: SPOT_ONLY,
  },
};

/** Requests per minute at the venue's published limit: ccxt's `rateLimit` is ms per request. */
export function requestsPerMinute(profile: VenueProfile): number {
  return Math.floor(60_000 / profile.rateLimitMs);
}
