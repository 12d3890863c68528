import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { FakeAlpacaKey } from './access.ts';
import type { AlpacaFaults } from './faults.ts';
import type { StatsRecorder } from './stats.ts';
import { decodeClientFrame } from './stream-codec.ts';
import { LiveFeed } from './stream-feed.ts';
import { STREAM_ENDPOINTS, STREAM_ERRORS, StreamSession, type SessionEnv } from './stream-session.ts';
import type { AlpacaMarket } from './trade-generator.ts';

export interface StreamHubOptions {
  readonly market: AlpacaMarket;
  readonly keys: readonly FakeAlpacaKey[];
  readonly now: () => number;
  readonly faults: AlpacaFaults;
  readonly stats: StatsRecorder;
  readonly sipSubscription: boolean;
  readonly symbolLimit: number;
  readonly connectionLimit: number;
  /** How often the hub looks for trades whose time has come and minutes that have ended (wall ms). */
  readonly tickMs: number;
  /** How long a socket may stay unauthenticated (wall ms); Alpaca allows about 10 s. */
  readonly authTimeoutMs: number;
}

const MAX_MESSAGES_PER_FRAME = 1000;

/**
 * The market-data streams. Each trade is sent (with its quote, when subscribed) once the clock passes
 * its time; each minute bar right after its minute ends. Data comes from the same generator as
 * history, at any hour — the live stream works on a weekend — filtered by the endpoint's feed.
 */
export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  private readonly sessions = new Map<StreamSession, LiveFeed>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly env: SessionEnv;

  constructor(private readonly options: StreamHubOptions) {
    this.timer = setInterval(() => this.tick(), options.tickMs);
    const { stats } = options;
    this.env = {
      keys: options.keys,
      sipSubscription: options.sipSubscription,
      symbolLimit: options.symbolLimit,
      connectionLimit: options.connectionLimit,
      authenticatedCount: (keyId, endpoint) => this.count(keyId, endpoint),
      onAuthenticated: (s) => stats.authenticated(s.keyId!, this.count(s.keyId!)),
      onOverLimit: (s) => stats.overLimit(s.keyId!),
      onSubscribe: (s, action, channels) => stats.subscribe({ time: options.now(), keyId: s.keyId, endpoint: s.endpoint.name, action, channels }),
      onAdded: (s, channel, symbols) => this.sessions.get(s)?.start(channel, symbols, options.now()),
    };
  }

  get open(): number {
    return this.sessions.size;
  }

  /** Whether `path` is a stream endpoint. */
  serves(path: string): boolean {
    return STREAM_ENDPOINTS[path] !== undefined;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): void {
    if (this.options.faults.streamsRefused()) {
      this.options.stats.upgradeRefused();
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // The SDK asks for msgpack with this header on the upgrade request; anything else speaks JSON.
    const msgpack = (req.headers['content-type'] ?? '').includes('application/msgpack');
    const headerKey = req.headers['apca-api-key-id'];
    const headerSecret = req.headers['apca-api-secret-key'];
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, path, msgpack, headerKey, headerSecret));
  }

  /** Closes every socket's TCP connection without a close frame, as a network failure would. */
  dropAll(): number {
    const count = this.sessions.size;
    for (const s of this.sessions.keys()) s.ws.terminate();
    this.options.stats.socketsDropped(count);
    return count;
  }

  close(): void {
    clearInterval(this.timer);
    for (const s of this.sessions.keys()) s.ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket, path: string, msgpack: boolean, headerKey: unknown, headerSecret: unknown): void {
    const session = new StreamSession(ws, STREAM_ENDPOINTS[path], msgpack ? 'msgpack' : 'json', this.env);
    this.sessions.set(session, new LiveFeed(this.options.market, session));
    this.options.stats.socketOpened(msgpack);
    const { faults, stats } = this.options;
    const authTimer = setTimeout(() => {
      if (session.authenticated) return;
      session.error(STREAM_ERRORS.authTimeout);
      ws.close(1008, 'auth timeout');
    }, this.options.authTimeoutMs);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // A stalled server reads nothing and answers nothing.
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      if (!faults.streamsStalled()) session.handle(decodeClientFrame(bytes, isBinary));
    });
    ws.on('ping', (data) => {
      if (!faults.streamsStalled()) ws.pong(data);
    });
    ws.on('close', () => {
      clearTimeout(authTimer);
      this.sessions.delete(session);
      if (session.authenticated) stats.authenticatedClosed(session.keyId!, this.count(session.keyId!));
    });
    ws.on('error', () => ws.terminate());
    session.send([{ T: 'success', msg: 'connected' }]);
    // Alpaca also accepts the REST headers on the upgrade request instead of an auth message.
    if (headerKey !== undefined || headerSecret !== undefined) session.auth(headerKey, headerSecret);
  }

  /** Authenticated sockets of `keyId`, on one endpoint or (for the stats) on all of them. */
  private count(keyId: string, endpoint?: string): number {
    let n = 0;
    for (const s of this.sessions.keys()) if (s.authenticated && s.keyId === keyId && (endpoint === undefined || s.endpoint.name === endpoint)) n++;
    return n;
  }

  private tick(): void {
    if (this.options.faults.streamsStalled()) return;
    const now = this.options.now();
    for (const [session, feed] of this.sessions) {
      if (!session.authenticated) continue;
      const messages = feed.due(now);
      for (let i = 0; i < messages.length; i += MAX_MESSAGES_PER_FRAME) session.send(messages.slice(i, i + MAX_MESSAGES_PER_FRAME));
    }
  }
}
