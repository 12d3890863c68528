import type { ChartMarker } from '../../../../src-shared/domain/chart.ts';

/** Colours no indicator gets by default, so the markers stand out (and a test can find them). */
export const START_MARKER_COLOR = '#ffd43b';
export const END_MARKER_COLOR = '#da77f2';

/** Where a replay started: under the last bar of the history it started from. */
export function startMarker(time: number): ChartMarker {
  return { time, position: 'belowBar', shape: 'arrowUp', color: START_MARKER_COLOR, text: 'Replay start' };
}

/** Where a replay ended: over its last bar. */
export function endMarker(time: number): ChartMarker {
  return { time, position: 'aboveBar', shape: 'arrowDown', color: END_MARKER_COLOR, text: 'Replay end' };
}
