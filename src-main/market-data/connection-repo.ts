import { asc, eq } from 'drizzle-orm';
import { ConnectionSettingsSchema, type ConnectionSettings } from '../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import type { Db } from '../storage/database.ts';
import { connections, liveSubscriptions } from '../storage/schema.ts';

export interface ConnectionRow {
  id: string;
  settings: ConnectionSettings;
  createdAt: number;
  updatedAt: number;
}

export interface SubscriptionRow {
  id: string;
  connectionId: string;
  symbol: string;
  instrumentId: number;
  timeframes: Timeframe[];
  createdAt: number;
}

/** Connections and live subscriptions as stored in the workspace (never keys: see the secrets store). */
export class ConnectionRepo {
  constructor(private readonly db: Db) {}

  list(): ConnectionRow[] {
    return this.db
      .select()
      .from(connections)
      .orderBy(asc(connections.createdAt))
      .all()
      .map((r) => ({ ...r, settings: ConnectionSettingsSchema.parse(r.settings) }));
  }

  get(id: string): ConnectionRow | null {
    const row = this.db.select().from(connections).where(eq(connections.id, id)).get();
    return row ? { ...row, settings: ConnectionSettingsSchema.parse(row.settings) } : null;
  }

  insert(id: string, settings: ConnectionSettings, now: number): ConnectionRow {
    this.db.insert(connections).values({ id, settings, createdAt: now, updatedAt: now }).run();
    return { id, settings, createdAt: now, updatedAt: now };
  }

  update(id: string, settings: ConnectionSettings, now: number): boolean {
    return this.db.update(connections).set({ settings, updatedAt: now }).where(eq(connections.id, id)).run().changes > 0;
  }

  remove(id: string): boolean {
    return this.db.delete(connections).where(eq(connections.id, id)).run().changes > 0;
  }

  subscriptions(): SubscriptionRow[] {
    return this.db
      .select()
      .from(liveSubscriptions)
      .orderBy(asc(liveSubscriptions.createdAt))
      .all()
      .map((r) => ({ ...r, timeframes: r.timeframes as Timeframe[] }));
  }

  addSubscription(row: SubscriptionRow): void {
    this.db.insert(liveSubscriptions).values(row).run();
  }

  removeSubscription(id: string): boolean {
    return this.db.delete(liveSubscriptions).where(eq(liveSubscriptions.id, id)).run().changes > 0;
  }
}
