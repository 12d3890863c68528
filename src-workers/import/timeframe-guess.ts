import type { Timeframe } from '../../src-shared/domain/timeframe.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** What the time steps of a sample say. */
export interface StepSummary {
  /** The bar timeframe the median step corresponds to, when the steps are regular. */
  timeframe: Timeframe | null;
  /** Most steps equal the median step and no two rows share a time. */
  regular: boolean;
  /** Some times carry milliseconds. */
  subSecond: boolean;
}

/** `300000` → `5m`, `86400000` → `1d`; null when the step is not a whole number of seconds. */
export function timeframeOfStep(step: number): Timeframe | null {
  if (step >= 28 * DAY && step <= 31 * DAY) return '1M' as Timeframe;
  if (step >= 89 * DAY && step <= 92 * DAY) return '3M' as Timeframe;
  const units: [number, string][] = [
    [WEEK, 'w'],
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [SECOND, 's'],
  ];
  for (const [ms, unit] of units) {
    if (step > 0 && step % ms === 0 && step / ms <= 9999) return `${step / ms}${unit}` as Timeframe;
  }
  return null;
}

/**
 * Summarises the steps between consecutive `times` (UTC ms, in file order). The median of the
 * positive steps gives the timeframe: daily bars with weekends still have a median of one day.
 */
export function summariseSteps(times: number[]): StepSummary {
  const steps: number[] = [];
  let repeats = 0;
  for (let i = 1; i < times.length; i++) {
    const d = Math.abs(times[i] - times[i - 1]);
    if (d === 0) repeats++;
    else steps.push(d);
  }
  const subSecond = times.some((t) => t % SECOND !== 0);
  if (steps.length === 0) return { timeframe: null, regular: false, subSecond };
  steps.sort((a, b) => a - b);
  const median = steps[Math.floor((steps.length - 1) / 2)];
  const atMedian = steps.filter((s) => s === median).length;
  const calendarMonth = median >= 28 * DAY;
  const regular =
    !subSecond && repeats === 0 && (calendarMonth || atMedian >= 0.5 * steps.length || steps.every((s) => s % median === 0));
  return { timeframe: regular ? timeframeOfStep(median) : null, regular, subSecond };
}
