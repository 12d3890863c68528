import { DAY_MS } from '../../../src-shared/calendar/index.ts';
import { barsFromRecords, type BarColumns } from '../../../src-shared/domain/bars.ts';
import type { ConnectionSettings } from '../../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { systemClock, type Clock } from '../clock.ts';
import {
  SourceError, type BarValues, type HistoryRequest, type LiveEvent, type LiveRequest, type MarketDataSource, type MarketInfo,
} from '../market-data-source.ts';
import { mapChart, type MappedChart } from './yahoo-chart.mapper.ts';
import { YAHOO_BASE_URL, YahooClient } from './yahoo-client.ts';
import { calendarForMeta, type CalendarChoice } from './yahoo-exchanges.ts';
import {
  YAHOO_PAGE_LIMIT, YAHOO_TIMEFRAMES, checkYahooRange, requestSpans, yahooInterval, type YahooInterval,
} from './yahoo-intervals.ts';
import { pollYahooBars } from './yahoo-poller.ts';
import { mapSearchQuotes, type YahooMarketInfo } from './yahoo-search.mapper.ts';

/**
 * Requests per minute to Yahoo when a connection sets none. Yahoo publishes no limit for its
 * keyless API and answers bursts with 429s; one request a second stays clear of that in practice,
 * and polling a few dozen symbols once a minute needs far less.
 */
export const YAHOO_REQUESTS_PER_MINUTE = 60;

export interface YahooSourceOptions {
  /** Default: Yahoo's public address. Tests and proxies point it elsewhere. */
  readonly baseUrl?: string;
  /** Seconds between polls of a live symbol while its market is open. Default 60. */
  readonly pollSeconds?: number;
  /** A request with no complete answer after this long fails as 'network'. Default 15 s. */
  readonly timeoutMs?: number;
  /** Market time and the waits between polls; a test clock runs a day of polling in milliseconds. */
  readonly clock?: Clock;
  /** Why a symbol is polled around the clock, bars Yahoo dropped; default: nowhere. */
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * Yahoo Finance as a market-data source: history and search over its keyless JSON API, live bars by
 * polling (docs/yahoo-source.md). Data only; no markets list, no trades.
 */
export class YahooSource implements MarketDataSource {
  readonly venue = 'yahoo';
  readonly pageLimit = YAHOO_PAGE_LIMIT;
  readonly streamsPoll = true;
  readonly liveKind = 'bars' as const;
  readonly timeframes: readonly Timeframe[] = YAHOO_TIMEFRAMES;
  private readonly client: YahooClient;
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly log: NonNullable<YahooSourceOptions['log']>;
  /** Each symbol's market as its last chart told it, so a stream on a closed market asks nothing. */
  private readonly calendars = new Map<string, CalendarChoice>();
  /** Aborted by `close`: ends every request in flight and every stream (a stream may sleep for days). */
  private closing = new AbortController();

  constructor(options: YahooSourceOptions = {}) {
    const pollSeconds = options.pollSeconds ?? 60;
    if (!(pollSeconds > 0)) throw new RangeError(`pollSeconds must be positive, got ${pollSeconds}`);
    this.clock = options.clock ?? systemClock;
    this.pollMs = pollSeconds * 1000;
    this.log = options.log ?? (() => {});
    this.client = new YahooClient(options.baseUrl ?? YAHOO_BASE_URL, {
      timeoutMs: options.timeoutMs ?? 15_000,
      now: () => this.clock.now(),
    });
  }

  static fromSettings(settings: Pick<ConnectionSettings, 'urls' | 'pollSeconds'>, extra: Omit<YahooSourceOptions, 'baseUrl' | 'pollSeconds'> = {}): YahooSource {
    return new YahooSource({ ...extra, baseUrl: settings.urls.rest, pollSeconds: settings.pollSeconds });
  }

  async connect(signal?: AbortSignal): Promise<void> {
    await this.ping(signal);
  }

