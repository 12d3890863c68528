import type { AuditEntry, QualityReportView, QuarantinedBar } from '../../../src-shared/contract/quality.contract.ts';
import type { Instrument } from '../../../src-shared/domain/instrument.ts';
import { formatBarTime, formatCount } from '../../ui/format.ts';

/**
 * The quality report turned into what the page shows: the score's band, table rows, the periods'
 * bars. Pure: the page only lays these out.
 */

export interface ScoreBand {
  label: string;
  /** A Mantine colour name. */
  color: string;
}

/**
 * Bands of the 0–100 score. The score is 100·exp(−P/100) with P penalty points per 1,000 expected
 * bars (docs/data-quality.md): ≥ 95 is P ≤ 5 (the clean ORCL file scores 96.9), ≥ 85 is P ≤ 16
 * (a handful of bad bars per thousand), ≥ 60 is P ≤ 51; below that the series needs work.
 */
export function scoreBand(score: number | null): ScoreBand {
  if (score === null) return { label: 'no bars', color: 'gray' };
  if (score >= 95) return { label: 'good', color: 'teal' };
  if (score >= 85) return { label: 'fair', color: 'yellow' };
  if (score >= 60) return { label: 'poor', color: 'orange' };
  return { label: 'bad', color: 'red' };
}

/** The score as written big: one decimal ("96.9"), or "—" without bars. */
export function formatScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(1);
}

export interface SeriesOption {
  value: string;
  label: string;
}

/** `instrumentId:timeframe` for the series picker. */
export function seriesKey(instrumentId: number, timeframe: string): string {
  return `${instrumentId}:${timeframe}`;
}

export function parseSeriesKey(key: string | null): { instrumentId: number; timeframe: string } | null {
  const m = key === null ? null : /^(\d+):(.+)$/.exec(key);
  return m ? { instrumentId: Number(m[1]), timeframe: m[2]! } : null;
}

/** Every stored series with bars, by symbol then timeframe: "ORCL · 1d (5,036 bars)". */
export function seriesOptions(instruments: readonly Instrument[]): SeriesOption[] {
  return [...instruments]
    .sort((a, b) => a.symbol.localeCompare(b.symbol) || a.id - b.id)
    .flatMap((i) =>
      i.series
        .filter((s) => s.count > 0)
        .map((s) => ({ value: seriesKey(i.id, s.timeframe), label: `${i.symbol}${i.venue ? ` (${i.venue})` : ''} · ${s.timeframe} — ${formatCount(s.count)} bars` })),
    );
}

export interface GapRow {
  from: string;
  to: string;
  missing: string;
}

export function gapRows(gaps: QualityReportView['gaps'], timeframe: string): GapRow[] {
  return gaps.map((g) => ({ from: formatBarTime(g.from, timeframe), to: formatBarTime(g.to, timeframe), missing: formatCount(g.missing) }));
}

export type Finding = QualityReportView['findings'][number];

export interface FindingFilter {
  /** null: every rule. */
  rule: string | null;
  severity: Finding['severity'] | null;
}

export function findingRules(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.rule))].sort();
}

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  return findings.filter((f) => (filter.rule === null || f.rule === filter.rule) && (filter.severity === null || f.severity === filter.severity));
}

const VALUE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A price or volume as stored, without trailing zeros: 30, 10.25, 1,234,567. */
export function formatValue(v: number): string {
  return Number.isFinite(v) ? VALUE.format(v) : String(v);
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** A bar as `O 1 H 2 L 0.5 C 1.5 V 100`. */
export function formatOhlcv(v: readonly number[]): string {
  return FIELDS.map((f, i) => `${f[0]!.toUpperCase()} ${formatValue(v[i]!)}`).join(' ');
}

export interface AuditChange {
  before: string;
  after: string;
  /** Fields whose value changed (all five for a bar added or removed). */
  changed: string[];
}

/**
 * What an audit entry changed, readably: only the fields that differ (`close 10 → 30`), the whole
 * bar when one side is missing (a fill adds a bar, a discard removes one).
 */
export function auditChange(entry: Pick<AuditEntry, 'before' | 'after'>): AuditChange {
  const { before, after } = entry;
  if (before === null && after === null) return { before: '—', after: '—', changed: [] };
  if (before === null) return { before: '(none)', after: formatOhlcv(after!), changed: [...FIELDS] };
  if (after === null) return { before: formatOhlcv(before), after: '(removed)', changed: [...FIELDS] };
  const changed = FIELDS.filter((_, i) => before[i] !== after[i]);
  if (changed.length === 0) return { before: formatOhlcv(before), after: 'unchanged', changed: [] };
  const at = (v: readonly number[]) => changed.map((f) => `${f} ${formatValue(v[FIELDS.indexOf(f)]!)}`).join(', ');
  return { before: at(before), after: at(after), changed };
}

/** Held bars first (they wait for a decision), then the decided ones, newest decision first. */
export function sortQuarantine(bars: readonly QuarantinedBar[]): QuarantinedBar[] {
  return [...bars].sort((a, b) => {
    const held = Number(b.status === 'held') - Number(a.status === 'held');
    if (held !== 0) return held;
    return a.status === 'held' ? a.time - b.time : (b.decidedAt ?? 0) - (a.decidedAt ?? 0);
  });
}

export interface PeriodBar {
  label: string;
  /** The score, 0 for a period without bars (drawn as an empty slot). */
  value: number;
  color: string;
  title: string;
}

/** One bar per period (year, or month for intraday), coloured by band, explained by its tooltip. */
export function periodBars(periods: QualityReportView['periods']): PeriodBar[] {
  return periods.map((p) => {
    const band = scoreBand(p.score);
    const parts = [`${p.label}: ${p.score === null ? 'no bars' : `score ${formatScore(p.score)} (${band.label})`}`, `${formatCount(p.bars)} bars`];
    if (p.errors > 0) parts.push(`${formatCount(p.errors)} errors`);
    if (p.suspects > 0) parts.push(`${formatCount(p.suspects)} suspect`);
    if (p.missing > 0) parts.push(`${formatCount(p.missing)} missing`);
    return { label: p.label, value: p.score ?? 0, color: band.color, title: parts.join(' · ') };
  });
}

/** What "Fill gaps from other sources" did: "Filled 12 bars from Binance; 3 still missing (no source has them)." */
export function fillGapsText(r: { filled: number; stillMissing: number; sources: readonly string[] }): string {
  const from = r.sources.length > 0 ? ` from ${r.sources.join(', ')}` : '';
  const left = r.stillMissing > 0 ? `; ${formatCount(r.stillMissing)} still missing (no source has them)` : '; no gap is left';
  return `Filled ${formatCount(r.filled)} bars${from}${left}.`;
}
