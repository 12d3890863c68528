import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import { canResample, compareTimeframes, type Timeframe } from '../../../../src-shared/domain/timeframe.ts';

/** The timeframes the chart offers, in order. */
export const CHART_TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d', '1w', '1M'] as Timeframe[];

/** Timeframes an instrument has stored or that the core can aggregate from what it has stored. */
export function availableTimeframes(instrument: Instrument | undefined): Timeframe[] {
  if (!instrument) return [];
  const stored = instrument.series.filter((s) => s.count > 0).map((s) => s.timeframe as string);
  const offered = new Set<string>(CHART_TIMEFRAMES.filter((tf) => stored.includes(tf) || stored.some((s) => canResample(s, tf))));
  // A stored timeframe outside the standard list (e.g. 30m) is offered too.
  for (const s of stored) offered.add(s);
  return [...offered].sort(compareTimeframes) as Timeframe[];
}

/**
 * The timeframe to show for an instrument: the wanted one when it is available, else the closest
 * available one at or above it, else the highest.
 */
export function pickTimeframe(instrument: Instrument | undefined, wanted: Timeframe): Timeframe | null {
  const available = availableTimeframes(instrument);
  if (available.length === 0) return null;
  if (available.includes(wanted)) return wanted;
  return available.find((tf) => compareTimeframes(tf, wanted) >= 0) ?? available[available.length - 1]!;
}

/** First and last stored bar from which `timeframe` is read (the source series when resampled). */
export function historyBounds(instrument: Instrument, timeframe: Timeframe): { first: number; last: number } | null {
  const candidates = instrument.series.filter(
    (s) => s.count > 0 && s.first !== null && s.last !== null && (s.timeframe === timeframe || canResample(s.timeframe, timeframe)),
  );
  const exact = candidates.find((s) => s.timeframe === timeframe);
  const source = exact ?? candidates.sort((a, b) => compareTimeframes(a.timeframe, b.timeframe)).at(-1);
  return source ? { first: source.first!, last: source.last! } : null;
}
