import type Database from 'better-sqlite3';
import { expectedBars, getCalendar } from '../../src-shared/calendar/index.ts';
import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { QualityReportView, QuarantinedBar } from '../../src-shared/contract/quality.contract.ts';
import { emptyBars } from '../../src-shared/domain/bars.ts';
import type { Instrument } from '../../src-shared/domain/instrument.ts';
import { QualityConfigSchema, type QualityConfig } from '../../src-shared/domain/quality.ts';
import { timeframeMs, type Timeframe } from '../../src-shared/domain/timeframe.ts';
import { countInRanges, missingRanges } from '../../src-workers/backfill/missing-ranges.ts';
import { anomalyFindings, barAnomalyScores, checkBars, findGaps, qualityByPeriod, qualityCounts, qualityScore } from '../../src-workers/quality/index.ts';
import { calendarIdOf } from '../market-data/calendar-of.ts';
import type { EventBus } from '../services/event-bus.ts';
import type { InstrumentRepo } from '../services/instrument-repo.ts';
import type { BarStore } from '../storage/bar-store.ts';
import { heldBars, INTEGRITY_ONLY } from './bar-ingest.ts';
import type { BarTuple, QualityRepo } from './quality-repo.ts';

const LIST_LIMIT = 1000;
/** The isolation forest needs a few hundred bars to say anything; below this it is not run. */
const MIN_BARS_FOR_FOREST = 256;

/**
 * The Data Quality page's core (SPEC S9): a report over a stored series (rules, isolation forest,
 * gaps against its market calendar, score over time), quarantine of impossible bars with their
 * reasons, decisions on them, and the thresholds — every change to stored bars audited.
 */
export class QualityService {
  private readonly quarantineTx: (instrumentId: number, tf: Timeframe) => number;
  private readonly decideTx: (id: number, action: 'accept' | 'discard') => QuarantinedBar;

  constructor(
    sqlite: Database.Database,
    private readonly repo: QualityRepo,
    private readonly store: BarStore,
    private readonly instruments: InstrumentRepo,
    private readonly bus: EventBus,
  ) {
    this.quarantineTx = sqlite.transaction((id: number, tf: Timeframe) => this.moveErrors(id, tf));
    this.decideTx = sqlite.transaction((id: number, action: 'accept' | 'discard') => this.applyDecision(id, action));
  }

  report(instrumentId: number, timeframe: Timeframe): QualityReportView {
    const instrument = this.instrument(instrumentId);
    const bars = this.store.read(instrumentId, timeframe);
    const n = bars.time.length;
    const calendar = calendarIdOf(instrument);
    const config = this.repo.config();
    const checked = checkBars(bars, config);
    const period = timeframeMs(timeframe);
    const expected = n > 0 && period !== null ? expectedBars(getCalendar(calendar), timeframe, bars.time[0]!, bars.time[n - 1]! + period).times : [];
    const gaps = findGaps(bars.time, { times: Float64Array.from(expected) });
    const ranges = period === null ? [] : missingRanges(bars.time, expected, period);
    const forest = n >= MIN_BARS_FOR_FOREST ? anomalyFindings(bars, barAnomalyScores(bars, { seed: 1 })) : [];
    const findings = [...checked.findings, ...forest].sort((a, b) => a.index - b.index);
    const counts = qualityCounts(n, checked, gaps);
    const score = qualityScore(counts);
    const daily = period !== null && period >= 86_400_000;
    return {
      instrumentId,
      timeframe,
      calendar,
      bars: n,
      score: Number.isFinite(score) ? round1(score) : null,
      counts: { errors: counts.errors, suspects: counts.suspects, missing: counts.missing, unexpected: counts.unexpected, quarantined: this.repo.countHeld(instrumentId, timeframe) },
      periods: qualityByPeriod(bars.time, checked, gaps, daily ? 'year' : 'month').map((p) => ({
        start: p.start, label: p.label, score: Number.isFinite(p.score) ? round1(p.score) : null, bars: p.bars, errors: p.errors, suspects: p.suspects, missing: p.missing,
      })),
      gaps: ranges.slice(0, LIST_LIMIT).map((r) => ({ from: r.from, to: r.to, missing: countInRanges(expected, [r]) })),
      findings: findings.slice(0, LIST_LIMIT).map((f) => ({ time: f.time, rule: f.rule, severity: f.severity, field: f.field, value: f.value, message: f.message })),
      quarantine: this.repo.quarantined(instrumentId, timeframe),
      audit: this.repo.auditTrail(instrumentId, timeframe),
    };
  }

