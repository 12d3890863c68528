import type { Socket } from 'node:net';
import type { Caller } from './context.ts';
import type { MalformedKind } from './faults.ts';
import { errorMessage, managedAccounts, nextValidId } from './messages.ts';
import { frame, FrameReader, negotiate, parseVersionRange, type Field, type Incoming } from './protocol.ts';
import { connectionTimeText } from './time-zone.ts';

/** What a session needs from its server. */
export interface SessionHost {
  readonly serverMaxVersion: number;
  readonly accounts: string;
  readonly firstOrderId: number;
  now(): number;
  isStalled(): boolean;
  delayMs(): number;
  takeMalformed(): MalformedKind | null;
  /** True when another live session already uses this client id. */
  clientIdInUse(clientId: number, asker: ClientSession): boolean;
  /** A handshake ended in refusal (version range or client id): counted and logged. */
  refused(reason: string): void;
  ended(session: ClientSession): void;
  /** Routes a request of a started client to its handler. */
  dispatch(session: ClientSession, fields: string[]): void;
  unreadable(session: ClientSession, what: string): void;
}

/** The farm notices TWS greets every API client with. */
const GREETINGS: ReadonlyArray<readonly [number, string]> = [
  [2104, 'Market data farm connection is OK:usfarm'],
  [2106, 'HMDS data farm connection is OK:ushmds'],
  [2158, 'Sec-def data farm connection is OK:secdefnj'],
];
const CLIENT_ID_IN_USE = 'Unable to connect as the client id is already in use. Retry with a unique client id.';

/** One TCP connection: handshake, startApi, then requests — speaking the negotiated version. */
export class ClientSession implements Caller {
  clientId = -1;
  version = 0;
  announced = '';
  nextOrderId: number;
  readonly connectedAt: number;
  readonly openHistorical = new Map<number, () => void>();
  private state: 'hello' | 'start' | 'ready' | 'closed' = 'hello';
  private readonly reader = new FrameReader();
  /** Received while stalled: processed once the stall ends. */
  private inbox: Incoming[] = [];
  /** Answers due while stalled: sent once the stall ends. */
  private outbox: Field[][] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(readonly socket: Socket, private readonly host: SessionHost) {
    this.nextOrderId = host.firstOrderId;
    this.connectedAt = host.now();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
  }

  get started(): boolean {
    return this.state === 'ready';
  }

  get remotePort(): number {
    return this.socket.remotePort ?? 0;
  }

  private receive(chunk: Buffer): void {
    let messages: Incoming[];
    try {
      messages = this.reader.push(chunk);
    } catch (error) {
      this.host.unreadable(this, (error as Error).message);
      return this.close();
    }
    for (const m of messages) {
      if (this.host.isStalled()) this.inbox.push(m);
      else this.handle(m);
    }
  }

  /** The stall is over: what waited is answered, in order. */
  resumeAfterStall(): void {
    const [outbox, inbox] = [this.outbox, this.inbox];
    [this.outbox, this.inbox] = [[], []];
    for (const fields of outbox) this.send(fields);
    for (const m of inbox) this.handle(m);
  }

  private handle(m: Incoming): void {
    if (this.state === 'closed') return;
    if (m.kind === 'hello') return this.hello(m.text);
    if (this.state === 'start') return this.startApi(m.fields);
    if (this.state === 'ready') this.host.dispatch(this, m.fields);
  }

  private hello(text: string): void {
    const range = parseVersionRange(text);
    const version = range === null ? null : negotiate(range, this.host.serverMaxVersion);
    if (range === null || version === null) {
      this.host.refused(`client announced ${JSON.stringify(text)}; this server speaks up to ${this.host.serverMaxVersion}`);
      return this.close();
    }
    this.version = version;
    this.announced = `${range.min}..${range.max}`;
    this.state = 'start';
    this.reply([version, connectionTimeText(this.host.now())]);
  }

  private startApi(fields: string[]): void {
    if (fields[0] !== '71' || fields.length !== 4 || !/^-?\d+$/.test(fields[2])) {
      this.host.unreadable(this, `expected startApi [71, 2, clientId, capabilities], got ${JSON.stringify(fields.slice(0, 6))}`);
      return this.close();
    }
    const clientId = Number(fields[2]);
    if (this.host.clientIdInUse(clientId, this)) {
      this.host.refused(`client id ${clientId} is already in use`);
      this.error(-1, 326, CLIENT_ID_IN_USE);
      // TWS closes the socket once the refusal is out.
      const close = () => this.close();
      if (this.host.delayMs() > 0) setTimeout(close, this.host.delayMs() + 10).unref();
      else this.socket.end(close);
      return;
    }
    this.clientId = clientId;
    this.state = 'ready';
    this.reply(managedAccounts(this.host.accounts));
    this.reply(nextValidId(this.nextOrderId));
    for (const [code, text] of GREETINGS) this.error(-1, code, text);
  }

  reply(fields: Field[], onSent?: () => void): (() => void) | null {
    const delay = this.host.delayMs();
    if (delay <= 0) {
      this.send(fields);
      onSent?.();
      return null;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.send(fields);
      onSent?.();
    }, delay);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  error(id: number, code: number, text: string): void {
    this.reply(errorMessage(this.version, id, code, text));
  }

  /** Puts one message on the wire now (streams call this directly: they are not "answers"). */
  send(fields: Field[]): void {
    if (this.state === 'closed' || this.socket.destroyed) return;
    if (this.host.isStalled()) {
      this.outbox.push(fields);
      return;
    }
    const malformed = this.host.takeMalformed();
    // Garbage: every field after the id replaced, and one field too many — what a corrupted proxy might pass on.
    if (malformed === 'garbage') fields = [fields[0], ...fields.slice(1).map((_, n) => (n % 2 === 0 ? '\u0001garbage' : '?')), '\u0001garbage'];
    const bytes = frame(fields);
    // A length prefix that claims 7 bytes more than the frame holds: the client's framing slips.
    if (malformed === 'bad-length') bytes.writeInt32BE(bytes.length - 4 + 7, 0);
    this.socket.write(bytes);
  }

  /** Closes the connection without a word (the drop fault, the nightly reset, shutdown). */
  drop(): void {
    this.socket.destroy();
    this.close();
  }

  private close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.socket.destroy();
    this.host.ended(this);
  }
}
