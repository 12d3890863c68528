import type { Direction } from './param-grid.ts';

/**
 * A perceptually uniform sequential ramp (viridis, sampled at six evenly spaced points) from dark
 * purple to bright yellow. Lightness rises steadily along it, so "brighter is better" reads the same
 * in the light and the dark scheme and for readers with red–green colour blindness.
 */
export const RAMP_STOPS: readonly (readonly [number, number, number])[] = [
  [0x44, 0x01, 0x54],
  [0x41, 0x44, 0x87],
  [0x2a, 0x78, 0x8e],
  [0x22, 0xa8, 0x84],
  [0x7a, 0xd1, 0x51],
  [0xfd, 0xe7, 0x25],
];

/** The ramp's colour at `t` ∈ [0, 1] (clamped), interpolated between the two nearest stops. */
export function rampColour(t: number): string {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (RAMP_STOPS.length - 1);
  const lower = Math.min(Math.floor(position), RAMP_STOPS.length - 2);
  const f = position - lower;
  const [a, b] = [RAMP_STOPS[lower], RAMP_STOPS[lower + 1]];
  const channel = (k: number) => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

/**
 * Where `value` sits on the ramp: 1 for the best value in `range` (the highest when maximizing, the
 * lowest when minimizing), 0 for the worst. A range of one value has no contrast to show and sits in
 * the middle.
 */
export function goodness(value: number, range: { min: number; max: number }, direction: Direction): number {
  const span = range.max - range.min;
  if (!(span > 0)) return 0.5;
  const t = (value - range.min) / span;
  return direction === 'maximize' ? t : 1 - t;
}
