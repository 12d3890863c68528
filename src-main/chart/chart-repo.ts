import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Watchlist } from '../../src-shared/contract/chart.contract.ts';
import type { Preset } from '../../src-shared/contract/indicators.contract.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import { ChartIndicatorSchema, ChartLayoutSchema, type ChartIndicator, type ChartLayout } from '../../src-shared/domain/chart.ts';
import { resolveConfig } from '../../src-workers/indicators/catalogue/index.ts';
import type { Db } from '../storage/database.ts';
import { instruments, layouts, presets, watchlistItems, watchlists } from '../storage/schema.ts';

const CHART_LAYOUT_KEY = 'chart';
const PresetIndicatorsSchema = ChartIndicatorSchema.array();

/**
 * The chart's persisted state in the workspace: the layout, indicator presets and watchlists.
 * Every save is one transaction; stored JSON is validated again when read, so a layout written
 * by another version that no longer fits comes back as null instead of breaking the chart.
 */
export class ChartRepo {
  constructor(private readonly db: Db) {}

  getLayout(): ChartLayout | null {
    // Read as text: a row that is not even JSON must not throw inside the driver.
    const row = this.db.select({ layout: sql<string>`${layouts.layout}` }).from(layouts).where(eq(layouts.key, CHART_LAYOUT_KEY)).get();
    if (!row) return null;
    const parsed = ChartLayoutSchema.safeParse(parseJson(row.layout));
    return parsed.success ? parsed.data : null;
  }

  saveLayout(layout: ChartLayout): void {
    checkIndicators(layout.indicators, 'layout.indicators');
    const value = ChartLayoutSchema.parse(layout);
    const now = Date.now();
    this.db.transaction((tx) => {
      tx.insert(layouts)
        .values({ key: CHART_LAYOUT_KEY, layout: value, updatedAt: now })
        .onConflictDoUpdate({ target: layouts.key, set: { layout: value, updatedAt: now } })
        .run();
    });
  }

  listPresets(): Preset[] {
    const rows = this.db
      .select({ name: presets.name, indicators: sql<string>`${presets.indicators}`, updatedAt: presets.updatedAt })
      .from(presets)
      .orderBy(asc(presets.name))
      .all();
    const out: Preset[] = [];
    for (const row of rows) {
      // A preset that no longer validates is skipped rather than failing the whole list.
      const parsed = PresetIndicatorsSchema.safeParse(parseJson(row.indicators));
      if (parsed.success) out.push({ name: row.name, indicators: parsed.data, updatedAt: row.updatedAt });
    }
    return out;
  }

  /** Saves a preset, replacing one of the same name. */
  savePreset(name: string, indicators: ChartIndicator[]): Preset {
    checkIndicators(indicators, 'indicators');
    const value = PresetIndicatorsSchema.parse(indicators);
    const now = Date.now();
    this.db.transaction((tx) => {
      tx.insert(presets)
        .values({ name, indicators: value, updatedAt: now })
        .onConflictDoUpdate({ target: presets.name, set: { indicators: value, updatedAt: now } })
        .run();
    });
    return { name, indicators: value, updatedAt: now };
  }

  removePreset(name: string): boolean {
    return this.db.delete(presets).where(eq(presets.name, name)).run().changes > 0;
  }

  listWatchlists(): Watchlist[] {
    const lists = this.db.select().from(watchlists).orderBy(asc(watchlists.id)).all();
    const items = this.db.select().from(watchlistItems).orderBy(asc(watchlistItems.watchlistId), asc(watchlistItems.position)).all();
    return lists.map((w) => ({
      id: w.id,
      name: w.name,
      instrumentIds: items.filter((i) => i.watchlistId === w.id).map((i) => i.instrumentId),
    }));
  }

  /**
   * Creates (no id) or replaces (id) a watchlist. Every instrument must exist; a repeated id is
   * kept once, at its first place.
   */
  saveWatchlist(input: { id?: number; name: string; instrumentIds: number[] }): Watchlist {
    const ids = [...new Set(input.instrumentIds)];
    return this.db.transaction((tx) => {
      if (ids.length > 0) {
        const found = new Set(tx.select({ id: instruments.id }).from(instruments).where(inArray(instruments.id, ids)).all().map((r) => r.id));
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length > 0) {
          const at = input.instrumentIds.indexOf(missing[0]!);
          throw new AppFailure(
            'VALIDATION_FAILED',
            `instrumentIds[${at}]: no instrument with id ${missing[0]}${missing.length > 1 ? ` (nor ${missing.slice(1).join(', ')})` : ''}`,
            { missing },
          );
        }
      }
      const now = Date.now();
      let id: number;
      if (input.id === undefined) {
        id = tx.insert(watchlists).values({ name: input.name, createdAt: now, updatedAt: now }).returning({ id: watchlists.id }).get().id;
      } else {
        const changed = tx.update(watchlists).set({ name: input.name, updatedAt: now }).where(eq(watchlists.id, input.id)).run().changes;
        if (changed === 0) throw new AppFailure('NOT_FOUND', `No watchlist with id ${input.id}`, { id: input.id });
        id = input.id;
        tx.delete(watchlistItems).where(eq(watchlistItems.watchlistId, id)).run();
      }
      if (ids.length > 0) {
        tx.insert(watchlistItems)
          .values(ids.map((instrumentId, position) => ({ watchlistId: id, instrumentId, position })))
          .run();
      }
      return { id, name: input.name, instrumentIds: ids };
    });
  }

  /** The watchlists that hold an instrument (to announce the change when it is removed). */
  watchlistIdsWith(instrumentId: number): number[] {
    return this.db
      .selectDistinct({ id: watchlistItems.watchlistId })
      .from(watchlistItems)
      .where(eq(watchlistItems.instrumentId, instrumentId))
      .all()
      .map((r) => r.id);
  }

  removeWatchlist(id: number): boolean {
    return this.db.delete(watchlists).where(eq(watchlists.id, id)).run().changes > 0;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Indicators saved in a layout or preset must exist with valid parameters (named by path). */
function checkIndicators(indicators: readonly ChartIndicator[], path: string): void {
  const keys = new Set<string>();
  indicators.forEach((indicator, i) => {
    if (keys.has(indicator.key)) throw new AppFailure('VALIDATION_FAILED', `${path}[${i}].key: "${indicator.key}" is used twice`);
    keys.add(indicator.key);
    try {
      resolveConfig(indicator.config, `${path}[${i}].config`);
    } catch (error) {
      // Saving an unknown indicator is bad input, not a missing resource.
      if (error instanceof AppFailure && error.code === 'NOT_FOUND') throw new AppFailure('VALIDATION_FAILED', error.message, error.details);
      throw error;
    }
  });
}
