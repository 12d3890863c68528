import type { Exchange } from 'ccxt';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import { CcxtExchangeSchema, type CcxtExchange, type Credentials } from '../../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import {
  SourceError, type HistoryRequest, type LiveEvent, type LiveRequest, type MarketDataSource, type MarketInfo,
} from '../market-data-source.ts';
import { installResponseChecks, toSourceError } from './ccxt-errors.ts';
import { loadCcxt, type CcxtModule } from './ccxt-loader.ts';
import { toBarColumns, toBarValues, toMarkets, toTradeTicks } from './ccxt.mapper.ts';
import { BarFinality, watchLoop } from './ccxt-stream.ts';
import { applyUrlOverrides, type UrlOverrides } from './url-overrides.ts';
import { requestsPerMinute, VENUE_PROFILES, type VenueProfile } from './venue-profiles.ts';

export interface CcxtSourceOptions {
  readonly exchange: CcxtExchange;
  /** Where the venue is when not at its public address (a gateway, a local fake). */
  readonly urls?: UrlOverrides;
  /** Keys, for venues that serve some market data only to accounts; never logged, never in messages. */
  readonly credentials?: Credentials;
  /** How long ccxt waits for a REST answer, ms (default 10 000). */
  readonly timeoutMs?: number;
  /** How long stopping a stream waits for the venue to confirm the unsubscribe, ms (default 2 000). */
  readonly unwatchTimeoutMs?: number;
  /** The clock that decides when a venue candle's period is over (default: the wall clock). */
  readonly now?: () => number;
}

/**
 * Market data from a crypto exchange through ccxt (`ccxt.pro`, spot), behind the neutral
 * MarketDataSource. ccxt's own throttle and retries are off: the connection supervisor rate-limits
 * and retries, so each failed call surfaces here as exactly one SourceError.
 */
export class CcxtSource implements MarketDataSource {
  readonly venue: CcxtExchange;
  readonly pageLimit: number;
  readonly timeframes: readonly Timeframe[];
  /** The venue's published budget, from ccxt's `rateLimit` (ms per request). */
  readonly defaultRequestsPerMinute: number;
  private readonly profile: VenueProfile;
  private client: { ccxt: CcxtModule; exchange: Exchange } | undefined;

  /** The venue's published budget without making a source (ccxt is not loaded for this). */
  static defaultRequestsPerMinute(exchange: CcxtExchange): number {
    return requestsPerMinute(VENUE_PROFILES[exchange]);
  }

  constructor(private readonly options: CcxtSourceOptions) {
    const venue = CcxtExchangeSchema.safeParse(options.exchange);
    if (!venue.success) throw new Error(`ccxt source: unknown exchange ${JSON.stringify(options.exchange)} (expected one of ${CcxtExchangeSchema.options.join(', ')})`);
    this.venue = venue.data;
    this.profile = VENUE_PROFILES[this.venue];
    this.pageLimit = this.profile.pageLimit;
    this.timeframes = this.profile.timeframes;
    this.defaultRequestsPerMinute = requestsPerMinute(this.profile);
  }

  async connect(signal?: AbortSignal): Promise<void> {
    const ccxt = await abortable(loadCcxt(), signal);
    if (!this.client) this.client = { ccxt, exchange: await this.createExchange(ccxt) };
    // Reload: a failed load leaves ccxt holding the rejected promise, and connect must ask again.
    await this.call('connect', (ex) => ex.loadMarkets(true), signal);
  }

  async ping(signal?: AbortSignal): Promise<number> {
    const started = performance.now();
    await this.call('ping', (ex) => ex.fetchTime(), signal);
    return performance.now() - started;
  }

  async markets(signal?: AbortSignal): Promise<readonly MarketInfo[]> {
    const markets = await this.call('markets', (ex) => ex.loadMarkets(), signal);
    return toMarkets(this.venue, Object.values(markets));
  }

