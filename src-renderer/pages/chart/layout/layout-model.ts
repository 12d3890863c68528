import type { ChartIndicator, ChartLayout } from '../../../../src-shared/domain/chart.ts';
import type { IndicatorDescriptor, IndicatorParams } from '../../../../src-shared/domain/indicator.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';

export type PriceLine = ChartLayout['priceLines'][number];

export function defaultLayout(instrumentId: number | null): ChartLayout {
  return {
    instrumentId,
    timeframe: '1d' as Timeframe,
    chartType: 'candles',
    showVolume: true,
    indicators: [],
    priceLines: [],
    paneHeights: [],
  };
}

/** Colours handed to new indicator outputs in turn; readable on dark and light backgrounds. */
export const PALETTE = ['#2962ff', '#f59f00', '#e64980', '#12b886', '#7950f2', '#fd7e14', '#15aabf', '#82c91e', '#be4bdb', '#fa5252'];

export function defaultParams(descriptor: IndicatorDescriptor): IndicatorParams {
  return Object.fromEntries(descriptor.params.map((p) => [p.name, p.default]));
}

/** Adds an indicator: overlays go on the price pane, the others each get a new pane at the bottom. */
export function addIndicator(layout: ChartLayout, descriptor: IndicatorDescriptor, params = defaultParams(descriptor)): ChartLayout {
  const used = new Set(layout.indicators.flatMap((i) => Object.values(i.colors)));
  const free = PALETTE.filter((c) => !used.has(c));
  const pick = (n: number) => (free.length > n ? free[n]! : PALETTE[(layout.indicators.length + n) % PALETTE.length]!);
  const colors: Record<string, string> = Object.fromEntries(descriptor.outputs.map((o, n) => [o.id, pick(n)]));
  // Bands and channels: both edges in one colour, the middle in the next.
  if ('upper' in colors && 'lower' in colors) {
    colors.upper = pick(0);
    colors.lower = pick(0);
    if ('middle' in colors) colors.middle = pick(1);
  }
  const pane = descriptor.placement === 'overlay' ? 0 : paneCount(layout.indicators) + 1;
  const indicator: ChartIndicator = {
    key: newKey(layout.indicators, descriptor.id),
    config: { id: descriptor.id, params, fuzzy: [] },
    colors,
    pane,
    visible: true,
  };
  const paneHeights = pane > 0 && layout.paneHeights.length > 0 ? [...layout.paneHeights, 1] : layout.paneHeights;
  return { ...layout, indicators: [...layout.indicators, indicator], paneHeights };
}

/** Removes an indicator; the panes after an emptied one move up, keeping their heights. */
export function removeIndicator(layout: ChartLayout, key: string): ChartLayout {
  const removed = layout.indicators.find((i) => i.key === key);
  if (!removed) return layout;
  const rest = layout.indicators.filter((i) => i.key !== key);
  const emptied = removed.pane > 0 && !rest.some((i) => i.pane === removed.pane);
  const paneHeights = emptied ? layout.paneHeights.filter((_, p) => p !== removed.pane) : layout.paneHeights;
  return { ...layout, indicators: compactPanes(rest), paneHeights };
}

export function updateIndicator(layout: ChartLayout, key: string, patch: Partial<Omit<ChartIndicator, 'key'>>): ChartLayout {
  return { ...layout, indicators: layout.indicators.map((i) => (i.key === key ? { ...i, ...patch } : i)) };
}

/** Replaces the indicators with a preset's (fresh keys, panes renumbered, heights reset). */
export function applyPreset(layout: ChartLayout, indicators: readonly ChartIndicator[]): ChartLayout {
  const fresh: ChartIndicator[] = [];
  for (const i of indicators) fresh.push({ ...i, key: newKey(fresh, i.config.id) });
  return { ...layout, indicators: compactPanes(fresh), paneHeights: [] };
}

/** Number of panes below the price pane. */
export function paneCount(indicators: readonly ChartIndicator[]): number {
  return new Set(indicators.filter((i) => i.pane > 0).map((i) => i.pane)).size;
}

/** Renumbers sub-panes 1, 2, … in their current order, so no pane is left empty. */
export function compactPanes(indicators: readonly ChartIndicator[]): ChartIndicator[] {
  const panes = [...new Set(indicators.filter((i) => i.pane > 0).map((i) => i.pane))].sort((a, b) => a - b);
  return indicators.map((i) => (i.pane > 0 ? { ...i, pane: panes.indexOf(i.pane) + 1 } : i));
}

function newKey(indicators: readonly ChartIndicator[], id: string): string {
  const taken = new Set(indicators.map((i) => i.key));
  const base = id.slice(0, 30);
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function addPriceLine(layout: ChartLayout, line: PriceLine): ChartLayout {
  return { ...layout, priceLines: [...layout.priceLines, line].slice(-40) };
}

export function removePriceLine(layout: ChartLayout, index: number): ChartLayout {
  return { ...layout, priceLines: layout.priceLines.filter((_, i) => i !== index) };
}
