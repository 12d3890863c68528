import { parseTimeframe, timeframeMs, type Timeframe } from '../../src-shared/domain/timeframe.ts';

/**
 * When a bar that opened at `openMs` closes: open + length, or the start of the month
 * `count` months later for monthly bars.
 */
export function barCloseTime(openMs: number, tf: Timeframe | string): number {
  const fixed = timeframeMs(tf);
  if (fixed !== null) return openMs + fixed;
  const d = new Date(openMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + parseTimeframe(tf)!.count, 1);
}

/**
 * For every chart bar, the index of the higher-timeframe bar whose value it may show, or −1.
 *
 * The rule (no look-ahead): a higher-timeframe value becomes visible at the first chart bar whose
 * close time is at or after the higher bar's close time — the moment that bar is final. Until
 * then the chart shows the previous closed higher bar; before the first one closes, nothing.
 * A daily RSI on an hourly chart therefore changes on the bar that ends at midnight UTC (or on
 * the first bar after it when the session ends earlier), never during the day it describes.
 * Both time columns are bar open times in ascending order.
 */
export function alignIndex(chartTime: Float64Array, chartTf: Timeframe | string, htfTime: Float64Array, htfTf: Timeframe | string): Int32Array {
  const index = new Int32Array(chartTime.length);
  const m = htfTime.length;
  let k = -1;
  let nextClose = m > 0 ? barCloseTime(htfTime[0]!, htfTf) : Number.POSITIVE_INFINITY;
  for (let j = 0; j < chartTime.length; j++) {
    const chartClose = barCloseTime(chartTime[j]!, chartTf);
    while (k + 1 < m && nextClose <= chartClose) {
      k++;
      nextClose = k + 1 < m ? barCloseTime(htfTime[k + 1]!, htfTf) : Number.POSITIVE_INFINITY;
    }
    index[j] = k;
  }
  return index;
}

/** Higher-timeframe columns laid onto the chart's bars by {@link alignIndex}; NaN where none has closed. */
export function alignColumns(index: Int32Array, columns: Record<string, Float64Array>): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [id, column] of Object.entries(columns)) {
    const aligned = new Float64Array(index.length);
    for (let j = 0; j < index.length; j++) aligned[j] = index[j]! >= 0 ? column[index[j]!]! : Number.NaN;
    out[id] = aligned;
  }
  return out;
}