  async history(request: HistoryRequest, signal?: AbortSignal): Promise<BarColumns> {
    const { symbol, timeframe, from, to } = request;
    const what = `history ${symbol} ${timeframe}`;
    this.requireTimeframe(timeframe, what);
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
      throw new SourceError('request', `${this.venue}: ${what}: the range ${from}..${to} is empty or not a range of times`);
    }
    // ccxt's `until` is the venue's inclusive end time; bars open strictly before `to`.
    const rows = await this.call(what, (ex) => ex.fetchOHLCV(symbol, timeframe, from, this.pageLimit, { until: to - 1 }), signal);
    return toBarColumns(this.venue, what, rows, from, to);
  }

  async *stream(request: LiveRequest, signal: AbortSignal): AsyncGenerator<LiveEvent> {
    const { ccxt, exchange: ex } = this.requireClient();
    const { symbol, kind } = request;
    const timeframe = request.timeframe ?? ('1m' as Timeframe);
    const what = kind === 'trades' ? `trades of ${symbol}` : `${timeframe} bars of ${symbol}`;
    if (kind === 'bars') this.requireTimeframe(timeframe, what);
    const common = {
      unwatchTimeoutMs: this.options.unwatchTimeoutMs ?? 2_000,
      toError: (error: unknown) => toSourceError(ccxt, this.venue, `stream ${what}`, error),
    };
    if (kind === 'trades') {
      const loop = watchLoop({ ...common, watch: () => ex.watchTrades(symbol), unwatch: ex.has.unWatchTrades ? () => ex.unWatchTrades(symbol) : undefined }, signal);
      for await (const trades of loop) {
        const ticks = toTradeTicks(this.venue, what, trades);
        if (ticks.length > 0) yield { type: 'trades', trades: ticks };
      }
      return;
    }
    const finality = new BarFinality(timeframe, this.options.now ?? Date.now);
    const loop = watchLoop({ ...common, watch: () => ex.watchOHLCV(symbol, timeframe), unwatch: ex.has.unWatchOHLCV ? () => ex.unWatchOHLCV(symbol, timeframe) : undefined }, signal);
    for await (const rows of loop) yield* finality.update(toBarValues(this.venue, what, rows));
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.exchange.close();
  }

  private async createExchange(ccxt: CcxtModule): Promise<Exchange> {
    const keys = this.options.credentials;
    const exchange: Exchange = new ccxt.pro[this.venue]({
      ...(keys ? { apiKey: keys.apiKey, secret: keys.secret, password: keys.password } : {}),
      enableRateLimit: false,
      timeout: this.options.timeoutMs ?? 10_000,
      options: {
        ...this.profile.options,
        maxRetriesOnFailure: 0,
        // The stream yields only what arrived since the previous watch (ccxt's default, relied upon).
        newUpdates: true,
        // ccxt would wait 1 s, 2 s, 4 s… before redialling a socket; the supervisor owns backoff.
        ws: { backoff: { base: 0 } },
      },
    });
    applyUrlOverrides(exchange.urls as unknown as Record<string, unknown>, this.profile, this.options.urls ?? {});
    // ccxt refuses plain ws:// URLs until its Node http agent is loaded.
    if (this.options.urls?.ws?.startsWith('ws://')) await exchange.loadHttpProxyAgent();
    installResponseChecks(exchange, ccxt);
    return exchange;
  }

  private async call<T>(what: string, run: (exchange: Exchange) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { ccxt, exchange } = this.requireClient();
    try {
      return await abortable(run(exchange), signal);
    } catch (error) {
      throw toSourceError(ccxt, this.venue, what, error);
    }
  }

  private requireClient(): { ccxt: CcxtModule; exchange: Exchange } {
    if (!this.client) throw new Error(`${this.venue}: connect() before using the source`);
    return this.client;
  }

  private requireTimeframe(timeframe: string, what: string): void {
    if (!this.timeframes.includes(timeframe as Timeframe)) {
      throw new SourceError('request', `${this.venue}: ${what}: ${this.venue} serves no ${timeframe} bars (it serves ${this.timeframes.join(', ')})`);
    }
  }
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts (ccxt itself cannot be cancelled). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
