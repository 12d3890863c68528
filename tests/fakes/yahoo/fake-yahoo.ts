import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerChart, type FakeAnswer } from './fake-chart.ts';
import { findTestDataDir } from './fake-daily-csv.ts';
import { FakeFaults, type FakeEndpoint } from './fake-faults.ts';
import { answerSearch } from './fake-search.ts';
import { findFakeSymbol } from './fake-symbols.ts';

export interface FakeYahooOptions {
  /** Default 0: any free port on 127.0.0.1. */
  readonly port?: number;
  /** The fake market's time (ms); default the wall clock. Bars after it do not exist yet. */
  readonly clock?: () => number;
  /** The real data folder for ORCL, NVDA and YHOO daily bars; default: found as the tests find it; null: generate them. */
  readonly dataDir?: string | null;
}

/** A request the fake received (its own /__fake/ requests are not logged). */
export interface FakeRequest {
  /** The fake clock when it arrived. */
  readonly at: number;
  readonly method: string;
  readonly endpoint: FakeEndpoint | 'other';
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The status answered; 0 when the fake hung up. */
  status: number;
}

export interface FakeYahoo {
  /** The base URL to configure as the connection's REST URL. */
  readonly url: string;
  readonly faults: FakeFaults;
  /** Every request so far, oldest first. */
  readonly requests: readonly FakeRequest[];
  /** The data folder in use, or null (daily bars generated). */
  readonly dataDir: string | null;
  close(): Promise<void>;
}

const CHART_PATH = /^\/v8\/finance\/chart\/([^/]+)$/;

/**
 * A local Yahoo Finance: the chart and search endpoints with Yahoo's field names and refusals,
 * real daily bars for ORCL/NVDA/YHOO, generated ones for the rest, faults on command
 * (`faults.add(...)` or `POST /__fake/faults`), and a log of requests for tests to count.
 */
export async function startFakeYahoo(options: FakeYahooOptions = {}): Promise<FakeYahoo> {
  const clock = options.clock ?? Date.now;
  const dataDir = options.dataDir === undefined ? findTestDataDir() : options.dataDir;
  const faults = new FakeFaults();
  const requests: FakeRequest[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { finance: { result: null, error: { code: 'Internal Server Error', description: String(error) } } } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/__fake/')) return control(req, res, url);
    const chart = CHART_PATH.exec(url.pathname);
    const endpoint: FakeRequest['endpoint'] = chart ? 'chart' : url.pathname === '/v1/finance/search' ? 'search' : 'other';
    const entry: FakeRequest = { at: clock(), method: req.method ?? 'GET', endpoint, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0 };
    requests.push(entry);
    const reply = (answer: FakeAnswer, raw?: string, headers: Record<string, string> = {}): void => {
      entry.status = answer.status;
      send(res, answer, raw, headers);
    };
    if (endpoint === 'other' || req.method !== 'GET') {
      return reply({ status: 404, body: { finance: { result: null, error: { code: 'Not Found', description: 'HTTP 404 Not Found' } } } });
    }

    let fault = faults.take(endpoint);
    if (fault?.kind === 'delay') {
      const wait = fault.ms;
      await new Promise((resolve) => setTimeout(resolve, wait));
      // The client may have given up meanwhile (that is what a delay is for).
      if (req.socket.destroyed) return;
      fault = null;
    }
    switch (fault?.kind) {
      case 'hang-up':
        res.socket?.destroy();
        return;
      case 'rate-limit':
        return reply({ status: 429, body: 'Too Many Requests\r\n' }, 'Too Many Requests\r\n', fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) });
      case 'server-error':
        return reply({ status: fault.status ?? 500, body: null }, `<html><body>${fault.status ?? 500} Server Error</body></html>`, { 'content-type': 'text/html' });
      case 'malformed-json':
        return reply({ status: 200, body: null }, '{"chart":{"result":[{"meta":{"currency":"USD",');
      case 'unknown-symbol':
        return reply({ status: 404, body: { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } } });
    }

    const answer = chart
      ? answerChart({
          symbol: findFakeSymbol(decodeURIComponent(chart[1]!)),
          params: url.searchParams,
          now: clock(),
          dataDir,
          splitLiveRow: fault?.kind === 'split-live-row',
          nulls: fault?.kind === 'nulls' ? fault : undefined,
        })
      : answerSearch(url.searchParams);
    if (fault?.kind === 'bad-field' && answer.status === 200) spoilField(answer.body, fault.field);
    reply(answer);
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/__fake/faults' && req.method === 'POST') {
      try {
        faults.order(JSON.parse(await readBody(req)));
      } catch (error) {
        return send(res, { status: 400, body: { error: error instanceof Error ? error.message : String(error) } });
      }
      return send(res, { status: 200, body: { pending: faults.pending() } });
    }
    if (url.pathname === '/__fake/faults' && req.method === 'DELETE') {
      faults.clear();
      return send(res, { status: 200, body: { pending: 0 } });
    }
    if (url.pathname === '/__fake/requests' && req.method === 'GET') return send(res, { status: 200, body: requests });
    send(res, { status: 404, body: { error: `no fake control at ${req.method} ${url.pathname}` } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    requests,
    dataDir,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, answer: FakeAnswer, raw?: string, headers: Record<string, string> = {}): void {
  const body = raw ?? JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8', 'cache-control': 'no-cache', ...headers });
  res.end(body);
}

/** Valid JSON of the wrong shape: the first value of a column (or the timestamps) becomes a string. */
function spoilField(body: unknown, field: string): void {
  type Result = { timestamp?: unknown[]; indicators: { quote: Array<Record<string, unknown[]>> } };
  const result = (body as { chart?: { result?: Result[] } }).chart?.result?.[0];
  if (!result) return;
  if (field === 'timestamp') {
    result.timestamp = ['yesterday', ...(result.timestamp ?? []).slice(1)];
    return;
  }
  const quote = result.indicators.quote[0]!;
  quote[field] = ['n/a', ...(quote[field] ?? []).slice(1)];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
