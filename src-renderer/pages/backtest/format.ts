/** Number formats of the backtest pages, in a fixed locale so figures read the same everywhere. */

const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PLAIN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** A fraction as a signed percent: 0.1234 → "+12.34 %"; null → "—". */
export function formatPercent(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const v = x * 100;
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  return `${sign}${Math.abs(v).toFixed(digits)} %`;
}

export function formatMoney(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x < 0 ? `−${MONEY.format(-x)}` : MONEY.format(x);
}

export function formatNumber(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(digits);
}

/** A price or quantity without trailing zeros (12.5, 0.0001, 1,200). */
export function formatPlain(x: number): string {
  return PLAIN.format(x);
}

/** Parameters as `fast=10 slow=30`, in declaration order when known. */
export function formatParams(params: Record<string, number | string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** Signed colour for a value: green above zero, red below, dimmed at zero or unknown. */
export function signColor(x: number | null | undefined): string | undefined {
  if (x === null || x === undefined || !Number.isFinite(x) || x === 0) return 'dimmed';
  return x > 0 ? 'teal' : 'red';
}
