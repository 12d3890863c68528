import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control.ts';
import { Faults } from './faults.ts';
import { KlineBook } from './klines.ts';
import { FakeMarket } from './market-data.ts';
import { DEFAULT_WEIGHTS, RequestWeight } from './request-weight.ts';
import { BinanceError, ROUTES } from './rest-api.ts';
import { DEFAULT_SYMBOLS, type SymbolSpec } from './symbols.ts';
import { StreamHub, type WsStats } from './ws-hub.ts';

export interface FakeExchangeOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The server clock: history is served up to it, live trades pushed as it passes them. */
  readonly now?: () => number;
  /** Where history starts (ms or ISO text); default 2024-01-01T00:00Z. */
  readonly origin?: number | string;
  /** Request weight per minute (default 6000, Binance's spot limit). */
  readonly weightLimit?: number;
  readonly weights?: Readonly<Record<string, number>>;
  readonly symbols?: readonly SymbolSpec[];
  readonly tickMs?: number;
  readonly klinePushMs?: number;
  readonly pingIntervalMs?: number;
}

/** One REST request as the fake answered it (server clock); status 0: dropped without an answer. */
export interface RequestRecord {
  readonly time: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly weight: number;
  readonly usedWeight: number;
}

export interface FakeStats {
  readonly requests: readonly RequestRecord[];
  readonly usedWeight: number;
  readonly ws: WsStats;
}

export interface FakeExchange {
  /** Base URL to configure as the REST URL (ccxt's `urls.api.public` is this + `/api/v3`). */
  readonly restUrl: string;
  /** The spot websocket URL (`…/ws`). */
  readonly wsUrl: string;
  /** `POST {controlUrl}/faults`, `GET {controlUrl}/faults`, `GET|DELETE {controlUrl}/stats`. */
  readonly controlUrl: string;
  readonly port: number;
  /** The ground truth: trades per symbol and minute. */
  readonly market: FakeMarket;
  readonly book: KlineBook;
  readonly faults: Faults;
  stats(): FakeStats;
  resetStats(): void;
  close(): Promise<void>;
}

const MAX_RECORDS = 10_000;
const JSON_TYPE = 'application/json;charset=UTF-8';

/** Starts a fake Binance spot exchange (REST + websocket) on 127.0.0.1. */
export async function startFakeExchange(options: FakeExchangeOptions = {}): Promise<FakeExchange> {
  const now = options.now ?? Date.now;
  const origin = typeof options.origin === 'string' ? Date.parse(options.origin) : options.origin ?? Date.UTC(2024, 0, 1);
  if (!Number.isFinite(origin)) throw new Error(`origin is not a time: ${String(options.origin)}`);
  const market = new FakeMarket(options.symbols ?? DEFAULT_SYMBOLS, origin);
  const book = new KlineBook(market);
  const weight = new RequestWeight(options.weightLimit ?? 6000);
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  let hub: StreamHub | undefined;
  const faults = new Faults(() => hub?.dropAll() ?? 0);
  hub = new StreamHub({ market, book, now, faults, tickMs: options.tickMs ?? 50, klinePushMs: options.klinePushMs ?? 1000, pingIntervalMs: options.pingIntervalMs ?? 20_000 });
  let requests: RequestRecord[] = [];
  const held = new Set<ServerResponse>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const record = (r: RequestRecord) => {
    requests.push(r);
    if (requests.length > MAX_RECORDS) requests = requests.slice(-MAX_RECORDS / 2);
  };
  const stats = (): FakeStats => ({ requests: [...requests], usedWeight: weight.usedAt(now()), ws: hub!.stats });
  const resetStats = () => {
    requests = [];
    weight.reset();
  };

  const answerApi = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const at = now();
    const path = url.pathname;
    const cost = weights[path] ?? 1;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      const used = weight.usedAt(at);
      res.writeHead(status, { 'Content-Type': JSON_TYPE, 'X-MBX-USED-WEIGHT-1M': String(used), ...headers });
      res.end(body);
      record({ time: at, method: req.method ?? 'GET', path, status, weight: cost, usedWeight: used });
    };
    const route = ROUTES[path];
    if (!route || req.method !== 'GET') {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><body><h1>404 Not Found</h1></body></html>');
      return record({ time: at, method: req.method ?? '?', path, status: 404, weight: 0, usedWeight: weight.usedAt(at) });
    }
    // Faults hit real endpoints only: a mistyped URL must not use up a storm meant for the client.
    const fault = faults.takeRestFault();
    if (fault === 'rate-limit') {
      return send(429, tooMuchWeight(weight.limitPerMinute), { 'Retry-After': String(faults.current.retryAfterSeconds) });
    }
    if (fault === 'server-error') {
      return send(faults.current.serverErrorStatus, JSON.stringify({ code: -1001, msg: 'Internal error; unable to process your request. Please try again.' }));
    }
    if (fault === 'drop') {
      res.socket?.destroy();
      return record({ time: at, method: req.method ?? 'GET', path, status: 0, weight: 0, usedWeight: weight.usedAt(at) });
    }
    const verdict = weight.charge(cost, at);
    if (!verdict.allowed) return send(429, tooMuchWeight(weight.limitPerMinute), { 'Retry-After': String(verdict.retryAfterSeconds) });
    let status = 200;
    let body: string;
    try {
      body = JSON.stringify(route(url.searchParams, { market, book, now: at, weightLimit: weight.limitPerMinute }));
    } catch (error) {
      if (!(error instanceof BinanceError)) throw error;
      status = error.status;
      body = JSON.stringify({ code: error.code, msg: error.msg });
    }
    // Cut mid-value: what a proxy that drops the connection halfway delivers.
    if (fault === 'malformed') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    send(status, body);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    if (url.pathname === '/__fake' || url.pathname.startsWith('/__fake/')) {
      return void handleControl(req, res, url, { faults, stats, resetStats });
    }
    if (faults.current.stalled) {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    const delay = faults.current.delayMs;
    if (delay <= 0) return answerApi(req, res, url);
    const timer = setTimeout(() => {
      timers.delete(timer);
      answerApi(req, res, url);
    }, delay);
    timers.add(timer);
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
    if (path === '/ws' || path.startsWith('/ws/')) return hub!.upgrade(req, socket, head, path);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  const base = `http://${host}:${port}`;

  return {
    restUrl: base,
    wsUrl: `ws://${host}:${port}/ws`,
    controlUrl: `${base}/__fake`,
    port,
    market,
    book,
    faults,
    stats,
    resetStats,
    close: async () => {
      faults.dispose();
      hub!.close();
      for (const t of timers) clearTimeout(t);
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function tooMuchWeight(limit: number): string {
  return JSON.stringify({
    code: -1003,
    msg: `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
  });
}
