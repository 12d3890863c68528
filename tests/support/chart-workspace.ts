import { createCore } from '../../src-main/core.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';
import { generateBars } from '../../src-workers/bars/demo-data.ts';

export interface GeneratedSeries {
  readonly instrumentId: number;
  readonly first: number;
  readonly last: number;
}

/**
 * Writes a long generated series into a workspace before `candlewick serve` opens it (the test
 * process holds the database only for this, then closes it).
 */
export async function seedGeneratedSeries(
  dataDir: string,
  spec: { symbol: string; count: number; timeframe: Timeframe; start: number; seed?: number },
): Promise<GeneratedSeries> {
  const core = await createCore({ dataDir, seedDemo: false, poolSize: 1 });
  try {
    const { id } = core.services.instruments.ensure({
      symbol: spec.symbol,
      venue: 'DEMO',
      assetClass: 'crypto',
      currency: 'USD',
      tickSize: 0.01,
      lotSize: 1,
      source: 'demo',
    });
    const bars = generateBars({
      seed: spec.seed ?? 7,
      start: spec.start,
      count: spec.count,
      timeframe: spec.timeframe,
      startPrice: 100,
      annualVolatility: 0.3,
      annualDrift: 0.05,
    });
    core.services.store.upsert(id, spec.timeframe, bars);
    return { instrumentId: id, first: bars.time[0]!, last: bars.time[bars.time.length - 1]! };
  } finally {
    await core.close();
  }
}
