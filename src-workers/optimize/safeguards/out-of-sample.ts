import type { Metrics } from '../../../src-shared/domain/metrics.ts';
import type { OutOfSample, SampleComparison } from '../../../src-shared/domain/safeguards.ts';
import { finiteOrNull } from '../../backtest/metrics/returns.ts';

/** The metrics compared between the two periods (any `Metrics` object fits). */
export type SampleMetrics = Pick<Metrics, 'sharpe' | 'cagr'>;

/**
 * Out-of-sample degradation: a metric of the best set on data it was not chosen on, over the same
 * metric in sample. 1 = held up fully, 0.5 = kept half, ≤ 0 = the edge vanished or reversed. The
 * ratio is null when either value is missing or the in-sample value is ≤ 0: dividing by a losing or
 * zero in-sample result gives numbers whose sign and size mean nothing.
 */
export function compareSamples(inSample: number | null, outOfSample: number | null): SampleComparison {
  const ratio = inSample !== null && outOfSample !== null && inSample > 0 ? finiteOrNull(outOfSample / inSample) : null;
  return { inSample, outOfSample, ratio };
}

/** OOS / IS of the annualized Sharpe ratio and of CAGR. */
export function outOfSampleDegradation(inSample: SampleMetrics, outOfSample: SampleMetrics): OutOfSample {
  return { sharpe: compareSamples(inSample.sharpe, outOfSample.sharpe), cagr: compareSamples(inSample.cagr, outOfSample.cagr) };
}
