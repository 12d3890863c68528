import { eq } from 'drizzle-orm';
import { DEMO_SOURCE } from '../../src-shared/domain/instrument.ts';
import { DEMO_INSTRUMENTS, generateBars } from '../../src-workers/bars/demo-data.ts';
import type { BarStore } from '../storage/bar-store.ts';
import type { Workspace } from '../storage/database.ts';
import { meta } from '../storage/schema.ts';
import type { InstrumentRepo } from './instrument-repo.ts';

const SEEDED_KEY = 'demo_seeded_at';

/**
 * On a workspace's first start, adds the generated demo instruments (source "demo", which the UI
 * labels as not real prices) so a new user sees data at once. Never again after that, even if the
 * user deletes them.
 */
export function seedDemoWorkspace(workspace: Workspace, instruments: InstrumentRepo, store: BarStore): boolean {
  const { db, sqlite } = workspace;
  if (db.select().from(meta).where(eq(meta.key, SEEDED_KEY)).get()) return false;
  const seed = sqlite.transaction(() => {
    if (instruments.count() === 0) {
      for (const demo of DEMO_INSTRUMENTS) {
        const { id } = instruments.ensure({
          symbol: demo.symbol,
          venue: 'DEMO',
          assetClass: demo.assetClass,
          currency: demo.currency,
          tickSize: demo.tickSize,
          lotSize: demo.lotSize,
          source: DEMO_SOURCE,
        });
        store.upsert(id, demo.timeframe, generateBars(demo.bars));
      }
    }
    db.insert(meta).values({ key: SEEDED_KEY, value: String(Date.now()) }).run();
  });
  seed();
  return true;
}

export function isDemoOnly(instruments: InstrumentRepo): boolean {
  const all = instruments.list();
  return all.length > 0 && all.every((i) => i.source === DEMO_SOURCE);
}
