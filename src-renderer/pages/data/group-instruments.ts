import { DEMO_SOURCE, type Instrument } from '../../../src-shared/domain/instrument.ts';

export interface SourceGroup {
  readonly source: string;
  readonly instruments: readonly Instrument[];
}

const SOURCE_LABELS: Record<string, string> = { csv: 'CSV imports', [DEMO_SOURCE]: 'Demo' };

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

/** Instruments by source, sources by name with the demo last, symbols alphabetically. */
export function groupBySource(instruments: readonly Instrument[]): SourceGroup[] {
  const bySource = new Map<string, Instrument[]>();
  for (const instrument of instruments) {
    const list = bySource.get(instrument.source) ?? [];
    list.push(instrument);
    bySource.set(instrument.source, list);
  }
  return [...bySource.entries()]
    .sort(([a], [b]) => Number(a === DEMO_SOURCE) - Number(b === DEMO_SOURCE) || a.localeCompare(b))
    .map(([source, list]) => ({ source, instruments: list.sort((a, b) => a.symbol.localeCompare(b.symbol)) }));
}

export function totalBars(instrument: Instrument): number {
  return instrument.series.reduce((sum, series) => sum + series.count, 0);
}
