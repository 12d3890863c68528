import type {
  BarData,
  HistogramData,
  LineData,
  SeriesMarker,
  Time,
  UTCTimestamp,
  WhitespaceData,
} from 'lightweight-charts';
import type { ChartMarker } from '../../../../src-shared/domain/chart.ts';
import type { Bar } from '../data/bar-window.ts';

/** lightweight-charts counts seconds; the core counts milliseconds. */
export function toChartTime(ms: number): UTCTimestamp {
  return (ms / 1000) as UTCTimestamp;
}

export function fromChartTime(time: Time): number {
  if (typeof time === 'number') return time * 1000;
  if (typeof time === 'string') return Date.parse(time);
  return Date.UTC(time.year, time.month - 1, time.day);
}

export function pricePoint(bar: Bar): BarData {
  return { time: toChartTime(bar.time), open: bar.open, high: bar.high, low: bar.low, close: bar.close };
}

export function closePoint(bar: Bar): LineData {
  return { time: toChartTime(bar.time), value: bar.close };
}

export function volumePoint(bar: Bar, up: string, down: string): HistogramData {
  return { time: toChartTime(bar.time), value: bar.volume, color: bar.close >= bar.open ? up : down };
}

/** A value at a bar, or a gap (warm-up) that still holds the bar's place on the time scale. */
export function valuePoint(time: number, value: number, histogram?: { up: string; down: string }): LineData | HistogramData | WhitespaceData {
  if (!Number.isFinite(value)) return { time: toChartTime(time) };
  if (histogram) return { time: toChartTime(time), value, color: value >= 0 ? histogram.up : histogram.down };
  return { time: toChartTime(time), value };
}

/** Our markers as the plugin wants them: ascending time, seconds. */
export function toSeriesMarkers(markers: readonly ChartMarker[]): SeriesMarker<Time>[] {
  return [...markers]
    .sort((a, b) => a.time - b.time)
    .map((m) => ({ time: toChartTime(m.time), position: m.position, shape: m.shape, color: m.color, text: m.text }));
}
