import type { BarColumns } from '../../../src-shared/domain/bars.ts';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2020, 0, 1);

/** Bars from rows [open, high, low, close, volume], one per day from 2020-01-01. */
export function makeBars(rows: readonly (readonly [number, number, number, number, number])[]): BarColumns {
  const col = (k: number) => Float64Array.from(rows, (r) => r[k]!);
  return { time: Float64Array.from(rows, (_, i) => T0 + i * DAY), open: col(0), high: col(1), low: col(2), close: col(3), volume: col(4) };
}

/**
 * A calm random walk of `n` daily bars (deterministic): closes move by ±0.5 %–1 %, volume stays
 * within ±20 % of 1,000,000 — nothing in it should trip a statistical rule.
 */
export function calmBars(n: number): BarColumns {
  const rows: [number, number, number, number, number][] = [];
  let close = 100;
  for (let i = 0; i < n; i++) {
    const open = close;
    close = open * (1 + (i % 2 === 0 ? 1 : -1) * (0.005 + 0.005 * ((i * 7) % 5) / 4));
    const volume = 1_000_000 * (1 + 0.2 * Math.sin(i));
    rows.push([open, Math.max(open, close) * 1.002, Math.min(open, close) * 0.998, close, volume]);
  }
  return makeBars(rows);
}
