import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES, WS_PATH } from '../../src-shared/transport/protocol.ts';
import type { Core } from '../core-api.ts';
import { serveStatic } from './static-files.ts';
import { attachSession } from './ws-session.ts';

export interface ServerOptions {
  readonly core: Core;
  /** Folder of the built renderer (index.html and assets). */
  readonly webRoot: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Required on the WebSocket; a random one is made when absent. */
  readonly token?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The headless server: the built UI over HTTP and the contract over a WebSocket on the same port.
 * Bound to 127.0.0.1 unless told otherwise; the socket needs the token, and requests whose Host or
 * Origin is not this server are refused (DNS rebinding).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const http = createServer((req, res) => {
    if (!hostAllowed(req, port)) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === WS_PATH) {
      // A browser cannot read the status of a refused upgrade; a plain GET lets the UI tell a bad
      // token from a server that is down.
      const ok = tokenMatches(url.searchParams.get('token'), token);
      res.writeHead(ok ? 426 : 401, { 'Cache-Control': 'no-store' }).end(ok ? 'Upgrade Required' : 'Unauthorized');
      return;
    }
    serveStatic(options.webRoot, req, res);
  });
  let port = 0;
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== WS_PATH) return refuse(404, 'Not Found');
    if (!hostAllowed(req, port) || !originAllowed(req)) return refuse(403, 'Forbidden');
    if (!tokenMatches(url.searchParams.get('token'), token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attachSession(ws, options.core));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  port = (http.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOCAL_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostAllowed(req: IncomingMessage, port: number): boolean {
  const hostHeader = req.headers.host;
  if (!hostHeader) return false;
  const [name, p] = splitHost(hostHeader);
  const bound = req.socket.localAddress ?? '';
  const isLocal = LOCAL_NAMES.has(name);
  // A server bound to another interface (a box next to IB Gateway) is reached by that address.
  return (isLocal || name === bound || name === `[${bound}]`) && (p === '' || Number(p) === port);
}

function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // non-browser clients (CLI, tests) send none
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function splitHost(host: string): [string, string] {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  return m ? [m[1]!.toLowerCase(), m[2] ?? ''] : [host, ''];
}
