import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Faults } from './faults.ts';
import { bucketOpen } from './intervals.ts';
import type { KlineBook } from './klines.ts';
import type { FakeMarket } from './market-data.ts';
import { aggTradeEvent, klineEvent, parseStreamName, tradeEvent, type StreamName } from './ws-payloads.ts';

export interface WsStats {
  connections: number;
  open: number;
  dropped: number;
  messagesSent: number;
  subscribeRequests: number;
  /** Streams subscribed right now, over all open sockets. */
  streams: number;
}

export interface StreamHubOptions {
  readonly market: FakeMarket;
  readonly book: KlineBook;
  readonly now: () => number;
  readonly faults: Faults;
  /** How often the ticker looks for trades whose time has come (ms). */
  readonly tickMs: number;
  /** How often an open kline is pushed while it has trades (ms). */
  readonly klinePushMs: number;
  /** How often the server pings each socket (ms). */
  readonly pingIntervalMs: number;
}

type Subscription = StreamName & { lastSent: number; bucket: number; lastPush: number };

interface Session {
  readonly ws: WebSocket;
  readonly subscriptions: Map<string, Subscription>;
  combined: boolean;
}

// A clock that jumps forward (a test moving time) must not flood a socket with a day of trades.
const MAX_BACKLOG_MS = 120_000;

/**
 * Binance's market streams at `/ws` (and `/ws/<stream>/<stream>…`): JSON `SUBSCRIBE` /
 * `UNSUBSCRIBE` / `LIST_SUBSCRIPTIONS` / `SET_PROPERTY` / `GET_PROPERTY` requests answered
 * `{ result, id }`; each trade pushed when its time arrives; klines pushed while they have trades
 * and once with `x: true` when they close; pings from the server, pongs to the client's pings.
 */