  /** A one-hit search: the cheapest request Yahoo answers with JSON. */
  async ping(signal?: AbortSignal): Promise<number> {
    const started = performance.now();
    await this.client.search('SPY', 1, this.scoped(signal));
    return performance.now() - started;
  }

  /** Yahoo has no list of its markets; find them with `search`. */
  async markets(): Promise<readonly MarketInfo[]> {
    return [];
  }

  async search(text: string, signal?: AbortSignal): Promise<readonly YahooMarketInfo[]> {
    const query = text.trim();
    if (query === '') throw new SourceError('request', 'A Yahoo search needs some text (a symbol or a company name)');
    return mapSearchQuotes(await this.client.search(query, 20, this.scoped(signal)));
  }

  /** Bars with from ≤ time < to, ascending, at most `pageLimit`; as many requests as Yahoo's limits need. */
  async history(request: HistoryRequest, signal?: AbortSignal): Promise<BarColumns> {
    const spec = yahooInterval(request.timeframe);
    const symbol = checkSymbol(request.symbol);
    const now = this.clock.now();
    checkYahooRange(spec, request.from, request.to, now);
    const bars: BarValues[] = [];
    const scoped = this.scoped(signal);
    for (const [from, to] of requestSpans(spec, request.from, request.to, now, this.pageLimit)) {
      bars.push(...(await this.chartBars(symbol, spec, from, to, scoped)).bars);
      if (bars.length >= this.pageLimit) break;
    }
    return barsFromRecords(bars.slice(0, this.pageLimit));
  }

  /** Polled live bars (see pollYahooBars); every refusal surfaces on iteration, like a lost stream. */
  async *stream(request: LiveRequest, signal: AbortSignal): AsyncGenerator<LiveEvent> {
    if (request.kind === 'trades') {
      throw new SourceError('request', `Yahoo has no trade feed for ${request.symbol}: stream its bars instead (kind 'bars', timeframe ${YAHOO_TIMEFRAMES.join(', ')})`);
    }
    if (request.timeframe === undefined) throw new SourceError('request', `A Yahoo bar stream for ${request.symbol} needs a timeframe`);
    const spec = yahooInterval(request.timeframe);
    const symbol = checkSymbol(request.symbol);
    yield* pollYahooBars(
      {
        symbol,
        spec,
        pollMs: this.pollMs,
        clock: this.clock,
        knownCalendar: this.calendars.get(symbol),
        fetchBars: (from, to, s) => this.chartBars(symbol, spec, from, to, s),
        log: this.log,
      },
      this.scoped(signal),
    );
  }

  /** Ends what is in flight (streams end quietly, requests reject as aborted); the source stays usable. */
  async close(): Promise<void> {
    this.closing.abort(new DOMException('The Yahoo source was closed', 'AbortError'));
    this.closing = new AbortController();
    this.calendars.clear();
  }

  private scoped(signal: AbortSignal | undefined): AbortSignal {
    return signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
  }

  /**
   * One chart request for bars with from ≤ time < to. Daily-and-longer bars are asked a day wider
   * on both sides: Yahoo stamps them at a local midnight or open, up to a day away from the UTC
   * midnight of their session date that we compare with.
   */
  private async chartBars(symbol: string, spec: YahooInterval, from: number, to: number, signal?: AbortSignal): Promise<MappedChart> {
    const margin = spec.daily ? DAY_MS : 0;
    const result = await this.client.chart(symbol, spec.interval, from - margin, to + margin, signal);
    const mapped = mapChart(result, spec);
    this.calendars.set(symbol, calendarForMeta(mapped.meta));
    return { ...mapped, bars: mapped.bars.filter((b) => b.time >= from && b.time < to) };
  }
}

function checkSymbol(symbol: string): string {
  const trimmed = symbol.trim();
  if (trimmed === '') throw new SourceError('request', 'A Yahoo request needs a symbol, got an empty one');
  return trimmed;
}

