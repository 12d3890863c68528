import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { ConnectionTestResult } from '../../src-shared/contract/connections.contract.ts';
import {
  type ConnectionLogEntry, type ConnectionSettings, type ConnectionStatus, type ConnectionSummary, type Credentials, CredentialsSchema,
} from '../../src-shared/domain/connection.ts';
import type { MarketDataSource, MarketInfo } from '../connections/market-data-source.ts';
import { ConnectionSupervisor } from '../connections/connection-supervisor.ts';
import type { RateLimiterRegistry } from '../connections/rate-limiter.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { EventBus } from '../services/event-bus.ts';
import { ConnectionLog } from './connection-log.ts';
import type { ConnectionRepo, ConnectionRow } from './connection-repo.ts';
import { describeError, type SourceFactory } from './source-factory.ts';

const TEST_TIMEOUT_MS = 15_000;
const MARKETS_CACHE_MS = 10 * 60_000;

interface Entry {
  row: ConnectionRow;
  source: MarketDataSource;
  supervisor: ConnectionSupervisor;
  markets: { at: number; list: readonly MarketInfo[] } | null;
}

/**
 * The connections of a workspace: their settings (stored), keys (secrets store), and one supervisor
 * each that keeps the venue connected, rate-limited and resubscribed (src-main/connections). Live
 * streams and backfills reach a venue only through `use(id)`.
 */
export class ConnectionService {
  private readonly entries = new Map<string, Entry>();
  private readonly log = new ConnectionLog();
  private readonly removeListeners = new Set<(id: string) => void>();

  constructor(
    private readonly repo: ConnectionRepo,
    private readonly secrets: SecretStore,
    private readonly sources: SourceFactory,
    private readonly limiters: RateLimiterRegistry,
    private readonly bus: EventBus,
  ) {
    for (const row of repo.list()) this.entries.set(row.id, this.open(row));
  }

  list(): ConnectionSummary[] {
    return [...this.entries.values()].map((e) => this.summary(e));
  }

  get(id: string): ConnectionSummary {
    return this.summary(this.entry(id));
  }

  save(id: string | undefined, settings: ConnectionSettings, credentials: Credentials | null | undefined): ConnectionSummary {
    const now = Date.now();
    let entry: Entry;
    if (id === undefined) {
      const newId = `con_${randomBytes(9).toString('base64url')}`;
      const row = this.repo.insert(newId, settings, now);
      // Keys first: the source is made with them (a source made before would connect without keys).
      this.writeCredentials(newId, credentials);
      entry = this.open(row);
      this.entries.set(newId, entry);
      this.note(newId, 'info', `Connection "${settings.name}" created`);
    } else {
      const old = this.entry(id);
      this.repo.update(id, settings, now);
      this.writeCredentials(id, credentials);
      const wasRunning = old.supervisor.status().state !== 'disconnected';
      void this.shut(old);
      entry = this.open({ ...old.row, settings, updatedAt: now });
      this.entries.set(id, entry);
      this.note(id, 'info', `Settings of "${settings.name}" changed${wasRunning ? ': reconnecting with them' : ''}`);
      if (wasRunning) void entry.supervisor.connect().catch(() => undefined);
    }
    this.bus.emit('connections.changed', { connectionIds: [entry.row.id] });
    return this.summary(entry);
  }

  async remove(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    for (const listener of this.removeListeners) listener(id);
    this.entries.delete(id);
    await this.shut(entry);
    this.secrets.delete(secretName(id));
    this.repo.remove(id);
    this.log.forget(id);
    this.bus.emit('connections.changed', { connectionIds: [id] });
    return true;
  }

  /** Called before a connection is removed (live subscriptions stop, backfills are interrupted). */
  onRemove(listener: (id: string) => void): void {
    this.removeListeners.add(listener);
  }

  /** Tries settings against the venue with a throwaway source: nothing is stored, nothing stays open. */
  async test(id: string | undefined, settings: ConnectionSettings, credentials: Credentials | null | undefined): Promise<ConnectionTestResult> {
    const keys = credentials === undefined && id !== undefined ? this.readCredentials(id) : (credentials ?? null);
    const source = this.sources.create(settings, keys);
    const signal = AbortSignal.timeout(TEST_TIMEOUT_MS);
    const venue = venueName(settings);
    try {
      await source.connect(signal);
      const latencyMs = Math.round(await source.ping(signal));
      const markets = (await source.markets(signal)).length;
      const listed = markets > 0 ? `${markets.toLocaleString('en-US')} markets, ` : '';
      return { ok: true, latencyMs, markets, message: `Connected to ${venue}: ${listed}round trip ${latencyMs} ms` };
    } catch (error) {
      return { ok: false, latencyMs: null, markets: 0, message: `Could not connect to ${venue}: ${describeError(error)}` };
    } finally {
      await source.close().catch(() => undefined);
    }
  }

  connect(id: string): ConnectionStatus {
    const entry = this.entry(id);
    void entry.supervisor.connect().catch(() => undefined);
    return entry.supervisor.status();
  }

