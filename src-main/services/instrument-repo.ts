import { and, asc, count, eq } from 'drizzle-orm';
import type { Instrument, InstrumentSpec } from '../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { compareTimeframes } from '../../src-shared/domain/timeframe.ts';
import type { Db } from '../storage/database.ts';
import { barSeries, instruments } from '../storage/schema.ts';

type Row = typeof instruments.$inferSelect;

/** Instruments and the summaries of their stored series. */
export class InstrumentRepo {
  constructor(private readonly db: Db) {}

  list(): Instrument[] {
    const rows = this.db.select().from(instruments).orderBy(asc(instruments.source), asc(instruments.symbol)).all();
    const series = this.db.select().from(barSeries).all();
    return rows.map((row) => this.withSeries(row, series.filter((s) => s.instrumentId === row.id)));
  }

  get(id: number): Instrument | null {
    const row = this.db.select().from(instruments).where(eq(instruments.id, id)).get();
    if (!row) return null;
    return this.withSeries(row, this.db.select().from(barSeries).where(eq(barSeries.instrumentId, id)).all());
  }

  findBySymbol(symbol: string): Instrument[] {
    const wanted = symbol.trim().toUpperCase();
    return this.list().filter((i) => i.symbol.toUpperCase() === wanted);
  }

  /** The instrument with this source, venue and symbol, created from `spec` if it does not exist. */
  ensure(spec: InstrumentSpec): { id: number; created: boolean } {
    const existing = this.db
      .select({ id: instruments.id })
      .from(instruments)
      .where(and(eq(instruments.source, spec.source), eq(instruments.venue, spec.venue), eq(instruments.symbol, spec.symbol)))
      .get();
    if (existing) return { id: existing.id, created: false };
    const inserted = this.db
      .insert(instruments)
      .values({ ...spec, createdAt: Date.now() })
      .returning({ id: instruments.id })
      .get();
    return { id: inserted.id, created: true };
  }

  remove(id: number): boolean {
    return this.db.delete(instruments).where(eq(instruments.id, id)).run().changes > 0;
  }

  count(): number {
    return this.db.select({ n: count() }).from(instruments).get()?.n ?? 0;
  }

  private withSeries(row: Row, series: (typeof barSeries.$inferSelect)[]): Instrument {
    return {
      id: row.id,
      symbol: row.symbol,
      venue: row.venue,
      assetClass: row.assetClass as Instrument['assetClass'],
      currency: row.currency,
      tickSize: row.tickSize,
      lotSize: row.lotSize,
      source: row.source,
      createdAt: row.createdAt,
      series: series
        .map((s) => ({ timeframe: s.timeframe as Timeframe, count: s.count, first: s.firstTime, last: s.lastTime }))
        .sort((a, b) => compareTimeframes(a.timeframe, b.timeframe)),
    };
  }
}
