import type { BarColumns } from '../../src-shared/domain/bars.ts';
import { FindingLog, flaggedIndexes, type QualityFinding } from './finding.ts';
import { checkFreshness, checkIntegrity } from './integrity-rules.ts';
import { resolveQualityConfig, type QualityConfigInput } from './quality-config.ts';
import { checkPriceJumps, checkVolumeSpikes } from './statistical-rules.ts';

/**
 * What the rules found. Nothing is dropped: the caller decides what to store where.
 * - `rejected`: bars with at least one error (impossible data), ascending;
 * - `quarantined`: bars with a suspect finding and no error — keep them, apart, with their reasons.
 */
export interface QualityReport {
  findings: QualityFinding[];
  rejected: Int32Array;
  quarantined: Int32Array;
}

export interface CheckBarsOptions {
  /** The current time (ms since the epoch) for the freshness rule; live data only. */
  now?: number;
}

/**
 * Runs every rule over a bar series: integrity first (its errors keep bars out of the
 * statistics), then price jumps and volume spikes, then freshness. Findings are in bar order.
 */
export function checkBars(bars: BarColumns, config: QualityConfigInput = {}, options: CheckBarsOptions = {}): QualityReport {
  const n = bars.time.length;
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (bars[field].length !== n) throw new RangeError(`bar column ${field} has ${bars[field].length} values, time has ${n}`);
  }
  const resolved = resolveQualityConfig(config);
  const log = new FindingLog(n);
  checkIntegrity(bars, log);
  checkPriceJumps(bars, resolved.priceJump, log);
  checkVolumeSpikes(bars, resolved.volumeSpike, log);
  const { barPeriodMs, maxStaleBars } = resolved.freshness;
  if (options.now !== undefined && barPeriodMs !== undefined) checkFreshness(bars.time, options.now, barPeriodMs, maxStaleBars, log);

  // Array.prototype.sort is stable: within a bar the findings keep the rule order above.
  const findings = log.findings.sort((a, b) => a.index - b.index);
  return { findings, rejected: flaggedIndexes(log.hasError), quarantined: flaggedIndexes(log.hasSuspect, log.hasError) };
}
