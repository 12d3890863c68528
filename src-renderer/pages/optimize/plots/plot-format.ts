const MINUS = '\u2212';

/**
 * A parameter value as a label: integers as they are, fractions without binary noise (a grid step
 * of 0.1 gives 0.30000000000000004, which should read 0.3), strings as they are.
 */
export function formatParamValue(value: number | string): string {
  if (typeof value === 'string') return value;
  const text = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return value < 0 ? `${MINUS}${text.slice(1)}` : text;
}

/**
 * An objective value for tooltips and the legend: three decimals for ratios (Sharpe 0.530), whole
 * numbers once it is money-sized (net profit 12345), "—" when there is none.
 */
export function formatObjective(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(Math.abs(value) >= 1000 ? 0 : 3);
  return Number(text) !== 0 && value < 0 ? `${MINUS}${text}` : text;
}

/** A value already in percent, with a true minus sign: −12.5 %. */
export function formatPercentValue(value: number, digits = 1): string {
  const text = Math.abs(value).toFixed(digits);
  return `${Number(text) !== 0 && value < 0 ? MINUS : ''}${text} %`;
}
