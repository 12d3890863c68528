/**
 * Axis domains that start and end on round numbers. A plot's frame ends on a labelled tick, so the
 * domain is widened outwards to whole multiples of the step rather than cutting ticks at the data.
 */

export interface NiceScale {
  /** The widened domain: multiples of `step` that enclose the data. */
  min: number;
  max: number;
  step: number;
  /** From `min` to `max` inclusive, every `step`. */
  ticks: number[];
  /** Decimals that show every tick exactly (0 for steps ≥ 1). */
  decimals: number;
}

const MANTISSAS = [1, 2, 5] as const;

/**
 * The smallest 1-2-5 step (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …) that covers [lo, hi] with at most
 * `maxIntervals` intervals once both ends are rounded outwards to the step. Example: 0..1 → step
 * 0.2, ticks 0, 0.2, …, 1; −3.7..12.1 → step 5, ticks −5, 0, 5, 10, 15.
 *
 * A zero-width range (a single value) is widened around the value so the axis still has a scale.
 * The inputs must be finite.
 */
export function niceScale(lo: number, hi: number, maxIntervals = 5): NiceScale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`niceScale needs finite bounds, got ${lo}..${hi}`);
  let a = Math.min(lo, hi);
  let b = Math.max(lo, hi);
  if (a === b) {
    const pad = a === 0 ? 1 : Math.abs(a) * 0.1;
    a -= pad;
    b += pad;
  }
  const intervals = Math.max(1, Math.floor(maxIntervals));
  // Steps are tried from small to large and the first that fits wins; starting a decade below the raw
  // step keeps rounding in log10 from skipping the answer.
  let exponent = Math.floor(Math.log10((b - a) / intervals)) - 1;
  for (;;) {
    for (const mantissa of MANTISSAS) {
      const first = Math.floor(divide(a, mantissa, exponent));
      const last = Math.ceil(divide(b, mantissa, exponent));
      if (last - first <= intervals) return build(first, last, mantissa, exponent);
    }
    exponent++;
  }
}

/**
 * value / (mantissa × 10^exponent), snapped to the nearest integer when it is one up to rounding
 * noise: 0.3 / 0.1 must count as 3 steps, or a bound of 0.3 would be widened to 0.4.
 */
function divide(value: number, mantissa: number, exponent: number): number {
  const q = exponent >= 0 ? value / (mantissa * 10 ** exponent) : (value * 10 ** -exponent) / mantissa;
  const whole = Math.round(q);
  return Math.abs(q - whole) < 1e-9 * Math.max(1, Math.abs(q)) ? whole : q;
}

/** k × mantissa × 10^exponent as the double nearest the decimal (3 × 0.2 → 0.6, not 0.6000000000000001). */
function multiple(k: number, mantissa: number, exponent: number): number {
  return exponent >= 0 ? k * mantissa * 10 ** exponent : (k * mantissa) / 10 ** -exponent;
}

function build(first: number, last: number, mantissa: number, exponent: number): NiceScale {
  const ticks: number[] = [];
  // `+ 0` turns −0 (from Math.ceil of a small negative) into 0 so labels never read "−0".
  for (let k = first; k <= last; k++) ticks.push(multiple(k, mantissa, exponent) + 0);
  return {
    min: ticks[0],
    max: ticks[ticks.length - 1],
    step: multiple(1, mantissa, exponent),
    ticks,
    decimals: Math.max(0, -exponent),
  };
}
