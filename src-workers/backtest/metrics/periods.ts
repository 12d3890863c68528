import type { PeriodReturn } from '../../../src-shared/domain/metrics.ts';
import { parseTimeframe, type Timeframe } from '../../../src-shared/domain/timeframe.ts';

/** Trading days and session length of the two annualization calendars. */
const CALENDARS = {
  stock: { daysPerYear: 252, sessionMs: 6.5 * 3_600_000 },
  crypto: { daysPerYear: 365, sessionMs: 24 * 3_600_000 },
} as const;

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/**
 * Bars per year, the annualization factor. Daily bars: 252 (stock) or 365 (crypto) per year divided
 * by the bar's day count; weekly 52 / count; monthly 12 / count. Intraday bars: bars per session ×
 * sessions per year, where a stock session is 6.5 h (a partly covered last bar of the session counts,
 * so 1h bars make 7 a day) and a crypto day 24 h; a bar longer than the session makes one a day.
 */
export function periodsPerYear(timeframe: Timeframe | string, calendar: 'stock' | 'crypto'): number {
  const parts = parseTimeframe(timeframe);
  if (!parts) throw new Error(`not a timeframe: "${timeframe}"`);
  const { daysPerYear, sessionMs } = CALENDARS[calendar];
  switch (parts.unit) {
    case 'M':
      return 12 / parts.count;
    case 'w':
      return 52 / parts.count;
    case 'd':
      return daysPerYear / parts.count;
    default: {
      const barMs = parts.count * UNIT_MS[parts.unit];
      // Exact ratios such as 6.5 h / 1 m = 390 must not round up through floating-point noise.
      const perSession = Math.ceil(sessionMs / barMs - 1e-9);
      return daysPerYear * Math.max(1, perSession);
    }
  }
}

type PeriodUnit = 'month' | 'year';

/** Start of the UTC month or year after the one holding `t`, and the period's label parts. */
function periodOf(t: number, unit: PeriodUnit): { year: number; month: number | null; next: number } {
  const d = new Date(t);
  const year = d.getUTCFullYear();
  if (unit === 'year') return { year, month: null, next: Date.UTC(year + 1, 0, 1) };
  const month = d.getUTCMonth();
  return { year, month: month + 1, next: Date.UTC(year, month + 1, 1) };
}

/**
 * Returns per calendar period (UTC). Bars are scanned once; a Date is made only when a bar crosses
 * into a new period.
 */
function periodReturns(time: Float64Array, equity: Float64Array, initialCash: number, unit: PeriodUnit): PeriodReturn[] {
  const n = Math.min(time.length, equity.length);
  const out: PeriodReturn[] = [];
  if (n === 0) return out;
  let base = initialCash;
  let current = periodOf(time[0]!, unit);
  let startIndex = 0;
  const push = (endIndex: number) => {
    const last = equity[endIndex]!;
    const { year, month } = current;
    out.push({
      period: month === null ? String(year) : `${year}-${String(month).padStart(2, '0')}`,
      year,
      month,
      startTime: time[startIndex]!,
      endTime: time[endIndex]!,
      return: base > 0 ? last / base - 1 : null,
    });
    base = last;
  };
  for (let i = 1; i < n; i++) {
    if (time[i]! < current.next) continue;
    push(i - 1);
    current = periodOf(time[i]!, unit);
    startIndex = i;
  }
  push(n - 1);
  return out;
}

/** Calendar-month returns (UTC): each month's last equity over the previous month's (initial cash first). */
export function monthlyReturns(time: Float64Array, equity: Float64Array, initialCash: number): PeriodReturn[] {
  return periodReturns(time, equity, initialCash, 'month');
}

/** Calendar-year returns (UTC), like {@link monthlyReturns}. */
export function yearlyReturns(time: Float64Array, equity: Float64Array, initialCash: number): PeriodReturn[] {
  return periodReturns(time, equity, initialCash, 'year');
}
