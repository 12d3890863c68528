import { describe, expect, it } from 'vitest';
import type { QuarantinedBar } from '../../../../src-shared/contract/quality.contract.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import {
  auditChange, fillGapsText, filterFindings, findingRules, formatScore, gapRows, parseSeriesKey, periodBars, scoreBand, seriesOptions, sortQuarantine,
  type Finding,
} from '../../../../src-renderer/pages/quality/quality-view.ts';

describe('the score', () => {
  it('is coloured by band: ≥ 95 good, ≥ 85 fair, ≥ 60 poor, below bad, none without bars', () => {
    // The clean ORCL file scores 96.9 (docs/data-quality.md): good.
    expect(scoreBand(96.9)).toEqual({ label: 'good', color: 'teal' });
    expect(scoreBand(95)).toEqual({ label: 'good', color: 'teal' });
    expect(scoreBand(94.99)).toEqual({ label: 'fair', color: 'yellow' });
    expect(scoreBand(85)).toEqual({ label: 'fair', color: 'yellow' });
    expect(scoreBand(60)).toEqual({ label: 'poor', color: 'orange' });
    expect(scoreBand(59.9)).toEqual({ label: 'bad', color: 'red' });
    expect(scoreBand(null)).toEqual({ label: 'no bars', color: 'gray' });
    expect(formatScore(96.94)).toBe('96.9');
    expect(formatScore(null)).toBe('—');
  });

  it('keeps the bands in line with the formula: 100·exp(−P/100) at P = 5, 16 and 51 points per 1,000 bars', () => {
    expect(scoreBand(100 * Math.exp(-5 / 100)).label).toBe('good'); // 95.12
    expect(scoreBand(100 * Math.exp(-16 / 100)).label).toBe('fair'); // 85.21
    expect(scoreBand(100 * Math.exp(-51 / 100)).label).toBe('poor'); // 60.05
    expect(scoreBand(100 * Math.exp(-52 / 100)).label).toBe('bad'); // 59.45
  });
});

describe('the series picker', () => {
  const inst = (id: number, symbol: string, venue: string, series: [string, number][]): Instrument => ({
    id, symbol, venue, assetClass: 'stock', currency: 'USD', tickSize: 0.01, lotSize: 1, source: 'csv', createdAt: 0,
    series: series.map(([timeframe, count]) => ({ timeframe: timeframe as Timeframe, count, first: 0, last: 0 })),
  });

  it('lists each series with bars, by symbol, and its key reads back', () => {
    const options = seriesOptions([inst(2, 'ORCL', '', [['1d', 5036], ['1h', 0]]), inst(1, 'BTC/USDT', 'binance', [['1m', 1440]])]);
    expect(options).toEqual([
      { value: '1:1m', label: 'BTC/USDT (binance) · 1m — 1,440 bars' },
      { value: '2:1d', label: 'ORCL · 1d — 5,036 bars' },
    ]);
    expect(parseSeriesKey('2:1d')).toEqual({ instrumentId: 2, timeframe: '1d' });
    expect(parseSeriesKey(null)).toBeNull();
    expect(parseSeriesKey('nope')).toBeNull();
  });
});

describe('report tables', () => {
  it('formats gaps in bar times for the timeframe', () => {
    const gaps = [{ from: Date.UTC(2001, 8, 11), to: Date.UTC(2001, 8, 14), missing: 4 }];
    expect(gapRows(gaps, '1d')).toEqual([{ from: '2001-09-11', to: '2001-09-14', missing: '4' }]);
    expect(gapRows([{ from: Date.UTC(2024, 0, 1, 9, 30), to: Date.UTC(2024, 0, 1, 9, 32), missing: 1200 }], '1m')).toEqual([
      { from: '2024-01-01 09:30 UTC', to: '2024-01-01 09:32 UTC', missing: '1,200' },
    ]);
  });

  it('filters findings by rule and severity', () => {
    const f = (rule: string, severity: Finding['severity']): Finding => ({ time: 0, rule, severity, field: 'close', value: 1, message: '' });
    const findings = [f('price-jump', 'suspect'), f('invalid-price', 'error'), f('price-jump', 'error'), f('volume-spike', 'suspect')];
    expect(findingRules(findings)).toEqual(['invalid-price', 'price-jump', 'volume-spike']);
    expect(filterFindings(findings, { rule: 'price-jump', severity: null })).toHaveLength(2);
    expect(filterFindings(findings, { rule: null, severity: 'suspect' }).map((x) => x.rule)).toEqual(['price-jump', 'volume-spike']);
    expect(filterFindings(findings, { rule: 'price-jump', severity: 'error' })).toEqual([findings[2]]);
    expect(filterFindings(findings, { rule: null, severity: null })).toHaveLength(4);
  });
});

