import type { FuzzySet } from '../../src-shared/domain/indicator.ts';

/**
 * Membership degree (0..1) of `x` in the trapezoid a ≤ b ≤ c ≤ d: 0 outside [a, d], rising
 * linearly on [a, b], 1 on [b, c], falling on [c, d]. A triangle (a, b, c) is the trapezoid
 * (a, b, b, c). Shoulders: when a = b the set is open to the left (1 for every x ≤ b), when
 * c = d open to the right (1 for every x ≥ c) — the usual way to say "RSI is low" or "MACD is
 * strongly positive" without a far edge. All four points equal is the crisp set {a}.
 * NaN in, NaN out (no value yet is not a degree of 0).
 */
export function trapezoid(x: number, a: number, b: number, c: number, d: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (a === d) return x === a ? 1 : 0;
  if (x < b) {
    if (a === b) return 1;
    return x <= a ? 0 : (x - a) / (b - a);
  }
  if (x <= c) return 1;
  if (c === d) return 1;
  return x >= d ? 0 : (d - x) / (d - c);
}

export function membership(set: FuzzySet, x: number): number {
  if (set.shape === 'triangle') {
    const [a, b, c] = set.points;
    return trapezoid(x, a, b, b, c);
  }
  const [a, b, c, d] = set.points;
  return trapezoid(x, a, b, c, d);
}

/** The degrees of one set over a whole output column. */
export function membershipColumn(set: FuzzySet, column: Float64Array): Float64Array {
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) out[i] = membership(set, column[i]!);
  return out;
}

/** Every set of a configuration over the outputs it names; keyed by set name. */
export function fuzzyColumns(sets: readonly FuzzySet[], outputs: Record<string, Float64Array>): Record<string, Float64Array> {
  const result: Record<string, Float64Array> = {};
  for (const set of sets) {
    const column = outputs[set.output];
    if (!column) throw new Error(`fuzzy set "${set.name}" names the unknown output "${set.output}"`);
    result[set.name] = membershipColumn(set, column);
  }
  return result;
}
