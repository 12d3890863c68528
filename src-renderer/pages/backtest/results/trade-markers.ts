import type { Trade } from '../../../../src-shared/domain/backtest.ts';
import type { ChartMarker } from '../../../../src-shared/domain/chart.ts';

export const LONG_COLOR = '#12b886';
export const SHORT_COLOR = '#fa5252';
export const EXIT_COLOR = '#fab005';
/** Marks the trade the user picked, so it stands out among hundreds. */
export const FOCUS_COLOR = '#4dabf7';

/**
 * Two markers per trade: the entry (an arrow in the trade's direction, under the bar for a long,
 * over it for a short) and the exit (a circle on the other side). The picked trade is drawn in the
 * focus colour and labelled with its fills; the others carry only their number, to stay readable.
 */
export function tradeMarkers(trades: readonly Trade[], focusId: number | null): ChartMarker[] {
  const markers: ChartMarker[] = [];
  for (const t of trades) {
    const long = t.direction === 'long';
    const focused = t.id === focusId;
    markers.push({
      time: t.entryTime,
      position: long ? 'belowBar' : 'aboveBar',
      shape: long ? 'arrowUp' : 'arrowDown',
      color: focused ? FOCUS_COLOR : long ? LONG_COLOR : SHORT_COLOR,
      text: focused ? `#${t.id} ${long ? 'Buy' : 'Sell'} ${t.qty} @ ${t.entryPrice}` : `#${t.id}`,
    });
    if (t.open) continue;
    markers.push({
      time: t.exitTime,
      position: long ? 'aboveBar' : 'belowBar',
      shape: 'circle',
      color: focused ? FOCUS_COLOR : EXIT_COLOR,
      text: focused ? `Exit @ ${t.exitPrice}` : '',
    });
  }
  // lightweight-charts wants markers in time order.
  return markers.sort((a, b) => a.time - b.time);
}
