import type { InputOf, Requests } from '../../../../src-shared/contract/index.ts';
import type { BackfillPlan } from '../../../../src-shared/contract/backfill.contract.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { formatBarTime, formatCount, formatDuration } from '../../../ui/format.ts';
import { formatDay, parseDay } from '../../backtest/setup/setup-form.ts';

/**
 * The backfill dialog as it is typed, and its mapping to a `backfill.plan` / `backfill.start`
 * target. Dates are whole UTC days (`YYYY-MM-DD`), as everywhere else in the app: `from` starts
 * at its day's midnight, `to` includes its day (or is "now" when left empty).
 */

const DAY_MS = 86_400_000;

export interface BackfillForm {
  connectionId: string | null;
  symbol: string;
  timeframe: Timeframe;
  from: string;
  /** '' means up to now. */
  to: string;
}

export type BackfillTarget = InputOf<Requests['backfill.start']>;
export type BackfillErrors = Partial<Record<keyof BackfillForm, string>>;

export const BACKFILL_PRESETS = [
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: '1y', label: 'Last year' },
] as const;
export type BackfillPreset = (typeof BACKFILL_PRESETS)[number]['id'];

/** Timeframes a backfill offers (venues serve these natively or the core resamples). */
export const BACKFILL_TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as Timeframe[];

/**
 * The days a preset fills in, up to now: 7 and 30 days back from today's date (UTC), or the same
 * date a year ago (29 February falls back to the 28th). `to` is left empty: now.
 */
export function presetRange(preset: BackfillPreset, now: number): { from: string; to: string } {
  const today = new Date(now);
  if (preset === '1y') {
    const y = today.getUTCFullYear() - 1;
    const m = today.getUTCMonth();
    // The last day of that month a year ago, so 29 Feb maps to 28 Feb rather than rolling into March.
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return { from: formatDay(Date.UTC(y, m, Math.min(today.getUTCDate(), lastDay))), to: '' };
  }
  const days = preset === '7d' ? 7 : 30;
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return { from: formatDay(midnight - days * DAY_MS), to: '' };
}

/** Which preset the typed range is (to highlight its button), or null. */
export function activePreset(form: Pick<BackfillForm, 'from' | 'to'>, now: number): BackfillPreset | null {
  if (form.to.trim() !== '') return null;
  return BACKFILL_PRESETS.find((p) => presetRange(p.id, now).from === form.from.trim())?.id ?? null;
}

export type CheckedTarget = { target: BackfillTarget; errors: null } | { target: null; errors: BackfillErrors };

/**
 * The typed dialog as a backfill target, or what is wrong by field. `to` is the exclusive end the
 * core fetches up to: the midnight after the typed day, but never later than now (nothing after
 * now exists yet).
 */
export function toBackfillTarget(form: BackfillForm, now: number): CheckedTarget {
  const errors: BackfillErrors = {};
  if (!form.connectionId) errors.connectionId = 'Choose a connection';
  const symbol = form.symbol.trim();
  if (symbol === '') errors.symbol = 'Choose a symbol';
  let from: number | null = null;
  if (form.from.trim() === '') errors.from = 'Enter the first day (YYYY-MM-DD)';
  else {
    from = parseDay(form.from);
    if (from === null) errors.from = `"${form.from.trim()}" is not a date (YYYY-MM-DD)`;
    else if (from >= now) errors.from = 'Is in the future';
  }
  let to: number | undefined;
  if (form.to.trim() !== '') {
    const day = parseDay(form.to);
    if (day === null) errors.to = `"${form.to.trim()}" is not a date (YYYY-MM-DD)`;
    else {
      to = Math.min(day + DAY_MS, now);
      if (from !== null && to <= from) errors.to = 'Must be after the first day';
    }
  }
  if (Object.keys(errors).length > 0 || from === null) return { target: null, errors };
  return {
    target: { connectionId: form.connectionId!, symbol, timeframe: form.timeframe, from, ...(to === undefined ? {} : { to }) },
    errors: null,
  };
}

export interface PlanView {
  /** Nothing to fetch: every bar of the range is stored already. */
  upToDate: boolean;
  bars: string;
  requests: string;
  /** "≈ 2 min 5 s", or "under a second". */
  time: string;
  /** Each missing range, `from → to` in bar times. */
  ranges: string[];
  /** Ranges not listed (the dialog shows the first few). */
  moreRanges: number;
}

/** The plan as the dialog shows it: the first `maxRanges` missing ranges and the totals. */
export function planView(plan: BackfillPlan, timeframe: string, maxRanges = 5): PlanView {
  return {
    upToDate: plan.missing.length === 0 || plan.bars === 0,
    bars: formatCount(plan.bars),
    requests: formatCount(plan.requests),
    time: plan.estimatedMs < 1000 ? 'under a second' : `≈ ${formatDuration(plan.estimatedMs)}`,
    ranges: plan.missing.slice(0, maxRanges).map((r) => `${formatBarTime(r.from, timeframe)} → ${formatBarTime(r.to, timeframe)}`),
    moreRanges: Math.max(0, plan.missing.length - maxRanges),
  };
}