  async disconnect(id: string): Promise<ConnectionStatus> {
    const entry = this.entry(id);
    await entry.supervisor.disconnect();
    return entry.supervisor.status();
  }

  logOf(id: string, limit: number): ConnectionLogEntry[] {
    this.entry(id);
    return this.log.newestFirst(id, limit);
  }

  /** Markets matching `search` (symbol, base or quote; the venue's own search where it has one). */
  async markets(id: string, search: string, limit: number): Promise<{ total: number; markets: MarketInfo[] }> {
    const entry = this.entry(id);
    const text = search.trim().toUpperCase();
    let list: readonly MarketInfo[];
    const searched = entry.source.search !== undefined && text !== '';
    if (searched) {
      list = await entry.supervisor.call('search', (signal) => entry.source.search!(text, signal), { retries: 2 });
    } else {
      list = await this.allMarkets(entry);
    }
    // A venue's own search also matches names ("apple" finds AAPL): its answers are not filtered again.
    const matches = text === '' || searched ? list : list.filter((m) => m.symbol.toUpperCase().includes(text) || m.base === text || m.quote === text);
    const ranked = [...matches].sort((a, b) => rank(a, text) - rank(b, text) || a.symbol.localeCompare(b.symbol));
    return { total: matches.length, markets: ranked.slice(0, limit) };
  }

  /** True for venues that cannot list their markets, only search them (Yahoo). */
  searchOnly(id: string): boolean {
    return this.entry(id).source.search !== undefined;
  }

  /**
   * The supervisor and source of a connection. Nothing is connected here: a request through
   * `supervisor.call` connects when it needs to, and a live stream connects explicitly.
   */
  use(id: string): { supervisor: ConnectionSupervisor; source: MarketDataSource; settings: ConnectionSettings } {
    const entry = this.entry(id);
    return { supervisor: entry.supervisor, source: entry.source, settings: entry.row.settings };
  }

  async close(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => this.shut(e)));
    this.entries.clear();
  }

  private async allMarkets(entry: Entry): Promise<readonly MarketInfo[]> {
    if (entry.markets && Date.now() - entry.markets.at < MARKETS_CACHE_MS) return entry.markets.list;
    const list = await entry.supervisor.call('markets', (signal) => entry.source.markets(signal), { retries: 2 });
    entry.markets = { at: Date.now(), list };
    return list;
  }

  private open(row: ConnectionRow): Entry {
    const source = this.sources.create(row.settings, this.readCredentials(row.id));
    source.onNotice = (level, message) => this.note(row.id, level, message);
    const supervisor = new ConnectionSupervisor({
      connectionId: row.id,
      source,
      settings: row.settings,
      limiter: this.limiters.for(source.venue, row.settings.urls.rest ?? '', row.settings.requestsPerMinute ?? this.sources.defaultRequestsPerMinute(row.settings)),
      onStatus: (status) => this.bus.emit('connections.status', status),
      onLog: (level, message) => this.note(row.id, level, message),
    });
    return { row, source, supervisor, markets: null };
  }

  private async shut(entry: Entry): Promise<void> {
    await entry.supervisor.close();
    await entry.source.close().catch(() => undefined);
  }

  note(connectionId: string, level: ConnectionLogEntry['level'], message: string): void {
    const entry = { connectionId, at: Date.now(), level, message };
    this.log.add(entry);
    this.bus.emit('connections.log', entry);
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new AppFailure('NOT_FOUND', `No connection ${id}`);
    return entry;
  }

  private summary(entry: Entry): ConnectionSummary {
    return {
      id: entry.row.id,
      settings: entry.row.settings,
      hasCredentials: this.secrets.has(secretName(entry.row.id)),
      createdAt: entry.row.createdAt,
      status: entry.supervisor.status(),
    };
  }

  private writeCredentials(id: string, credentials: Credentials | null | undefined): void {
    if (credentials === undefined) return;
    if (credentials === null) this.secrets.delete(secretName(id));
    else this.secrets.set(secretName(id), JSON.stringify(credentials));
  }

  private readCredentials(id: string): Credentials | null {
    const text = this.secrets.get(secretName(id));
    return text == null ? null : CredentialsSchema.parse(JSON.parse(text));
  }
}

function secretName(connectionId: string): string {
  return `connection:${connectionId}`;
}

/** Exact symbol first, then base matches, then the rest. */
function rank(m: MarketInfo, text: string): number {
  if (text === '') return 0;
  if (m.symbol.toUpperCase() === text) return 0;
  if (m.base === text) return 1;
  if (m.symbol.toUpperCase().startsWith(text)) return 2;
  return 3;
}

/** The venue as a trader names it, for messages. */
function venueName(settings: ConnectionSettings): string {
  switch (settings.kind) {
    case 'ccxt': return settings.exchange ?? 'ccxt';
    case 'ib': return `Interactive Brokers at ${settings.ib?.host}:${settings.ib?.port}`;
    case 'alpaca': return `Alpaca (${settings.alpaca?.environment ?? 'paper'})`;
    default: return 'Yahoo Finance';
  }
}
