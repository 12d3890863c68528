import { SourceError } from '../market-data-source.ts';
import { getYahooJson, type YahooHttpOptions } from './yahoo-http.ts';
import {
  ChartResponseSchema, SearchResponseSchema, type YahooChartResult, type YahooSearchQuote,
} from './yahoo.schema.ts';

/** The public address of Yahoo Finance's JSON API. */
export const YAHOO_BASE_URL = 'https://query1.finance.yahoo.com';

/**
 * Yahoo Finance's keyless endpoints, one method each, answers validated at the edge (STYLE.md §5).
 * No state, no retries: what fails is thrown as one SourceError.
 */
export class YahooClient {
  private readonly base: string;

  constructor(baseUrl: string, private readonly http: YahooHttpOptions) {
    // A base with a path (a proxy at https://host/yahoo) keeps it: endpoints are appended, not resolved.
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** `GET /v8/finance/chart/{symbol}`: bars with period1 ≤ stamp < period2 (seconds), regular hours only. */
  async chart(symbol: string, interval: string, fromMs: number, toMs: number, signal?: AbortSignal): Promise<YahooChartResult> {
    const url = new URL(`${this.base}/v8/finance/chart/${encodeURIComponent(symbol)}`);
    url.search = new URLSearchParams({
      period1: String(Math.floor(fromMs / 1000)),
      period2: String(Math.ceil(toMs / 1000)),
      interval,
      includePrePost: 'false',
      events: 'div,splits',
    }).toString();
    const unknown = `Unknown symbol ${symbol} at Yahoo`;
    const body = await getYahooJson(
      { url, schema: ChartResponseSchema, what: `the ${symbol} ${interval} chart`, notFound: unknown },
      this.http,
      signal,
    );
    const result = body.chart.result?.[0];
    if (result) return result;
    const error = body.chart.error;
    if (error?.code === 'Not Found') throw new SourceError('request', `${unknown} (${error.description ?? error.code})`);
    throw new SourceError('bad-data', `Yahoo sent no ${symbol} chart and no reason${error ? ` but "${error.code}: ${error.description ?? ''}"` : ''}`);
  }

  /** `GET /v1/finance/search`: securities (and other entities) whose name or symbol matches. */
  async search(text: string, quotesCount: number, signal?: AbortSignal): Promise<YahooSearchQuote[]> {
    const url = new URL(`${this.base}/v1/finance/search`);
    url.search = new URLSearchParams({ q: text, quotesCount: String(quotesCount), newsCount: '0' }).toString();
    const what = `the search for "${text}"`;
    const body = await getYahooJson(
      { url, schema: SearchResponseSchema, what, notFound: `Yahoo has no search at ${this.base}` },
      this.http,
      signal,
    );
    return body.quotes;
  }
}
