/**
 * Per-bar returns and the moments the ratios are built from. Simple returns r_t = E_t / E_{t−1} − 1
 * with E_{−1} = the initial cash, so n bars give n returns and the first bar's return measures what
 * happened between the start of the run and its first close.
 */

/**
 * Simple returns of `equity` from `base` (the value before the first bar). After ruin (a previous
 * value ≤ 0) a return has no meaning; it is taken as 0 so that the statistics stay finite.
 */
export function simpleReturns(equity: Float64Array, base: number, out = new Float64Array(equity.length)): Float64Array {
  let prev = base;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    out[i] = prev > 0 ? e / prev - 1 : 0;
    prev = e;
  }
  return out;
}

export function mean(x: Float64Array): number {
  if (x.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/** Sample standard deviation (divisor n − 1), two-pass; NaN for fewer than 2 values. */
export function sampleSd(x: Float64Array, m = mean(x)): number {
  const n = x.length;
  if (n < 2) return NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}

/**
 * A standard deviation that is only rounding noise of a constant series (e.g. +1 % on every bar)
 * would turn a ratio into an enormous number; such a spread counts as zero.
 */
export function isZeroSpread(sd: number, m: number): boolean {
  return !(sd > 1e-12 * Math.abs(m));
}

/** `x` when it is a finite number, else null (JSON carries neither NaN nor Infinity). */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
