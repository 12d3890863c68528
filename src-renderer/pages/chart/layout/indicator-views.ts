import type { ChartIndicator } from '../../../../src-shared/domain/chart.ts';
import type { IndicatorDescriptor } from '../../../../src-shared/domain/indicator.ts';
import type { IndicatorView } from '../controller/indicator-series.ts';
import type { IndicatorRequest } from '../data/chart-session.ts';
import { indicatorLabel } from './indicator-label.ts';
import { PALETTE } from './layout-model.ts';

export type Catalogue = ReadonlyMap<string, IndicatorDescriptor>;

/** How each indicator of the layout is drawn; indicators the catalogue does not know are left out. */
export function indicatorViews(indicators: readonly ChartIndicator[], catalogue: Catalogue): IndicatorView[] {
  return indicators.flatMap((indicator) => {
    const descriptor = catalogue.get(indicator.config.id);
    if (!descriptor) return [];
    return [
      {
        key: indicator.key,
        label: indicatorLabel(descriptor, indicator),
        pane: indicator.pane,
        visible: indicator.visible,
        outputs: descriptor.outputs.map((o, n) => ({ ...o, color: indicator.colors[o.id] ?? PALETTE[n % PALETTE.length]! })),
        levels: descriptor.levels ?? [],
      },
    ];
  });
}

/** What the core computes for the layout's indicators (the hidden ones too, so showing is instant). */
export function indicatorRequests(indicators: readonly ChartIndicator[], catalogue: Catalogue): IndicatorRequest[] {
  return indicators.filter((i) => catalogue.has(i.config.id)).map((i) => ({ key: i.key, config: i.config }));
}
