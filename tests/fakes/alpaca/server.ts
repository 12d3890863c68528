import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_KEY, RateLimiter, type FakeAlpacaKey } from './access.ts';
import { BarBook } from './bar-book.ts';
import { handleControl } from './control.ts';
import { AlpacaFaults } from './faults.ts';
import { createRestHandler } from './rest-handler.ts';
import { StatsRecorder, type FakeAlpacaStats } from './stats.ts';
import { StreamHub } from './stream-hub.ts';
import type { StreamEndpoint } from './stream-session.ts';
import { DEFAULT_SYMBOLS, type AlpacaSymbolSpec } from './symbols.ts';
import { AlpacaMarket } from './trade-generator.ts';

export interface FakeAlpacaOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The server clock: history runs up to it, the stream sends trades as it passes them. */
  readonly now?: () => number;
  /** Where history starts (ms or ISO text); default 2016-01-01T00:00Z. */
  readonly origin?: number | string;
  /** Accepted key pairs; default one paper key, `DEFAULT_KEY`. */
  readonly keys?: readonly FakeAlpacaKey[];
  /** A paid data plan: SIP history up to now and the `/v2/sip` stream. Default false (free plan). */
  readonly sipSubscription?: boolean;
  /** REST requests per minute per key and host — trading paper, trading live, data (default 200). */
  readonly rateLimitPerMinute?: number;
  /** Authenticated stream sockets per key and endpoint (default 1, as Alpaca allows). */
  readonly streamConnectionLimit?: number;
  /** Symbols in trades + quotes on `/v2/iex` (default 30). */
  readonly streamSymbolLimit?: number;
  /** How often the stream checks for due trades and bars, in wall ms (default 50). */
  readonly tickMs?: number;
  /** Wall ms a stream socket may stay unauthenticated (default 10 000). */
  readonly authTimeoutMs?: number;
  readonly symbols?: readonly AlpacaSymbolSpec[];
}

/** Where to point the SDK; see docs/fake-alpaca.md. */
export interface FakeAlpacaUrls {
  /** Stands in for `https://paper-api.alpaca.markets`. */
  readonly tradingPaper: string;
  /** Stands in for `https://api.alpaca.markets`. */
  readonly tradingLive: string;
  /** Stands in for `https://data.alpaca.markets`. */
  readonly data: string;
  /** Stands in for `wss://stream.data.alpaca.markets` (append `/v2/iex`, `/v2/sip`, `/v2/test`, `/v1beta3/crypto/us`). */
  readonly stream: string;
  /** `GET|POST {control}/faults`, `GET|DELETE {control}/stats`. */
  readonly control: string;
}

export interface FakeAlpaca {
  readonly urls: FakeAlpacaUrls;
  readonly port: number;
  readonly keys: readonly FakeAlpacaKey[];
  /** The ground truth: every trade of every symbol and second. */
  readonly market: AlpacaMarket;
  readonly book: BarBook;
  readonly faults: AlpacaFaults;
  /** The full stream URL of an endpoint, e.g. `ws://127.0.0.1:PORT/v2/iex`. */
  streamUrl(endpoint: StreamEndpoint['name']): string;
  stats(): FakeAlpacaStats;
  resetStats(): void;
  close(): Promise<void>;
}

const STREAM_PATHS: Readonly<Record<StreamEndpoint['name'], string>> = { iex: '/v2/iex', sip: '/v2/sip', test: '/v2/test', crypto: '/v1beta3/crypto/us' };

/** Starts a fake Alpaca (trading + market-data REST, market-data streams) on 127.0.0.1. */
export async function startFakeAlpaca(options: FakeAlpacaOptions = {}): Promise<FakeAlpaca> {
  const now = options.now ?? Date.now;
  const origin = typeof options.origin === 'string' ? Date.parse(options.origin) : options.origin ?? Date.UTC(2016, 0, 1);
  if (!Number.isFinite(origin)) throw new Error(`origin is not a time: ${String(options.origin)}`);
  const keys = options.keys ?? [DEFAULT_KEY];
  if (keys.length === 0) throw new Error('keys must name at least one key pair');
  const specs = options.symbols ?? DEFAULT_SYMBOLS;
  const sipSubscription = options.sipSubscription ?? false;
  const market = new AlpacaMarket(specs, origin);
  const book = new BarBook(market);
  const stats = new StatsRecorder();
  const limiter = new RateLimiter(options.rateLimitPerMinute ?? 200);
  let hub: StreamHub | undefined;
  const faults = new AlpacaFaults(() => hub?.dropAll() ?? 0);
  hub = new StreamHub({
    market, keys, now, faults, stats, sipSubscription,
    symbolLimit: options.streamSymbolLimit ?? 30,
    connectionLimit: options.streamConnectionLimit ?? 1,
    tickMs: options.tickMs ?? 50,
    authTimeoutMs: options.authTimeoutMs ?? 10_000,
  });
  const answer = createRestHandler({ market, book, specs, keys, now, origin, sipSubscription, limiter, faults, stats });
  const statsNow = () => stats.snapshot(hub!.open);
  const resetStats = () => {
    stats.reset();
    limiter.reset();
  };
  const held = new Set<ServerResponse>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    if (url.pathname === '/__fake' || url.pathname.startsWith('/__fake/')) {
      return void handleControl(req, res, url, { faults, stats: statsNow, resetStats });
    }
    const delay = faults.current.delayMs;
    if (delay <= 0) return answer(req, res, url);
    held.add(res);
    const timer = setTimeout(() => {
      timers.delete(timer);
      held.delete(res);
      answer(req, res, url);
    }, delay);
    timers.add(timer);
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
    if (hub!.serves(path)) return hub!.upgrade(req, socket, head, path);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://${host}:${port}`;
  const streamBase = `ws://${host}:${port}`;

  return {
    urls: { tradingPaper: `${base}/paper`, tradingLive: `${base}/live`, data: base, stream: streamBase, control: `${base}/__fake` },
    port,
    keys,
    market,
    book,
    faults,
    streamUrl: (endpoint) => `${streamBase}${STREAM_PATHS[endpoint]}`,
    stats: statsNow,
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
