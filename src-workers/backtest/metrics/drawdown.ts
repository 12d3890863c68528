import type { DrawdownInfo } from '../../../src-shared/domain/metrics.ts';

/**
 * Drawdown per bar: equity / running peak − 1 (≤ 0). The peak is the running maximum of the equity
 * at bar closes from the first bar on; the initial cash is not a peak of its own.
 */
export function drawdownCurve(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    out[i] = peak > 0 ? e / peak - 1 : 0;
  }
  return out;
}

export interface DrawdownSummary {
  maxDrawdown: DrawdownInfo;
  /** Mean depth (≤ 0) of the episodes; 0 without any, null with no bars. */
  averageDrawdown: number | null;
  drawdownCount: number;
}

const EMPTY: DrawdownInfo = {
  depth: null, startIndex: null, startTime: null, troughIndex: null, troughTime: null,
  recoveryIndex: null, recoveryTime: null, durationBars: null, durationMs: null,
};

/**
 * The drawdown episodes of an equity curve in one pass. An episode starts at the last bar at the
 * running peak before the equity falls below it, has its trough at the first bar of its lowest
 * equity, and ends at the recovery — the first bar back at or above the peak — or unrecovered at the
 * last bar. The deepest episode is the max drawdown (the earlier one on a tie). Depths are the same
 * `e / peak − 1` as {@link drawdownCurve}, so `maxDrawdown.depth` is the curve's minimum.
 */
export function analyzeDrawdowns(equity: Float64Array, time: Float64Array): DrawdownSummary {
  const n = equity.length;
  if (n === 0) return { maxDrawdown: { ...EMPTY }, averageDrawdown: null, drawdownCount: 0 };
  let peak = equity[0]!;
  let peakIndex = 0;
  let inEpisode = false;
  let episodeDepth = 0;
  let episodeTrough = -1;
  let count = 0;
  let depthSum = 0;
  let bestDepth = 0;
  let bestStart = -1;
  let bestTrough = -1;
  let bestRecovery = -1;
  // One step past the end stands for "back at the peak" so that an unrecovered episode closes too.
  for (let i = 1; i <= n; i++) {
    const e = i < n ? equity[i]! : Infinity;
    if (e >= peak) {
      if (inEpisode) {
        count++;
        depthSum += episodeDepth;
        if (episodeDepth < bestDepth) {
          bestDepth = episodeDepth;
          bestStart = peakIndex;
          bestTrough = episodeTrough;
          bestRecovery = i < n ? i : -1;
        }
        inEpisode = false;
      }
      peak = e;
      peakIndex = i;
    } else if (peak > 0) {
      const dd = e / peak - 1;
      if (!inEpisode) {
        inEpisode = true;
        episodeDepth = dd;
        episodeTrough = i;
      } else if (dd < episodeDepth) {
        episodeDepth = dd;
        episodeTrough = i;
      }
    }
  }
  if (count === 0) {
    return { maxDrawdown: { ...EMPTY, depth: 0, durationBars: 0, durationMs: 0 }, averageDrawdown: 0, drawdownCount: 0 };
  }
  const end = bestRecovery >= 0 ? bestRecovery : n - 1;
  return {
    maxDrawdown: {
      depth: bestDepth,
      startIndex: bestStart,
      startTime: time[bestStart]!,
      troughIndex: bestTrough,
      troughTime: time[bestTrough]!,
      recoveryIndex: bestRecovery >= 0 ? bestRecovery : null,
      recoveryTime: bestRecovery >= 0 ? time[bestRecovery]! : null,
      durationBars: end - bestStart,
      durationMs: time[end]! - time[bestStart]!,
    },
    averageDrawdown: depthSum / count,
    drawdownCount: count,
  };
}
