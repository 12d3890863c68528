import type { NiceScale } from './nice-ticks.ts';

const MINUS = '\u2212';

/**
 * An axis tick: exact to the step's decimals, thousands as `k` and millions as `M` once the step is
 * that large (so a P&L axis reads 20k rather than 20000), with a true minus sign.
 */
export function formatTick(value: number, scale: Pick<NiceScale, 'step' | 'decimals'>): string {
  const [divisor, suffix] = scale.step >= 1e6 ? [1e6, 'M'] : scale.step >= 1e3 ? [1e3, 'k'] : [1, ''];
  // A step of 1000 or more is a whole number of thousands (1-2-5 steps), so no decimals are needed.
  const text = Math.abs(value / divisor).toFixed(divisor === 1 ? scale.decimals : 0);
  return `${value < 0 ? MINUS : ''}${text}${suffix}`;
}

/** A signed number for tooltips and markers: +1.25, −0.40. */
export function formatSigned(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return text;
  return `${value < 0 ? MINUS : '+'}${text}`;
}
