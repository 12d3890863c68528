import type { Alpaca, values } from '@alpacahq/alpaca-trade-api';

type TimeFrameString = values.TimeFrameString;
import { barsFromRecords, type BarColumns } from '../../../src-shared/domain/bars.ts';
import type { AlpacaSettings, Credentials } from '../../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { SourceError, type HistoryRequest, type LiveEvent, type LiveRequest, type MarketDataSource, type MarketInfo } from '../market-data-source.ts';
import { alpacaError } from './alpaca-errors.ts';
import { AlpacaStreamHub } from './alpaca-stream-hub.ts';
import { redirectingFetch, type AlpacaUrls } from './alpaca-urls.ts';

/** Alpaca's published REST budget: 200 requests a minute per key (free plan). */
export const ALPACA_REQUESTS_PER_MINUTE = 200;

/** The most bars Alpaca returns in one HTTP page. */
const ALPACA_PAGE_MAX = 10_000;

/** Alpaca's timeframe spelling for the timeframes it serves. */
const ALPACA_TIMEFRAMES: ReadonlyArray<readonly [string, string]> = [
  ['1m', '1Min'], ['5m', '5Min'], ['15m', '15Min'], ['30m', '30Min'], ['1h', '1Hour'], ['4h', '4Hour'],
  ['1d', '1Day'], ['1w', '1Week'], ['1M', '1Month'],
];

export interface AlpacaSourceOptions {
  readonly settings: AlpacaSettings;
  readonly urls: AlpacaUrls;
  readonly credentials: Credentials | null;
}

/**
 * Alpaca US stocks and crypto through the official SDK (@alpacahq/alpaca-trade-api 4): assets,
 * clock, history with paging, and live trades on one shared socket per kind (docs/alpaca-source.md).
 * Crypto symbols are spelled with a slash (`BTC/USD`), stocks without.
 */
export class AlpacaSource implements MarketDataSource {
  readonly venue = 'alpaca';
  /**
   * Bars per history call; the SDK follows Alpaca's pages of at most 10,000 within it. Three weeks of
   * minutes: a stock's sessions fit in one HTTP page, a crypto pair's take three.
   */
  readonly pageLimit = 30_000;
  readonly timeframes = ALPACA_TIMEFRAMES.map(([tf]) => tf as Timeframe);
  readonly liveKind = 'trades' as const;
  private client: Alpaca | null = null;
  private stocks: AlpacaStreamHub | null = null;
  private crypto: AlpacaStreamHub | null = null;
  onNotice: ((level: 'info' | 'warn' | 'error', message: string) => void) | null = null;

  constructor(private readonly o: AlpacaSourceOptions) {}

  async connect(signal?: AbortSignal): Promise<void> {
    await this.close();
    const keys = this.o.credentials;
    if (!keys) throw new SourceError('auth', 'Alpaca needs an API key id and secret: add them to the connection');
    const { Alpaca } = await import('@alpacahq/alpaca-trade-api');
    const client = new Alpaca({
      keyId: keys.apiKey, secret: keys.secret, paper: this.o.settings.environment === 'paper',
      // The supervisor owns retries and the request budget; one failure must reach it as one error.
      retry: false, rateLimit: false, timeoutMs: 20_000,
      fetchApi: redirectingFetch(this.o.urls),
    });
    try {
      await client.trading.account.getAccount({ signal } as RequestInit);
    } catch (error) {
      throw alpacaError(error, 'signing in');
    }
    this.client = client;
    await this.noteMarketClock(client, signal);
    this.stocks = AlpacaStreamHub.stocks(client, this.o.settings.feed, this.o.urls);
    this.crypto = AlpacaStreamHub.crypto(client, this.o.urls);
  }

  async ping(signal?: AbortSignal): Promise<number> {
    const start = Date.now();
    try {
      await this.open().trading.clock.legacyClock({ signal } as RequestInit);
    } catch (error) {
      throw alpacaError(error, 'clock');
    }
    return Date.now() - start;
  }

  async markets(signal?: AbortSignal): Promise<readonly MarketInfo[]> {
    try {
      const assets = await this.open().trading.assets.getV2Assets({ status: 'active' }, { signal } as RequestInit);
      return assets.map((a) => {
        const crypto = String(a._class) === 'crypto';
        const [base, quote] = crypto ? a.symbol.split('/') : [a.symbol, 'USD'];
        return { symbol: a.symbol, base: base ?? a.symbol, quote: quote ?? 'USD', active: a.tradable, type: crypto ? 'crypto' : 'us_equity' };
      });
    } catch (error) {
      throw alpacaError(error, 'assets');
    }
  }

  async history(request: HistoryRequest, signal?: AbortSignal): Promise<BarColumns> {
    const timeframe = ALPACA_TIMEFRAMES.find(([tf]) => tf === request.timeframe)?.[1];
    if (!timeframe) throw new SourceError('request', `Alpaca has no ${request.timeframe} bars; it serves ${this.timeframes.join(', ')}`);
    const client = this.open();
    // `end` is inclusive at Alpaca; the request's `to` is not.
    const window = { timeframe: timeframe as TimeFrameString, start: new Date(request.from), end: new Date(request.to - 1), limit: ALPACA_PAGE_MAX };
    const opts = { maxPerSymbol: this.pageLimit };
    try {
      const bars = request.symbol.includes('/')
        ? await client.marketData.getCryptoBarsFor(request.symbol, { ...window, loc: 'us' as never }, opts)
        : await client.marketData.getStockBarsFor(request.symbol, { ...window, feed: this.o.settings.feed as never, adjustment: 'raw' }, opts);
      signal?.throwIfAborted();
      const rows = bars
        .map((b) => ({ time: b.timestamp.getTime(), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume }))
        .filter((b) => b.time >= request.from && b.time < request.to)
        .sort((a, b) => a.time - b.time);
      return barsFromRecords(rows);
    } catch (error) {
      throw alpacaError(error, `${request.symbol} ${request.timeframe} bars`);
    }
  }

  stream(request: LiveRequest, signal: AbortSignal): AsyncIterable<LiveEvent> {
    this.open();
    const hub = request.symbol.includes('/') ? this.crypto! : this.stocks!;
    return hub.trades(request.symbol, signal);
  }

  async close(): Promise<void> {
    this.stocks?.close();
    this.crypto?.close();
    this.stocks = null;
    this.crypto = null;
    this.client = null;
  }

  /** Alpaca's market clock, in the connection log: whether US stocks trade now, and until when. */
  private async noteMarketClock(client: Alpaca, signal?: AbortSignal): Promise<void> {
    try {
      const clock = await client.trading.clock.legacyClock({ signal } as RequestInit);
      const at = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
      this.onNotice?.('info', clock.isOpen ? `US market open; it closes ${at(clock.nextClose)}` : `US market closed; it opens ${at(clock.nextOpen)}`);
    } catch (error) {
      this.onNotice?.('warn', `Alpaca's market clock did not answer: ${alpacaError(error, 'clock').message}`);
    }
  }

  private open(): Alpaca {
    if (!this.client) throw new SourceError('network', 'Alpaca: not connected');
    return this.client;
  }
}
