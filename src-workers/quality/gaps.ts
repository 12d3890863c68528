/**
 * The bars a series should have: either the expected open times themselves (sorted ascending), or
 * a predicate over candidate times `from, from + stepMs, …, to` (by default the first and last
 * actual bar). A market calendar is the caller's business; this module only compares.
 */
export type ExpectedBars =
  | { times: Float64Array }
  | { isExpected: (time: number) => boolean; stepMs: number; from?: number; to?: number };

export interface GapReport {
  /** Expected open times with no bar, ascending. */
  missing: Float64Array;
  /** Indexes of actual bars at times the calendar does not expect, ascending. */
  unexpected: Int32Array;
}

/**
 * Missing and unexpected bars. `actual` should be sorted; a time that does not advance past the
 * previous one (duplicate or out of order) is skipped here — the time-order rule reports it.
 */
export function findGaps(actual: Float64Array, expected: ExpectedBars): GapReport {
  return 'times' in expected ? compareSorted(actual, expected.times) : compareWithPredicate(actual, expected);
}

function compareSorted(actual: Float64Array, expected: Float64Array): GapReport {
  const missing: number[] = [];
  const unexpected: number[] = [];
  let i = 0;
  let lastActual = -Infinity;
  for (let j = 0; j < actual.length; j++) {
    const a = actual[j]!;
    if (!(a > lastActual)) continue;
    lastActual = a;
    while (i < expected.length && expected[i]! < a) missing.push(expected[i++]!);
    if (i < expected.length && expected[i] === a) i++;
    else unexpected.push(j);
  }
  while (i < expected.length) missing.push(expected[i++]!);
  return { missing: Float64Array.from(missing), unexpected: Int32Array.from(unexpected) };
}

function compareWithPredicate(
  actual: Float64Array,
  calendar: { isExpected: (time: number) => boolean; stepMs: number; from?: number; to?: number },
): GapReport {
  const { isExpected, stepMs } = calendar;
  if (!(stepMs > 0)) throw new RangeError(`stepMs must be positive, got ${stepMs}`);
  const missing: number[] = [];
  const unexpected: number[] = [];
  let lastActual = -Infinity;
  let firstActual = NaN;
  for (let j = 0; j < actual.length; j++) {
    const a = actual[j]!;
    if (!(a > lastActual)) continue;
    if (Number.isNaN(firstActual)) firstActual = a;
    lastActual = a;
    if (!isExpected(a)) unexpected.push(j);
  }
  const from = calendar.from ?? firstActual;
  const to = calendar.to ?? lastActual;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { missing: new Float64Array(0), unexpected: Int32Array.from(unexpected) };
  // Walk the candidates beside the actual times sorted (out-of-order bars still count as present);
  // counting steps rather than adding stepMs keeps the candidate times exact however long the range.
  const present = actual.slice().sort();
  let j = 0;
  for (let k = 0; from + k * stepMs <= to; k++) {
    const t = from + k * stepMs;
    if (!isExpected(t)) continue;
    while (j < present.length && present[j]! < t) j++;
    if (!(present[j] === t)) missing.push(t);
  }
  return { missing: Float64Array.from(missing), unexpected: Int32Array.from(unexpected) };
}