describe('the audit trail', () => {
  it('shows only the fields that changed, before → after', () => {
    expect(auditChange({ before: [10, 11, 9.5, 10.25, 1_000], after: [10, 31, 9.5, 30, 1_000] })).toEqual({
      before: 'high 11, close 10.25', after: 'high 31, close 30', changed: ['high', 'close'],
    });
  });

  it('shows the whole bar when one was added or removed', () => {
    expect(auditChange({ before: null, after: [1, 2, 0.5, 1.5, 1_234_567] })).toEqual({
      before: '(none)', after: 'O 1 H 2 L 0.5 C 1.5 V 1,234,567', changed: ['open', 'high', 'low', 'close', 'volume'],
    });
    expect(auditChange({ before: [1, 2, 0.5, 1.5, 100], after: null }).after).toBe('(removed)');
    expect(auditChange({ before: [1, 1, 1, 1, 1], after: [1, 1, 1, 1, 1] })).toEqual({ before: 'O 1 H 1 L 1 C 1 V 1', after: 'unchanged', changed: [] });
  });
});

describe('the quarantine table', () => {
  const bar = (quarantineId: number, time: number, status: QuarantinedBar['status'], decidedAt: number | null): QuarantinedBar => ({
    quarantineId, time, open: 1, high: 1, low: 1, close: 1, volume: 1, source: 'csv', rule: 'invalid-price', reason: '', status, heldAt: 0, decidedAt,
  });

  it('lists held bars first in bar order, then decisions newest first', () => {
    const sorted = sortQuarantine([bar(1, 300, 'accepted', 10), bar(2, 200, 'held', null), bar(3, 100, 'discarded', 20), bar(4, 50, 'held', null)]);
    expect(sorted.map((b) => b.quarantineId)).toEqual([4, 2, 3, 1]);
  });
});

describe('quality over time', () => {
  it('draws one bar per period coloured by band, an empty period as 0, with the counts in its tooltip', () => {
    const bars = periodBars([
      { start: 0, label: '2001', score: 96.9, bars: 248, errors: 0, suspects: 3, missing: 0 },
      { start: 1, label: '2002', score: 70, bars: 250, errors: 2, suspects: 0, missing: 5 },
      { start: 2, label: '2003', score: null, bars: 0, errors: 0, suspects: 0, missing: 0 },
    ]);
    expect(bars).toEqual([
      { label: '2001', value: 96.9, color: 'teal', title: '2001: score 96.9 (good) · 248 bars · 3 suspect' },
      { label: '2002', value: 70, color: 'orange', title: '2002: score 70.0 (poor) · 250 bars · 2 errors · 5 missing' },
      { label: '2003', value: 0, color: 'gray', title: '2003: no bars · 0 bars' },
    ]);
  });
});

describe('the fill-gaps result', () => {
  it('says what was filled, from where, and what is still missing', () => {
    expect(fillGapsText({ filled: 1_200, stillMissing: 3, sources: ['Binance', 'Yahoo'] })).toBe('Filled 1,200 bars from Binance, Yahoo; 3 still missing (no source has them).');
    expect(fillGapsText({ filled: 4, stillMissing: 0, sources: ['Kraken'] })).toBe('Filled 4 bars from Kraken; no gap is left.');
    expect(fillGapsText({ filled: 0, stillMissing: 9, sources: [] })).toBe('Filled 0 bars; 9 still missing (no source has them).');
  });
});
