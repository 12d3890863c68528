/** One REST request as the fake answered it (fake clock). Secrets never appear: only the key id. */
export interface RestRecord {
  readonly time: number;
  readonly method: string;
  readonly path: string;
  /** The query string's parameters; any whose name looks like a credential is redacted. */
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  readonly keyId: string | null;
}

/** Stream connections of one key over all endpoints: authenticated ones, how many are open now, the most at once, 406s. */
export interface StreamKeyStats {
  connections: number;
  current: number;
  maxConcurrent: number;
  refusedOverLimit: number;
}

export interface SubscribeRecord {
  readonly time: number;
  readonly keyId: string | null;
  /** `iex`, `sip`, `test` or `crypto`. */
  readonly endpoint: string;
  readonly action: 'subscribe' | 'unsubscribe';
  /** The channels and symbols the message named (`trades`, `bars`, …). */
  readonly channels: Readonly<Record<string, readonly string[]>>;
}

export interface StreamStats {
  /** Sockets upgraded, open now, dropped by the drop fault, and upgrades refused by the refuse fault. */
  readonly opened: number;
  readonly open: number;
  readonly dropped: number;
  readonly refusedUpgrades: number;
  /** Sockets that asked for msgpack (`Content-Type: application/msgpack`) and that spoke JSON. */
  readonly msgpack: number;
  readonly json: number;
  readonly perKey: Readonly<Record<string, StreamKeyStats>>;
  readonly subscribeMessages: readonly SubscribeRecord[];
}

export interface FakeAlpacaStats {
  readonly requests: readonly RestRecord[];
  readonly stream: StreamStats;
}

const MAX_RECORDS = 10_000;
const CREDENTIAL_NAME = /secret|key|password|token$/i;

/** Keeps the records behind `stats()`, bounded so a long-running fake does not grow without end. */
export class StatsRecorder {
  private requests: RestRecord[] = [];
  private subscribes: SubscribeRecord[] = [];
  private perKey: Record<string, StreamKeyStats> = {};
  private counters = { opened: 0, dropped: 0, refusedUpgrades: 0, msgpack: 0, json: 0 };

  request(r: Omit<RestRecord, 'query'> & { readonly search: URLSearchParams }): void {
    const query: Record<string, string> = {};
    for (const [name, value] of r.search) query[name] = CREDENTIAL_NAME.test(name) && name !== 'page_token' ? '[redacted]' : value;
    this.requests.push({ time: r.time, method: r.method, path: r.path, query, status: r.status, keyId: r.keyId });
    if (this.requests.length > MAX_RECORDS) this.requests = this.requests.slice(-MAX_RECORDS / 2);
  }

  socketOpened(msgpack: boolean): void {
    this.counters.opened++;
    if (msgpack) this.counters.msgpack++;
    else this.counters.json++;
  }

  socketsDropped(count: number): void {
    this.counters.dropped += count;
  }

  upgradeRefused(): void {
    this.counters.refusedUpgrades++;
  }

  /** A socket authenticated as `keyId`; `current` is how many of its sockets are authenticated now. */
  authenticated(keyId: string, current: number): void {
    const s = this.key(keyId);
    s.connections++;
    s.current = current;
    s.maxConcurrent = Math.max(s.maxConcurrent, current);
  }

  authenticatedClosed(keyId: string, current: number): void {
    this.key(keyId).current = current;
  }

  overLimit(keyId: string): void {
    this.key(keyId).refusedOverLimit++;
  }

  subscribe(record: SubscribeRecord): void {
    this.subscribes.push(record);
    if (this.subscribes.length > MAX_RECORDS) this.subscribes = this.subscribes.slice(-MAX_RECORDS / 2);
  }

  snapshot(open: number): FakeAlpacaStats {
    const perKey = Object.fromEntries(Object.entries(this.perKey).map(([k, v]) => [k, { ...v }]));
    return { requests: [...this.requests], stream: { ...this.counters, open, perKey, subscribeMessages: [...this.subscribes] } };
  }

  /** Forgets the records (the per-key `current` counts stay true to the open sockets). */
  reset(): void {
    this.requests = [];
    this.subscribes = [];
    this.counters = { opened: 0, dropped: 0, refusedUpgrades: 0, msgpack: 0, json: 0 };
    for (const s of Object.values(this.perKey)) Object.assign(s, { connections: 0, maxConcurrent: s.current, refusedOverLimit: 0 });
  }

  private key(keyId: string): StreamKeyStats {
    return (this.perKey[keyId] ??= { connections: 0, current: 0, maxConcurrent: 0, refusedOverLimit: 0 });
  }
}
