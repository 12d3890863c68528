import type { WebSocket } from 'ws';
import { findKey, type FakeAlpacaKey } from './access.ts';
import { encodeFrame, type Codec } from './stream-codec.ts';
import type { AssetClass } from './symbols.ts';
import type { Feed } from './trade-generator.ts';

/** A market-data stream endpoint: `/v2/iex`, `/v2/sip`, `/v2/test`, `/v1beta3/crypto/us`. */
export interface StreamEndpoint {
  readonly name: 'iex' | 'sip' | 'test' | 'crypto';
  readonly feed: Feed;
  readonly assetClass: AssetClass;
}

export const STREAM_ENDPOINTS: Readonly<Record<string, StreamEndpoint>> = {
  '/v2/iex': { name: 'iex', feed: 'iex', assetClass: 'us_equity' },
  '/v2/sip': { name: 'sip', feed: 'sip', assetClass: 'us_equity' },
  '/v2/test': { name: 'test', feed: 'sip', assetClass: 'us_equity' },
  '/v1beta3/crypto/us': { name: 'crypto', feed: 'sip', assetClass: 'crypto' },
};

/** Channels a client may subscribe to; only trades, quotes and bars carry data in the fake. */
const STOCK_CHANNELS = ['trades', 'quotes', 'bars', 'updatedBars', 'dailyBars', 'statuses', 'lulds'] as const;
const CRYPTO_CHANNELS = ['trades', 'quotes', 'orderbooks', 'bars', 'updatedBars', 'dailyBars'] as const;
export type Channel = (typeof STOCK_CHANNELS)[number] | (typeof CRYPTO_CHANNELS)[number];

/** Alpaca's stream error codes and messages. */
export const STREAM_ERRORS = {
  invalidSyntax: { code: 400, msg: 'invalid syntax' },
  notAuthenticated: { code: 401, msg: 'not authenticated' },
  authFailed: { code: 402, msg: 'auth failed' },
  alreadyAuthenticated: { code: 403, msg: 'already authenticated' },
  authTimeout: { code: 404, msg: 'auth timeout' },
  symbolLimit: { code: 405, msg: 'symbol limit exceeded' },
  connectionLimit: { code: 406, msg: 'connection limit exceeded' },
  insufficientSubscription: { code: 409, msg: 'insufficient subscription' },
} as const;

/** What the session needs from the hub to answer the protocol. */
export interface SessionEnv {
  readonly keys: readonly FakeAlpacaKey[];
  readonly sipSubscription: boolean;
  readonly symbolLimit: number;
  /** Authenticated sockets one key may hold on one endpoint (Alpaca: 1). */
  readonly connectionLimit: number;
  /** Authenticated sockets of this key on this endpoint right now. */
  authenticatedCount(keyId: string, endpoint: string): number;
  onAuthenticated(session: StreamSession): void;
  onOverLimit(session: StreamSession): void;
  onSubscribe(session: StreamSession, action: 'subscribe' | 'unsubscribe', channels: Record<string, string[]>): void;
  /** Called when symbols join a channel, so that data starts from now for them. */
  onAdded(session: StreamSession, channel: Channel, symbols: readonly string[]): void;
}

/** One stream socket: the handshake, auth, subscriptions and the frames sent back. */
export class StreamSession {
  keyId: string | null = null;
  authenticated = false;
  readonly subs = new Map<Channel, Set<string>>();

  constructor(readonly ws: WebSocket, readonly endpoint: StreamEndpoint, readonly codec: Codec, private readonly env: SessionEnv) {
    for (const c of this.channels()) this.subs.set(c, new Set());
  }

  send(messages: readonly unknown[]): void {
    if (messages.length > 0 && this.ws.readyState === this.ws.OPEN) this.ws.send(encodeFrame(this.codec, messages));
  }

  error(e: { code: number; msg: string }): void {
    this.send([{ T: 'error', code: e.code, msg: e.msg }]);
  }

  /** Handles one decoded client message (null when it could not be decoded). */
  handle(message: unknown): void {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return this.error(STREAM_ERRORS.invalidSyntax);
    const m = message as Record<string, unknown>;
    if (m.action === 'auth') return this.auth(m.key, m.secret);
    if (m.action === 'subscribe' || m.action === 'unsubscribe') return this.subscribe(m.action, m);
    this.error(STREAM_ERRORS.invalidSyntax);
  }

  auth(key: unknown, secret: unknown): void {
    if (this.authenticated) return this.error(STREAM_ERRORS.alreadyAuthenticated);
    const found = findKey(this.env.keys, key, secret);
    if (!found) return this.error(STREAM_ERRORS.authFailed);
    if (this.endpoint.name === 'sip' && !this.env.sipSubscription) return this.error(STREAM_ERRORS.insufficientSubscription);
    // Alpaca allows one stream connection per key and endpoint: a second one is told so and closed.
    if (this.env.authenticatedCount(found.keyId, this.endpoint.name) >= this.env.connectionLimit) {
      this.keyId = found.keyId;
      this.env.onOverLimit(this);
      this.error(STREAM_ERRORS.connectionLimit);
      this.ws.close(1008, 'connection limit exceeded');
      return;
    }
    this.keyId = found.keyId;
    this.authenticated = true;
    this.env.onAuthenticated(this);
    this.send([{ T: 'success', msg: 'authenticated' }]);
  }

  /** The subscription message Alpaca answers with: every channel's full list (trades echoed as corrections/cancelErrors). */
  subscriptionMessage(): Record<string, unknown> {
    const lists = Object.fromEntries([...this.subs].map(([c, s]) => [c, [...s]]));
    if (this.endpoint.assetClass === 'crypto') return { T: 'subscription', ...lists };
    return { T: 'subscription', ...lists, corrections: lists.trades, cancelErrors: lists.trades };
  }

  private subscribe(action: 'subscribe' | 'unsubscribe', m: Record<string, unknown>): void {
    if (!this.authenticated) return this.error(STREAM_ERRORS.notAuthenticated);
    const asked: Record<string, string[]> = {};
    for (const channel of this.channels()) {
      const value = m[channel];
      if (value === undefined) continue;
      if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && s.length > 0)) return this.error(STREAM_ERRORS.invalidSyntax);
      asked[channel] = value as string[];
    }
    if (Object.keys(asked).length === 0) return this.error(STREAM_ERRORS.invalidSyntax);
    if (action === 'subscribe' && this.endpoint.name === 'iex' && this.wouldExceedLimit(asked)) return this.error(STREAM_ERRORS.symbolLimit);
    this.env.onSubscribe(this, action, asked);
    for (const [channel, symbols] of Object.entries(asked) as [Channel, string[]][]) {
      const set = this.subs.get(channel)!;
      if (action === 'unsubscribe') {
        for (const s of symbols) set.delete(s);
        continue;
      }
      const added = symbols.filter((s) => !set.has(s));
      for (const s of added) set.add(s);
      if (added.length > 0) this.env.onAdded(this, channel, added);
    }
    this.send([this.subscriptionMessage()]);
  }

  /** On IEX, trades and quotes together may name at most `symbolLimit` symbols (bars are unlimited). */
  private wouldExceedLimit(asked: Record<string, string[]>): boolean {
    const symbols = new Set([...this.subs.get('trades')!, ...this.subs.get('quotes')!, ...(asked.trades ?? []), ...(asked.quotes ?? [])]);
    return symbols.size > this.env.symbolLimit;
  }

  private channels(): readonly Channel[] {
    return this.endpoint.assetClass === 'crypto' ? CRYPTO_CHANNELS : STOCK_CHANNELS;
  }
}
