/**
 * Calendar ticks for a time axis (UTC, as bar times are shown everywhere else): the finest of hour,
 * day, month and year steps that stays within a tick budget, on round calendar boundaries, each
 * labelled by the coarsest unit that changes there (d3's multi-scale idea): "2021" on a new year,
 * "Mar" on a new month, "Mar 5" on a new day, "09:00" within a day.
 */

export interface TimeTick {
  /** Epoch ms. */
  value: number;
  label: string;
}

type Unit = 'hour' | 'day' | 'month' | 'year';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Candidate steps, finest first, with their nominal length to estimate the tick count cheaply. */
const STEPS: readonly { unit: Unit; every: number; nominal: number }[] = [
  ...[1, 3, 6, 12].map((every) => ({ unit: 'hour' as const, every, nominal: every * HOUR })),
  ...[1, 2, 7, 14].map((every) => ({ unit: 'day' as const, every, nominal: every * DAY })),
  ...[1, 2, 3, 6].map((every) => ({ unit: 'month' as const, every, nominal: every * 30.44 * DAY })),
  ...[1, 2, 5, 10, 20, 50, 100].map((every) => ({ unit: 'year' as const, every, nominal: every * 365.25 * DAY })),
];

/** Ticks inside [from, to] (epoch ms), at most `maxTicks` of them; [] for an empty or reversed range. */
export function timeTicks(from: number, to: number, maxTicks = 6): TimeTick[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return [];
  for (const step of STEPS) {
    // The nominal length rules out steps far too fine before any tick is generated.
    if ((to - from) / step.nominal > maxTicks + 2) continue;
    const values = tickValues(from, to, step.unit, step.every);
    if (values.length <= maxTicks) return values.map((value) => ({ value, label: tickLabel(value) }));
  }
  return [];
}

/** Round calendar boundaries of `unit` in [from, to]: every n-th hour of the day, day of the month, … */
function tickValues(from: number, to: number, unit: Unit, every: number): number[] {
  const values: number[] = [];
  const start = new Date(from);
  let y = start.getUTCFullYear();
  let m = unit === 'year' ? 0 : start.getUTCMonth();
  let d = unit === 'year' || unit === 'month' ? 1 : start.getUTCDate();
  let h = unit === 'hour' ? start.getUTCHours() : 0;
  for (;;) {
    const t = Date.UTC(y, m, d, h);
    if (t > to) return values;
    const date = new Date(t);
    if (t >= from && onStep(date, unit, every)) values.push(t);
    // Date.UTC rolls hour 24 into the next day, day 32 into the next month and so on.
    if (unit === 'hour') h++;
    else if (unit === 'day') d++;
    else if (unit === 'month') m++;
    else y++;
  }
}

function onStep(date: Date, unit: Unit, every: number): boolean {
  switch (unit) {
    case 'hour':
      return date.getUTCHours() % every === 0;
    case 'day':
      // Counted from the 1st in each month, so the 1st is always a tick (d3's utcDay.every).
      return (date.getUTCDate() - 1) % every === 0;
    case 'month':
      return date.getUTCMonth() % every === 0;
    case 'year':
      return date.getUTCFullYear() % every === 0;
  }
}

/** The tick's label by the coarsest calendar unit that starts at it. */
export function tickLabel(ms: number): string {
  const d = new Date(ms);
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  if (hour === 0 && minute === 0 && day === 1 && month === 0) return String(d.getUTCFullYear());
  if (hour === 0 && minute === 0 && day === 1) return MONTHS[month];
  if (hour === 0 && minute === 0) return `${MONTHS[month]} ${day}`;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
