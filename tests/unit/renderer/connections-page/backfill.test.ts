import { describe, expect, it } from 'vitest';
import { backfillRequests, type BackfillRecord } from '../../../../src-shared/contract/backfill.contract.ts';
import type { JobRecord } from '../../../../src-shared/domain/job.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import {
  activePreset, planView, presetRange, toBackfillTarget, type BackfillForm,
} from '../../../../src-renderer/pages/connections/backfill/backfill-form.ts';
import { backfillRow, cursorPercent, formatEta, jobEtaMs } from '../../../../src-renderer/pages/connections/backfill/backfill-rows.ts';

// Sunday 10 March 2024, 15:30 UTC.
const NOW = Date.UTC(2024, 2, 10, 15, 30);
const DAY = 86_400_000;

const form = (patch: Partial<BackfillForm> = {}): BackfillForm => ({
  connectionId: 'con_abcdef', symbol: 'BTC/USDT', timeframe: '1h' as Timeframe, from: '2024-03-01', to: '', ...patch,
});

describe('backfill date presets', () => {
  it('fill in the day 7 and 30 days before today, and the same date a year ago, up to now', () => {
    expect(presetRange('7d', NOW)).toEqual({ from: '2024-03-03', to: '' });
    // 10 March − 30 days = 9 February (2024 is a leap year: February has 29 days).
    expect(presetRange('30d', NOW)).toEqual({ from: '2024-02-09', to: '' });
    expect(presetRange('1y', NOW)).toEqual({ from: '2023-03-10', to: '' });
  });

  it('maps 29 February a year back to 28 February, not into March', () => {
    expect(presetRange('1y', Date.UTC(2024, 1, 29, 8))).toEqual({ from: '2023-02-28', to: '' });
  });

  it('recognises which preset the typed range is', () => {
    expect(activePreset({ from: '2024-02-09', to: '' }, NOW)).toBe('30d');
    expect(activePreset({ from: '2024-02-09', to: '2024-03-01' }, NOW)).toBeNull();
    expect(activePreset({ from: '2024-02-10', to: '' }, NOW)).toBeNull();
  });
});

describe('the backfill target', () => {
  it('starts at the first day\'s midnight and runs to now when "to" is empty', () => {
    const checked = toBackfillTarget(form(), NOW);
    expect(checked.target).toEqual({ connectionId: 'con_abcdef', symbol: 'BTC/USDT', timeframe: '1h', from: Date.UTC(2024, 2, 1) });
    expect(backfillRequests['backfill.start'].input.safeParse(checked.target).success).toBe(true);
  });

  it('includes the "to" day: the end is the next midnight, never past now', () => {
    expect(toBackfillTarget(form({ to: '2024-03-05' }), NOW).target!.to).toBe(Date.UTC(2024, 2, 6));
    expect(toBackfillTarget(form({ to: '2024-03-10' }), NOW).target!.to).toBe(NOW);
  });

  it('names each problem by field', () => {
    expect(toBackfillTarget(form({ connectionId: null, symbol: ' ', from: '' }), NOW).errors).toEqual({
      connectionId: 'Choose a connection', symbol: 'Choose a symbol', from: 'Enter the first day (YYYY-MM-DD)',
    });
    expect(toBackfillTarget(form({ from: '2024-02-30' }), NOW).errors).toEqual({ from: '"2024-02-30" is not a date (YYYY-MM-DD)' });
    expect(toBackfillTarget(form({ from: '2024-03-11' }), NOW).errors).toEqual({ from: 'Is in the future' });
    expect(toBackfillTarget(form({ from: '2024-03-05', to: '2024-03-04' }), NOW).errors).toEqual({ to: 'Must be after the first day' });
  });
});

describe('the plan as the dialog shows it', () => {
  it('lists the first ranges, the totals and the time', () => {
    const missing = Array.from({ length: 7 }, (_, i) => ({ from: Date.UTC(2024, 0, 1 + i), to: Date.UTC(2024, 0, 1 + i, 12) }));
    const view = planView({ missing, bars: 12_345, requests: 13, estimatedMs: 125_000 }, '1h');
    expect(view).toEqual({
      upToDate: false,
      bars: '12,345',
      requests: '13',
      time: '≈ 2 min 5 s',
      ranges: [1, 2, 3, 4, 5].map((d) => `2024-01-0${d} 00:00 UTC → 2024-01-0${d} 12:00 UTC`),
      moreRanges: 2,
    });
  });

  it('says when everything is stored already', () => {
    const view = planView({ missing: [], bars: 0, requests: 0, estimatedMs: 0 }, '1d');
    expect(view.upToDate).toBe(true);
    expect(view.time).toBe('under a second');
  });
});

const record = (patch: Partial<BackfillRecord> = {}): BackfillRecord => ({
  backfillId: 'bfl_abcdef', connectionId: 'con_abcdef', symbol: 'BTC/USDT', timeframe: '1h' as Timeframe, instrumentId: 3,
  from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 11), cursor: Date.UTC(2024, 0, 3, 12), state: 'interrupted',
  fetched: 60, inserted: 50, updated: 4, unchanged: 6, requests: 3, retries: 1, error: null, jobId: null, createdAt: 0, updatedAt: 0, ...patch,
});

describe('the backfills list', () => {
  it('shows the checkpoint as a date and how far into the range it is', () => {
    // 2.5 days of 10 = 25 %.
    expect(cursorPercent(record())).toBe(25);
    const row = backfillRow(record(), 'Binance');
    expect(row).toMatchObject({
      what: 'BTC/USDT 1h · Binance',
      range: '2024-01-01 00:00 UTC → 2024-01-11 00:00 UTC',
      cursor: '2024-01-03 12:00 UTC',
      percent: 25,
      counts: '60 fetched · 50 new · 4 changed · 6 same',
      requests: '3 (1 retried)',
      canResume: true,
      canRemove: true,
    });
  });

  it('offers Resume only for interrupted and failed ones, Remove for all but running', () => {
    const flags = (['running', 'interrupted', 'failed', 'cancelled', 'done'] as const).map((state) => {
      const r = backfillRow(record({ state }), 'x');
      return [state, r.canResume, r.canRemove];
    });
    expect(flags).toEqual([['running', false, false], ['interrupted', true, true], ['failed', true, true], ['cancelled', false, true], ['done', false, true]]);
    expect(backfillRow(record({ state: 'done' }), 'x')).toMatchObject({ cursor: 'complete', percent: 100 });
  });
});

describe('the job ETA', () => {
  const job = (patch: Partial<JobRecord>): JobRecord => ({
    id: 'job_abcdef', kind: 'import', title: 'Backfill', state: 'running', progress: { done: 250, total: 1000, phase: 'Fetching' },
    createdAt: 0, startedAt: NOW - 20_000, finishedAt: null, error: null, result: null, ...patch,
  });

  it('extrapolates the pace so far: 250 of 1,000 in 20 s leaves 60 s', () => {
    expect(jobEtaMs(job({}), NOW)).toBe(60_000);
    expect(formatEta(60_000)).toBe('about 1 min 0 s left');
  });

  it('gives no estimate before there is a pace', () => {
    expect(jobEtaMs(job({ progress: { done: 0, total: 1000, phase: '' } }), NOW)).toBeNull();
    expect(jobEtaMs(job({ progress: null }), NOW)).toBeNull();
    expect(jobEtaMs(job({ startedAt: null }), NOW)).toBeNull();
    expect(jobEtaMs(job({ state: 'done' }), NOW)).toBeNull();
    expect(formatEta(null)).toBe('estimating…');
  });
});
