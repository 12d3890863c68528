import { z } from 'zod';
import type { GapReport } from './gaps.ts';
import type { QualityReport } from './check-bars.ts';

/** Penalty points per bad bar; the score falls by e^(−points per 1,000 expected bars / scale). */
export const QualityScoreWeightsSchema = z.object({
  error: z.number().nonnegative().default(10),
  suspect: z.number().nonnegative().default(1),
  missing: z.number().nonnegative().default(2),
  unexpected: z.number().nonnegative().default(5),
  scale: z.number().positive().default(100),
});
export type QualityScoreWeights = z.output<typeof QualityScoreWeightsSchema>;
export type QualityScoreWeightsInput = z.input<typeof QualityScoreWeightsSchema>;

export interface QualityCounts {
  /** Bars present. */
  bars: number;
  /** Bars with an error (rejected). */
  errors: number;
  /** Bars quarantined as suspect. */
  suspects: number;
  missing: number;
  unexpected: number;
}

/**
 * 0..100: 100 · exp(−P / scale) with P = 1000 · (w_e·errors + w_s·suspects + w_m·missing +
 * w_u·unexpected) / (bars + missing), the penalty points per 1,000 bars that should exist.
 * Near 100 − P for small P, never below 0. NaN when no bar is expected at all.
 */
export function qualityScore(counts: QualityCounts, weights: QualityScoreWeightsInput = {}): number {
  const w = QualityScoreWeightsSchema.parse(weights);
  const expectedBars = counts.bars + counts.missing;
  if (expectedBars === 0) return NaN;
  const points = w.error * counts.errors + w.suspect * counts.suspects + w.missing * counts.missing + w.unexpected * counts.unexpected;
  return 100 * Math.exp(-((1000 * points) / expectedBars) / w.scale);
}

export interface PeriodQuality extends QualityCounts {
  /** The period's first instant, ms since the epoch (UTC). */
  start: number;
  /** '2001' or '2001-09'. */
  label: string;
  score: number;
}

/** The counts behind a report and gap list for a whole instrument. */
export function qualityCounts(barCount: number, report: QualityReport, gaps?: GapReport): QualityCounts {
  return {
    bars: barCount,
    errors: report.rejected.length,
    suspects: report.quarantined.length,
    missing: gaps?.missing.length ?? 0,
    unexpected: gaps?.unexpected.length ?? 0,
  };
}

/**
 * The score per UTC year or month, ascending, for a quality-over-time chart. Bars whose time is not
 * finite belong to no period (they still count in the instrument's score).
 */
export function qualityByPeriod(
  time: Float64Array,
  report: QualityReport,
  gaps: GapReport | undefined,
  period: 'year' | 'month',
  weights: QualityScoreWeightsInput = {},
): PeriodQuality[] {
  const periods = new Map<number, PeriodQuality>();
  const at = (t: number): PeriodQuality | undefined => {
    if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) return undefined;
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const m = period === 'year' ? 0 : d.getUTCMonth();
    const start = Date.UTC(y, m, 1);
    let p = periods.get(start);
    if (!p) {
      const label = period === 'year' ? `${y}` : `${y}-${String(m + 1).padStart(2, '0')}`;
      p = { start, label, bars: 0, errors: 0, suspects: 0, missing: 0, unexpected: 0, score: NaN };
      periods.set(start, p);
    }
    return p;
  };
  for (let i = 0; i < time.length; i++) {
    const p = at(time[i]!);
    if (p) p.bars++;
  }
  for (const i of report.rejected) { const p = at(time[i]!); if (p) p.errors++; }
  for (const i of report.quarantined) { const p = at(time[i]!); if (p) p.suspects++; }
  if (gaps) {
    for (const t of gaps.missing) { const p = at(t); if (p) p.missing++; }
    for (const i of gaps.unexpected) { const p = at(time[i]!); if (p) p.unexpected++; }
  }
  const out = [...periods.values()].sort((a, b) => a.start - b.start);
  for (const p of out) p.score = qualityScore(p, weights);
  return out;
}
