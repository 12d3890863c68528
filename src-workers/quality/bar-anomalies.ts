import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { barFeatures, BAR_FEATURE_COUNT } from './bar-features.ts';
import { formatBarTime, QUALITY_RULES, type QualityFinding } from './finding.ts';
import { IsolationForest, type IsolationForestOptions } from './isolation-forest.ts';

/** Scores above this are reported; ordinary bars sit near 0.4–0.5, isolated ones approach 1. */
export const DEFAULT_ANOMALY_THRESHOLD = 0.7;

/**
 * The isolation-forest anomaly score of every bar (NaN for bars without features: the first bar
 * and bars whose prices or volume are unusable — the integrity rules report those).
 */
export function barAnomalyScores(bars: BarColumns, options: IsolationForestOptions = {}): Float64Array {
  const scores = new Float64Array(bars.time.length).fill(NaN);
  const { values, rows } = barFeatures(bars);
  if (rows.length < 2) return scores;
  const rowScores = new IsolationForest(values, BAR_FEATURE_COUNT, options).scoreAll();
  for (let k = 0; k < rows.length; k++) scores[rows[k]!] = rowScores[k]!;
  return scores;
}

/** A 'suspect' finding for every bar scoring at or above `threshold`, with the score in the message. */
export function anomalyFindings(bars: BarColumns, scores: Float64Array, threshold = DEFAULT_ANOMALY_THRESHOLD): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!(s >= threshold)) continue;
    const time = bars.time[i]!;
    findings.push({
      index: i,
      time,
      rule: QUALITY_RULES.isolationForest,
      severity: 'suspect',
      field: 'bar',
      value: s,
      message: `${formatBarTime(time)} (bar ${i}): isolation-forest score ${s.toFixed(3)} ≥ ${threshold}` +
        ` (open ${bars.open[i]}, high ${bars.high[i]}, low ${bars.low[i]}, close ${bars.close[i]}, volume ${bars.volume[i]})`,
    });
  }
  return findings;
}
