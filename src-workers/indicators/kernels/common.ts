import { AppFailure } from '../../../src-shared/contract/errors.ts';

/** Largest period a kernel accepts: keeps every divisor (p(p+1)/2 for WMA) exact in a double. */
export const MAX_PERIOD = 2 ** 24;
/** Largest magnitude of an input value: exact products and squares stay far from overflow. */
export const MAX_INPUT = 1e150;

/** Throws `VALIDATION_FAILED` unless `value` is an integer in [1, MAX_PERIOD]. */
export function checkPeriod(kernel: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PERIOD) {
    throw new AppFailure('VALIDATION_FAILED', `${kernel}: ${name} must be an integer from 1 to ${MAX_PERIOD}, got ${String(value)}`, {
      kernel,
      param: name,
      value: String(value),
    });
  }
}

/** Throws `VALIDATION_FAILED` unless `value` is a finite number ≥ 0 (band multipliers). */
export function checkMultiplier(kernel: string, name: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= MAX_INPUT)) {
    throw new AppFailure('VALIDATION_FAILED', `${kernel}: ${name} must be a finite number ≥ 0, got ${String(value)}`, {
      kernel,
      param: name,
      value: String(value),
    });
  }
}

/**
 * True unless `x` is a finite number within ±MAX_INPUT (NaN fails both comparisons). Kernels test each
 * value as their loop first reads it, so checking costs no extra pass over memory.
 */
export function bad(x: number): boolean {
  return !(x >= -1e150 && x <= 1e150);
}

/**
 * A sufficient test that four values are all good (see {@link bad}) in one comparison: NaN and ±Infinity
 * propagate through the sum of magnitudes. False also for good values whose magnitudes add up beyond
 * MAX_INPUT, so a caller then tests each with {@link bad} before rejecting anything.
 */
export function good4(a: number, b: number, c: number, d: number): boolean {
  return Math.abs(a) + Math.abs(b) + Math.abs(c) + Math.abs(d) <= MAX_INPUT;
}

/**
 * Whether `sum` = fl(a + b) is the exact sum a + b. Cheaper than TwoSum's error term: if |a| ≥ |b|,
 * sum − a is computed exactly and equals b only when nothing was rounded off; otherwise the same holds
 * for sum − b and a.
 */
export function exactSum(a: number, b: number, sum: number): boolean {
  return sum - a === b && sum - b === a;
}

/**
 * Throws `VALIDATION_FAILED` naming the first index of `values` that is NaN, ±Infinity or beyond
 * ±MAX_INPUT. One pass, one comparison per value.
 */
export function checkFinite(kernel: string, name: string, values: Float64Array): void {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v >= -MAX_INPUT && v <= MAX_INPUT)) throw badValue(kernel, name, i, v);
  }
}

export function badValue(kernel: string, name: string, index: number, value: number): AppFailure {
  const what = Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? `${value} (beyond ±${MAX_INPUT})` : String(value);
  return new AppFailure('VALIDATION_FAILED', `${kernel}: ${name}[${index}] is ${what}; indicator inputs must be finite numbers`, {
    kernel,
    input: name,
    index,
    value: String(value),
  });
}

/** Checks that the first input of a call is a Float64Array and returns its length (values: see {@link bad}). */
export function inputLength(kernel: string, name: string, values: Float64Array): number {
  if (!(values instanceof Float64Array)) checkLength(kernel, name, values, 0);
  return values.length;
}

/** The error for a stream's bar: names the bar's index and the field. */
export function badBarValue(stream: string, field: string, index: number, value: unknown): AppFailure {
  const what = typeof value !== 'number' ? String(value) : Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? `${value} (beyond ±${MAX_INPUT})` : String(value);
  return new AppFailure('VALIDATION_FAILED', `${stream}: bar ${index} has ${field} = ${what}; indicator inputs must be finite numbers`, {
    stream,
    input: field,
    index,
    value: String(value),
  });
}

/** Throws `VALIDATION_FAILED` unless `values` has `n` elements (inputs of one call share a length). */
export function checkLength(kernel: string, name: string, values: Float64Array, n: number): void {
  if (!(values instanceof Float64Array) || values.length !== n) {
    throw new AppFailure('VALIDATION_FAILED', `${kernel}: ${name} must be a Float64Array of length ${n}, got ${describe(values)}`, {
      kernel,
      input: name,
    });
  }
}

/** The preallocated output if given (checked), else a new one. */
export function output(kernel: string, name: string, out: Float64Array | undefined, n: number): Float64Array {
  if (out === undefined) return new Float64Array(n);
  checkLength(kernel, `out.${name}`, out, n);
  return out;
}

export function fillNaN(out: Float64Array, from: number, to: number): void {
  const end = Math.min(to, out.length);
  for (let i = from; i < end; i++) out[i] = NaN;
}

function describe(values: unknown): string {
  if (values instanceof Float64Array) return `length ${values.length}`;
  if (values === null || values === undefined) return String(values);
  return typeof values === 'object' ? (values.constructor?.name ?? 'object') : typeof values;
}
