import type { SafeguardsReport } from '../../../../src-shared/domain/safeguards.ts';

export type Verdict = 'good' | 'caution' | 'poor' | 'unknown';

/**
 * A plain reading of each safeguard, with the thresholds the literature uses: a deflated Sharpe of
 * 0.95 (Bailey & López de Prado), p < 0.05 against buy and hold, a walk-forward efficiency of 0.5
 * (Pardo), neighbours keeping most of the objective, a small chance of ruin. They are guides, not
 * proofs: the numbers stay beside them.
 */
export function deflatedSharpeVerdict(r: SafeguardsReport['deflatedSharpe']): Verdict {
  const dsr = r?.deflatedSharpe;
  if (dsr === null || dsr === undefined) return 'unknown';
  return dsr >= 0.95 ? 'good' : dsr >= 0.5 ? 'caution' : 'poor';
}

export function benchmarkVerdict(r: SafeguardsReport['benchmarkTest']): Verdict {
  const p = r?.bootstrapPValue ?? r?.pValue;
  if (p === null || p === undefined) return 'unknown';
  return p < 0.05 ? 'good' : p < 0.2 ? 'caution' : 'poor';
}

export function efficiencyVerdict(wfe: number | null | undefined): Verdict {
  if (wfe === null || wfe === undefined) return 'unknown';
  return wfe >= 0.5 ? 'good' : wfe > 0 ? 'caution' : 'poor';
}

export function stabilityVerdict(r: SafeguardsReport['stability']): Verdict {
  const ratio = r?.meanToBest;
  if (ratio === null || ratio === undefined) return 'unknown';
  return ratio >= 0.8 ? 'good' : ratio >= 0.5 ? 'caution' : 'poor';
}

export function ruinVerdict(r: SafeguardsReport['monteCarlo']): Verdict {
  if (!r) return 'unknown';
  const ruin = Math.max(r.reshuffle.probabilityOfRuin, r.bootstrap.probabilityOfRuin);
  return ruin <= 0.01 ? 'good' : ruin <= 0.1 ? 'caution' : 'poor';
}

export function outOfSampleVerdict(r: SafeguardsReport['outOfSample']): Verdict {
  const ratio = r?.sharpe.ratio;
  if (ratio === null || ratio === undefined) return 'unknown';
  return ratio >= 0.5 ? 'good' : ratio > 0 ? 'caution' : 'poor';
}

export const VERDICT_LABEL: Record<Verdict, string> = { good: 'holds up', caution: 'caution', poor: 'weak', unknown: 'n/a' };
export const VERDICT_COLOR: Record<Verdict, string> = { good: 'teal', caution: 'yellow', poor: 'red', unknown: 'gray' };
