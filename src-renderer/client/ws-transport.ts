import type { Result } from '../../src-shared/contract/index.ts';
import { PROTOCOL_VERSION } from '../../src-shared/transport/protocol.ts';
import type { ClientFrame, ServerFrame } from '../../src-shared/transport/protocol.ts';
import type { ConnectionState, Transport } from '../../src-shared/transport/transport.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { TransportError } from './client-error.ts';
import { Emitter, ListenerSets } from './listeners.ts';
import { PendingRequests } from './pending-requests.ts';
import { AUTH_CLOSE_CODES, decodeServerFrame, encodeClientFrame, probe } from './ws-frames.ts';

/** Why a transport stopped for good: the UI explains each differently. */
export type CloseReason = 'unauthorized' | 'protocol' | 'stopped';

export interface WsTransportOptions {
  readonly url: string;
  /** Plain-HTTP twin of `url`, asked when an upgrade fails to tell a bad token from a dead server. */
  readonly probeUrl: string;
  /** False when the page has no token at all: then the first refused upgrade is conclusive. */
  readonly hasToken: boolean;
  readonly backoff?: BackoffOptions;
  /** How long a request may wait for the connection before it fails. */
  readonly queueTimeoutMs?: number;
  readonly helloTimeoutMs?: number;
}

/** The WebSocket transport of headless/browser mode: msgpack frames, reconnects, re-subscribes. */
export class WsTransport implements Transport {
  state: ConnectionState = 'connecting';
  closeReason: CloseReason | null = null;

  private socket: WebSocket | null = null;
  private ready = false;
  /** The current socket got past the HTTP upgrade (it may still be waiting for hello). */
  private upgraded = false;
  /** A reconnect is scheduled (and nothing else is under way). */
  private waiting = false;
  private everOpened = false;
  private attempt = 0;
  /** Upgrades refused in a row while the server answered HTTP: a token it does not accept. */
  private refusals = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private helloTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly requests: PendingRequests;
  private readonly events = new ListenerSets<unknown>();
  private readonly states = new Emitter<ConnectionState>();

  constructor(private readonly options: WsTransportOptions) {
    this.requests = new PendingRequests(options.queueTimeoutMs ?? 30_000);
    window.addEventListener('online', () => this.retryNow());
    this.connect();
  }

  invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    if (this.state === 'closed') return Promise.reject(new TransportError('DISCONNECTED', 'Not connected to Candlewick'));
    return this.requests.add(channel, input, this.ready, this.send);
  }

  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    if (this.events.add(event, listener) && this.ready) this.send({ t: 'sub', ev: event });
    return () => {
      if (this.events.remove(event, listener) && this.ready) this.send({ t: 'unsub', ev: event });
    };
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    return this.states.add(listener);
  }

  /** Skip the backoff wait (the network came back, or the user asked). */
  retryNow(): void {
    if (!this.waiting) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  close(): void {
    this.stop('stopped');
    this.socket?.close(1000);
  }

  private connect(): void {
    this.waiting = false;
    this.upgraded = false;
    const socket = new WebSocket(this.options.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onmessage = (message) => this.onFrame(decodeServerFrame(message.data));
    socket.onclose = (event) => void this.onSocketClose(socket, event.code);
    socket.onerror = () => {}; // a close event always follows; it is handled there
    socket.onopen = () => {
      this.upgraded = true;
      this.helloTimer = setTimeout(() => socket.close(4000, 'no hello'), this.options.helloTimeoutMs ?? 10_000);
    };
  }

  private onFrame(frame: ServerFrame | null): void {
    if (!frame) return; // a frame we cannot read is dropped, not fatal
    if (frame.t === 'hello') return this.onHello(frame.protocol);
    if (frame.t === 'ev') return this.events.emit(frame.ev, frame.p);
    this.requests.settle(frame.id, frame.ok ? { ok: true, value: frame.out } : { ok: false, error: frame.err });
  }

  private onHello(protocol: number): void {
    clearTimeout(this.helloTimer);
    if (protocol !== PROTOCOL_VERSION) {
      this.stop('protocol');
      this.socket?.close(1000);
      return;
    }
    this.ready = true;
    this.everOpened = true;
    this.attempt = 0;
    this.refusals = 0;
    for (const event of this.events.names()) this.send({ t: 'sub', ev: event });
    this.requests.flush(this.send);
    this.setState('open');
  }

  private async onSocketClose(socket: WebSocket, code: number): Promise<void> {
    if (socket !== this.socket) return;
    clearTimeout(this.helloTimer);
    const upgraded = this.upgraded;
    this.socket = null;
    this.ready = false;
    this.requests.failInFlight('The connection to Candlewick was lost before the answer arrived');
    if (this.state === 'closed') return;
    const refused = AUTH_CLOSE_CODES.has(code) || (!upgraded && (await this.upgradeRefused()));
    if (this.isClosed()) return; // closed by the app while we were asking
    if (refused) return this.stop('unauthorized');
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.waiting = true;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
  }

  /**
   * Whether a failed upgrade means "not allowed". The server refuses a bad token with 401 on the
   * upgrade, which a browser cannot read; when plain HTTP to the same address answers but the
   * upgrade fails twice in a row (once without a token), the token is what is wrong.
   */
  private async upgradeRefused(): Promise<boolean> {
    const verdict = await probe(this.options.probeUrl);
    if (verdict === 'refused') return true;
    this.refusals = verdict === 'reachable' ? this.refusals + 1 : 0;
    return this.refusals >= (this.options.hasToken ? 2 : 1);
  }

  private readonly send = (frame: ClientFrame): boolean => {
    try {
      this.socket?.send(encodeClientFrame(frame));
      return true;
    } catch {
      return false;
    }
  };

  private stop(reason: CloseReason): void {
    this.closeReason = reason;
    clearTimeout(this.retryTimer);
    this.waiting = false;
    this.requests.failAll('The connection to Candlewick was closed');
    this.setState('closed');
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.states.emit(state);
  }
}
