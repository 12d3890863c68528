import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, rateHeaders, type FakeAlpacaKey, type RateLimiter } from './access.ts';
import type { BarBook } from './bar-book.ts';
import { dataRoute } from './data-api.ts';
import { AlpacaError } from './data-params.ts';
import type { AlpacaFaults } from './faults.ts';
import type { StatsRecorder } from './stats.ts';
import type { AlpacaSymbolSpec } from './symbols.ts';
import type { AlpacaMarket } from './trade-generator.ts';
import { tradingRoute, type Environment } from './trading-api.ts';

export interface RestDeps {
  readonly market: AlpacaMarket;
  readonly book: BarBook;
  readonly specs: readonly AlpacaSymbolSpec[];
  readonly keys: readonly FakeAlpacaKey[];
  readonly now: () => number;
  readonly origin: number;
  readonly sipSubscription: boolean;
  readonly limiter: RateLimiter;
  readonly faults: AlpacaFaults;
  readonly stats: StatsRecorder;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const RATE_LIMITED = { code: 42910000, message: 'rate limit exceeded' };
const SERVER_ERROR = { code: 50010000, message: 'internal server error occurred' };

/** A matched endpoint: which API it belongs to and how to answer it. */
interface Resolved {
  readonly api: 'data' | Environment;
  readonly anonymousAllowed: boolean;
  readonly answer: (q: URLSearchParams, now: number) => unknown;
}

/**
 * Answers one REST request: route → keys (401/403) → faults → the per-key rate limit (429) →
 * the endpoint. Every answer carries `X-Request-ID` and, once the key is known, `X-RateLimit-*`.
 */
export function createRestHandler(deps: RestDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  let requestCounter = 0;
  return (req, res, url) => {
    const at = deps.now();
    const path = url.pathname;
    let keyId: string | null = null;
    const headers: Record<string, string> = { 'Content-Type': JSON_TYPE, 'X-Request-ID': `fake-${(++requestCounter).toString(16).padStart(8, '0')}` };
    const send = (status: number, body: string) => {
      res.writeHead(status, headers);
      res.end(body);
      deps.stats.request({ time: at, method: req.method ?? '?', path, search: url.searchParams, status, keyId });
    };
    const resolved = resolve(deps, path);
    if (!resolved) return send(404, JSON.stringify({ code: 40410000, message: `endpoint not found: ${path}` }));
    if (req.method !== 'GET') return send(405, JSON.stringify({ code: 40510000, message: `method ${req.method} not allowed on ${path}` }));
    try {
      keyId = authenticate(deps.keys, req.headers, resolved.api, resolved.anonymousAllowed);
    } catch (error) {
      if (!(error instanceof AlpacaError)) throw error;
      return send(error.status, JSON.stringify(error.body));
    }
    // Counted per key and host, as Alpaca counts: trading (paper, live) and market data apart.
    const limiterKey = `${resolved.api}:${keyId ?? `anonymous@${req.socket.remoteAddress ?? '?'}`}`;
    const fault = deps.faults.takeRestFault();
    if (fault === 'rate-limit') {
      Object.assign(headers, rateHeaders({ ...deps.limiter.peek(limiterKey, at), remaining: 0 }));
      return send(429, JSON.stringify(RATE_LIMITED));
    }
    if (fault === 'server-error') return send(deps.faults.current.serverErrorStatus, JSON.stringify(SERVER_ERROR));
    const verdict = deps.limiter.take(limiterKey, at);
    Object.assign(headers, rateHeaders(verdict));
    if (!verdict.allowed) return send(429, JSON.stringify(RATE_LIMITED));
    let status = 200;
    let body: string;
    try {
      body = JSON.stringify(resolved.answer(url.searchParams, at));
    } catch (error) {
      if (!(error instanceof AlpacaError)) throw error;
      status = error.status;
      body = JSON.stringify(error.body);
    }
    // Cut mid-value: what a proxy that drops the connection halfway delivers.
    if (fault === 'malformed') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    send(status, body);
  };
}

/** Trading paths live under `/paper` and `/live` (the two hosts of real Alpaca); data paths at the root. */
function resolve(deps: RestDeps, path: string): Resolved | null {
  const trading = /^\/(paper|live)(\/.*)$/.exec(path);
  if (trading) {
    const environment = trading[1] as Environment;
    const route = tradingRoute(trading[2]);
    if (!route) return null;
    return {
      api: environment,
      anonymousAllowed: false,
      answer: (q, now) => route.handler(q, { specs: deps.specs, now, origin: deps.origin, environment }, route.param),
    };
  }
  const data = dataRoute(path);
  if (!data) return null;
  return {
    api: 'data',
    anonymousAllowed: !data.needsAuth,
    answer: (q, now) => data.handle(q, { market: deps.market, book: deps.book, now, sipSubscription: deps.sipSubscription }),
  };
}
