/**
 * Tick and lot rounding that is exact for decimal grids. `price / tick` in binary floating point is
 * often a hair off a whole number (1.13 / 0.01 = 112.99999999999999, 0.3 / 0.1 = 2.9999999999999996),
 * and a plain floor or ceil then lands one step off. Here a decimal step is first written as an integer
 * over a power of ten (0.01 = 1 / 100, 0.25 = 25 / 100), the value is counted in steps and snapped to
 * the nearest whole (or, for `nearest`, half) step when it is within {@link onStep} of it, and the
 * result is rebuilt as `steps × units / 10^d`, which is the double nearest the decimal (10.07, not
 * 10.070000000000000284). Allocation-free: the engine calls these once per fill.
 */

export type PriceRounding = 'nearest' | 'up' | 'down';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/**
 * The power of ten 10^d (d ≤ 12) that makes `step` a whole number, or 0 when none does (a step like
 * 1/3); then the plain quotient is used.
 */
function decimalScale(step: number): number {
  // A run rounds to one tick and one lot size, several times per fill: the last answer is kept.
  if (step === lastStep) return lastScale;
  let scale = 0;
  for (let d = 0; d < POW10.length; d++) {
    const scaled = step * POW10[d]!;
    const whole = Math.round(scaled);
    if (whole >= 1 && Math.abs(scaled - whole) <= whole * 1e-9) {
      scale = POW10[d]!;
      break;
    }
  }
  lastStep = step;
  lastScale = scale;
  return scale;
}

let lastStep = NaN;
let lastScale = 0;

/**
 * `x` (a count of steps) snapped to the nearest whole number when it is within 1e-9 of a step, or
 * within 8 ulps when the count is so large that 1e-9 is below its precision. Such a value is on the
 * grid and only carries the error of the binary representation.
 */
function onStep(x: number): number {
  const whole = Math.round(x);
  return Math.abs(x - whole) <= 1e-9 + Math.abs(x) * 8 * Number.EPSILON ? whole : x;
}

/** `value / step`, computed over the step's decimal scale when it has one (see the module comment). */
function steps(value: number, step: number, scale: number): number {
  return scale === 0 ? value / step : (value * scale) / Math.round(step * scale);
}

/** `count × step`, rebuilt as a correctly rounded decimal when the step has a decimal scale. */
function fromSteps(count: number, step: number, scale: number): number {
  if (count === 0) return 0; // never −0
  return scale === 0 ? count * step : (count * Math.round(step * scale)) / scale;
}

/**
 * `price` on the tick grid. `up` / `down` round towards +∞ / −∞ (the engine rounds a slipped buy up
 * and a slipped sell down, against the trader); `nearest` rounds a decimal tie away from zero (1.005
 * at 0.01 → 1.01, though the double 1.005 is a hair below the tie). A price on the grid up to floating
 * error is returned as that grid price. Tick size 0 (or anything not > 0) and non-finite prices are
 * returned unchanged.
 */
export function roundPrice(price: number, tickSize: number, mode: PriceRounding): number {
  if (!(tickSize > 0) || !Number.isFinite(price)) return price;
  const scale = decimalScale(tickSize);
  const q = steps(price, tickSize, scale);
  let count: number;
  if (mode === 'up') count = Math.ceil(onStep(q));
  else if (mode === 'down') count = Math.floor(onStep(q));
  else {
    // Counted in half ticks, so that a decimal tie (10.005) is recognised as one.
    const halves = onStep(q * 2);
    count = Math.sign(halves) * Math.floor((Math.abs(halves) + 1) / 2);
  }
  return fromSteps(count, tickSize, scale);
}

/**
 * How many whole lots `qty` holds, rounded towards zero (0.3 at lot 0.1 is 3 lots, not 2). Needs
 * lotSize > 0 (callers check; sizing rejects anything else).
 */
export function floorLots(qty: number, lotSize: number): number {
  return Math.trunc(onStep(steps(qty, lotSize, decimalScale(lotSize))));
}

/** The quantity of `lots` whole lots, as a clean decimal (3 lots of 0.1 = 0.3, not 0.30000000000000004). */
export function lotsToQty(lots: number, lotSize: number): number {
  return fromSteps(lots, lotSize, decimalScale(lotSize));
}

/**
 * `qty` rounded down (towards zero) to a whole number of lots. A lot size not > 0 (the settings
 * schema requires > 0) leaves the quantity unchanged; so do non-finite quantities.
 */
export function roundQty(qty: number, lotSize: number): number {
  if (!(lotSize > 0) || !Number.isFinite(qty)) return qty;
  const scale = decimalScale(lotSize);
  return fromSteps(Math.trunc(onStep(steps(qty, lotSize, scale))), lotSize, scale);
}