  quarantineErrors(instrumentId: number, timeframe: Timeframe): number {
    this.instrument(instrumentId);
    const moved = this.quarantineTx(instrumentId, timeframe);
    if (moved > 0) this.changed(instrumentId, timeframe);
    return moved;
  }

  decide(quarantineId: number, action: 'accept' | 'discard'): QuarantinedBar {
    const bar = this.decideTx(quarantineId, action);
    const held = this.repo.getHeld(quarantineId)!;
    this.changed(held.instrumentId, held.timeframe as Timeframe);
    return bar;
  }

  config(): QualityConfig {
    return this.repo.config();
  }

  /** The contract fills every field left out with its default, so this replaces the whole set. */
  saveConfig(config: QualityConfig): QualityConfig {
    const parsed = QualityConfigSchema.parse(config);
    this.repo.saveConfig(parsed);
    return parsed;
  }

  private moveErrors(instrumentId: number, tf: Timeframe): number {
    const bars = this.store.read(instrumentId, tf);
    const checked = checkBars(bars, INTEGRITY_ONLY);
    if (checked.rejected.length === 0) return 0;
    const now = Date.now();
    const held = heldBars(bars, checked, 'check');
    this.repo.hold(instrumentId, tf, held, now);
    this.repo.audit(instrumentId, tf, held.map((h) => ({ action: 'quarantine', time: h.time, source: 'check', before: h.values, after: null, reason: h.reason })), now);
    // Duplicated times share one stored slot: removing the time removes the stored bar once.
    this.store.remove(instrumentId, tf, [...new Set(held.map((h) => h.time))]);
    return held.length;
  }

  private applyDecision(id: number, action: 'accept' | 'discard'): QuarantinedBar {
    const held = this.repo.getHeld(id);
    if (!held) throw new AppFailure('NOT_FOUND', `No quarantined bar ${id}`);
    if (held.status !== 'held') throw new AppFailure('VALIDATION_FAILED', `Quarantined bar ${id} was ${held.status} already`);
    const now = Date.now();
    const values: BarTuple = [held.open, held.high, held.low, held.close, held.volume];
    if (action === 'accept') {
      const one = emptyBars(1);
      one.time[0] = held.time;
      [one.open[0], one.high[0], one.low[0], one.close[0], one.volume[0]] = values;
      this.store.upsert(held.instrumentId, held.timeframe, one);
    }
    this.repo.decide(id, action === 'accept' ? 'accepted' : 'discarded', now);
    const reason = action === 'accept' ? `accepted by the user despite: ${held.reason}` : `discarded by the user: ${held.reason}`;
    this.repo.audit(held.instrumentId, held.timeframe, [{ action, time: held.time, source: held.source, before: null, after: action === 'accept' ? values : null, reason }], now);
    return this.repo.getHeld(id)!;
  }

  private instrument(id: number): Instrument {
    const instrument = this.instruments.get(id);
    if (!instrument) throw new AppFailure('NOT_FOUND', `No instrument ${id}`);
    return instrument;
  }

  private changed(instrumentId: number, timeframe: Timeframe): void {
    this.bus.emit('quality.changed', { instrumentId, timeframe });
    this.bus.emit('instruments.changed', { instrumentIds: [instrumentId] });
  }
}


function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