export class StreamHub {
  private readonly counters = { connections: 0, dropped: 0, messagesSent: 0, subscribeRequests: 0 };
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });
  private readonly sessions = new Set<Session>();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly pendingReplies = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly options: StreamHubOptions) {
    this.timers.push(setInterval(() => this.tick(), options.tickMs), setInterval(() => this.pingAll(), options.pingIntervalMs));
  }

  get stats(): WsStats {
    let streams = 0;
    for (const s of this.sessions) streams += s.subscriptions.size;
    return { ...this.counters, open: this.sessions.size, streams };
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, path));
  }

  /** Closes every socket's TCP connection without a close frame, as a network failure would. */
  dropAll(): number {
    const count = this.sessions.size;
    for (const s of this.sessions) s.ws.terminate();
    this.counters.dropped += count;
    return count;
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
    for (const t of this.pendingReplies) clearTimeout(t);
    for (const s of this.sessions) s.ws.terminate();
    this.wss.close();
  }

  private open(ws: WebSocket, path: string): void {
    const session: Session = { ws, subscriptions: new Map(), combined: false };
    this.sessions.add(session);
    this.counters.connections++;
    // `/ws/btcusdt@trade` subscribes at connect; ccxt's `/ws/0` names no stream and is ignored.
    for (const name of path.split('/').slice(2)) {
      const parsed = parseStreamName(this.options.market, name);
      if (typeof parsed !== 'string') this.subscribe(session, parsed);
    }
    ws.on('message', (data) => {
      if (!this.options.faults.current.stalled) this.onMessage(session, data.toString());
    });
    ws.on('ping', (data) => {
      if (!this.options.faults.current.stalled) ws.pong(data);
    });
    ws.on('close', () => this.sessions.delete(session));
    ws.on('error', () => ws.terminate());
  }

  private onMessage(session: Session, text: string): void {
    let request: { method?: unknown; params?: unknown; id?: unknown };
    try {
      request = JSON.parse(text);
    } catch {
      this.reply(session, { error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' }, id: null });
      return;
    }
    const id = typeof request.id === 'number' || typeof request.id === 'string' ? request.id : null;
    const params = Array.isArray(request.params) ? request.params : [];
    switch (request.method) {
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE': {
        this.counters.subscribeRequests++;
        const parsed = params.map((p) => (typeof p === 'string' ? parseStreamName(this.options.market, p) : `invalid stream name ${JSON.stringify(p)}`));
        const problem = parsed.find((p): p is string => typeof p === 'string');
        if (problem !== undefined) return this.reply(session, { error: { code: 2, msg: `Invalid request: ${problem}` }, id });
        for (const p of parsed as StreamName[]) {
          if (request.method === 'SUBSCRIBE') this.subscribe(session, p);
          else session.subscriptions.delete(p.name);
        }
        return this.reply(session, { result: null, id });
      }
      case 'LIST_SUBSCRIPTIONS':
        return this.reply(session, { result: [...session.subscriptions.keys()], id });
      case 'SET_PROPERTY':
        if (params[0] === 'combined' && typeof params[1] === 'boolean') {
          session.combined = params[1];
          return this.reply(session, { result: null, id });
        }
        return this.reply(session, { error: { code: 0, msg: 'Unknown property' }, id });
      case 'GET_PROPERTY':
        if (params[0] === 'combined') return this.reply(session, { result: session.combined, id });
        return this.reply(session, { error: { code: 0, msg: 'Unknown property' }, id });
      default:
        return this.reply(session, { error: { code: 2, msg: `Invalid request: unknown method ${JSON.stringify(request.method)}` }, id });
    }
  }

  private subscribe(session: Session, stream: StreamName): void {
    const now = this.options.now();
    const bucket = stream.kind === 'kline' ? bucketOpen(stream.interval, now) : 0;
    session.subscriptions.set(stream.name, { ...stream, lastSent: now, bucket, lastPush: now });
  }

  /** A reply to a request, held back by the delay fault. */
  private reply(session: Session, message: unknown): void {
    const delay = this.options.faults.current.delayMs;
    if (delay <= 0) return this.send(session, message);
    const timer = setTimeout(() => {
      this.pendingReplies.delete(timer);
      this.send(session, message);
    }, delay);
    this.pendingReplies.add(timer);
  }

  private send(session: Session, message: unknown, stream?: string): void {
    if (this.options.faults.current.stalled || session.ws.readyState !== session.ws.OPEN) return;
    const framed = session.combined && stream !== undefined ? { stream, data: message } : message;
    session.ws.send(JSON.stringify(framed));
    this.counters.messagesSent++;
  }

  private tick(): void {
    const now = this.options.now();
    for (const session of this.sessions) {
      for (const sub of session.subscriptions.values()) this.advance(session, sub, now);
    }
  }

  private advance(session: Session, sub: Subscription, now: number): void {
    const { market, book } = this.options;
    if (sub.kind !== 'kline') {
      const from = Math.max(sub.lastSent + 1, now - MAX_BACKLOG_MS);
      if (now < from) return;
      const event = sub.kind === 'trade' ? tradeEvent : aggTradeEvent;
      for (const t of market.tradesBetween(sub.spec.symbol, from, now + 1)) this.send(session, event(sub.spec, t, now), sub.name);
      sub.lastSent = now;
      return;
    }
    const open = bucketOpen(sub.interval, now);
    if (open > sub.bucket) {
      const closed = book.bucket(sub.spec, sub.interval, sub.bucket, now);
      if (closed.agg.count > 0) this.send(session, klineEvent(sub.spec, sub.interval, sub.bucket, closed.closeTime, closed.agg, true, now), sub.name);
      sub.bucket = open;
      sub.lastPush = now;
    }
    if (now - sub.lastPush >= this.options.klinePushMs) {
      const current = book.bucket(sub.spec, sub.interval, open, now);
      if (current.agg.count > 0) this.send(session, klineEvent(sub.spec, sub.interval, open, current.closeTime, current.agg, false, now), sub.name);
      sub.lastPush = now;
    }
  }

  private pingAll(): void {
    if (this.options.faults.current.stalled) return;
    for (const s of this.sessions) s.ws.ping();
  }
}
