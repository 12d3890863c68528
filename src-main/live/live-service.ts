import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { LiveSubscription } from '../../src-shared/contract/live.contract.ts';
import { compareTimeframes, canResample, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import type { ConnectionRepo, SubscriptionRow } from '../market-data/connection-repo.ts';
import type { ConnectionService } from '../market-data/connection-service.ts';
import { instrumentSpecFor } from '../market-data/instrument-for.ts';
import type { BarIngest } from '../quality/bar-ingest.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import { LiveStream } from './live-stream.ts';

/**
 * Live symbols (SPEC S8): each a LiveStream over its connection's supervisor. Subscriptions are
 * stored, so they start again with the app; removing a connection removes its subscriptions.
 */
/** How often changed counters (trades, bars, catch-ups) are announced, so lists stay current. */
const COUNTERS_EVERY_MS = 5_000;

export class LiveService {
  private readonly streams = new Map<string, LiveStream>();
  private readonly announced = new Map<string, string>();
  private ticker: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: ConnectionRepo,
    private readonly connections: ConnectionService,
    private readonly instruments: InstrumentRepo,
    private readonly ingest: BarIngest,
    private readonly bus: EventBus,
  ) {
    connections.onRemove((connectionId) => this.dropConnection(connectionId));
  }

  /** Starts the stored subscriptions (their connections connect). */
  restore(): void {
    for (const row of this.repo.subscriptions()) this.open(row);
  }

  async subscribe(connectionId: string, symbol: string, timeframes: readonly Timeframe[]): Promise<LiveSubscription> {
    const tfs = [...new Set(timeframes)].sort(compareTimeframes);
    for (const tf of tfs.slice(1)) {
      if (!canResample(tfs[0]!, tf)) throw new AppFailure('VALIDATION_FAILED', `${tf} bars cannot be built from ${tfs[0]} bars`, { path: ['timeframes'] });
    }
    const summary = this.connections.get(connectionId);
    const existing = this.repo.subscriptions().find((r) => r.connectionId === connectionId && r.symbol === symbol);
    if (existing) return this.streams.get(existing.id)?.view() ?? this.open(existing).view();
    await this.checkMarket(connectionId, symbol);
    const instrumentId = this.instruments.ensure(instrumentSpecFor(summary.settings, symbol)).id;
    const row: SubscriptionRow = { id: `sub_${randomBytes(9).toString('base64url')}`, connectionId, symbol, instrumentId, timeframes: tfs, createdAt: Date.now() };
    this.repo.addSubscription(row);
    const stream = this.open(row);
    this.bus.emit('live.changed', { subscriptionIds: [row.id] });
    this.bus.emit('instruments.changed', { instrumentIds: [instrumentId] });
    return stream.view();
  }

  unsubscribe(subscriptionId: string): boolean {
    this.streams.get(subscriptionId)?.stop();
    this.streams.delete(subscriptionId);
    const removed = this.repo.removeSubscription(subscriptionId);
    if (removed) this.bus.emit('live.changed', { subscriptionIds: [subscriptionId] });
    return removed;
  }

  list(): LiveSubscription[] {
    return [...this.streams.values()].map((s) => s.view());
  }

  close(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    for (const s of this.streams.values()) s.stop();
    this.streams.clear();
  }

  private open(row: SubscriptionRow): LiveStream {
    const { supervisor, source } = this.connections.use(row.connectionId);
    // A live symbol keeps its connection up (a request alone would connect it only for itself).
    if (supervisor.status().state === 'disconnected') void supervisor.connect().catch(() => undefined);
    const stream = new LiveStream({
      row, supervisor, source, ingest: this.ingest, bus: this.bus,
      onLog: (level, message) => this.connections.note(row.connectionId, level, message),
    });
    this.streams.set(row.id, stream);
    stream.start();
    this.ticker ??= setInterval(() => this.announceCounters(), COUNTERS_EVERY_MS).unref();
    return stream;
  }

  private announceCounters(): void {
    const changed: string[] = [];
    for (const [id, stream] of this.streams) {
      const v = stream.view();
      const key = `${v.trades}/${v.barsCompleted}/${v.caughtUp}/${v.problem ?? ''}`;
      if (this.announced.get(id) !== key) changed.push(id);
      this.announced.set(id, key);
    }
    if (changed.length > 0) this.bus.emit('live.changed', { subscriptionIds: changed });
  }

  /** A symbol the venue does not list is refused with its name, not streamed into silence. */
  private async checkMarket(connectionId: string, symbol: string): Promise<void> {
    // Venues that only search (Yahoo) have no list to check against: their first poll answers instead.
    if (this.connections.searchOnly(connectionId)) return;
    const { markets } = await this.connections.markets(connectionId, symbol, 50);
    if (!markets.some((m) => m.symbol === symbol)) {
      const near = markets.slice(0, 5).map((m) => m.symbol).join(', ');
      throw new AppFailure('VALIDATION_FAILED', `${symbol} is not a market of this connection${near ? ` (did you mean ${near}?)` : ''}`, { path: ['symbol'] });
    }
  }

  private dropConnection(connectionId: string): void {
    const ids = [...this.streams.values()].filter((s) => s.view().connectionId === connectionId).map((s) => s.id);
    for (const id of ids) {
      this.streams.get(id)?.stop();
      this.streams.delete(id);
    }
    if (ids.length > 0) this.bus.emit('live.changed', { subscriptionIds: ids });
  }
}
