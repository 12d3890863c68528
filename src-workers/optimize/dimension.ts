import type { IndicatorParam } from '../../src-shared/domain/indicator.ts';
import type { SetupIssue } from './setup-issue.ts';

/** A searched range: numbers from min to max (inclusive when on the step) by step, or some choices. */
export type NumericRange = { readonly min: number; readonly max: number; readonly step?: number };
export type ChoiceRange = { readonly choices: readonly string[] };
export type ParamRange = NumericRange | ChoiceRange;

/**
 * One axis of a parameter space: a finite, ordered list of values. Numeric axes hold
 * min, min + step, … ≤ max, so neighbouring indices are one step apart.
 */
export interface Dimension {
  readonly name: string;
  readonly kind: 'int' | 'float' | 'choice';
  /** Number of values (≥ 1). */
  readonly size: number;
  readonly min: number;
  readonly step: number;
  /** The values of a choice axis, in the declared order. */
  readonly choices: readonly string[] | undefined;
  valueAt(index: number): number | string;
  /** The index of a value, or −1 when it is not on this axis (off the step, outside, wrong type). */
  indexOf(value: unknown): number;
}

/**
 * The axis of one declared parameter, narrowed by the user's range when given, or — without one —
 * its whole declared range (`unranged: 'declared'`) or only its default (`'default'`). Problems are
 * pushed to `issues` (naming `ranges.<name>.<field>` and the value) and null is returned.
 */
export function buildDimension(param: IndicatorParam, range: ParamRange | undefined, unranged: 'declared' | 'default', issues: SetupIssue[]): Dimension | null {
  const at = (field: string) => `ranges.${param.name}${field ? `.${field}` : ''}`;
  const problem = (field: string, value: unknown, message: string): null => {
    issues.push({ field: at(field), value, message: `${param.name}: ${message}` });
    return null;
  };
  if (param.type === 'choice') {
    if (range === undefined) return choiceDimension(param.name, unranged === 'declared' ? param.choices : [param.default]);
    if (!('choices' in range)) return problem('', range, `a choice parameter takes { choices: [...] } from ${list(param.choices)}`);
    if (range.choices.length === 0) return problem('choices', range.choices, 'choose at least one value');
    const foreign = range.choices.find((c) => !param.choices.includes(c));
    if (foreign !== undefined) return problem('choices', foreign, `'${foreign}' is not one of ${list(param.choices)}`);
    const twice = range.choices.find((c, i) => range.choices.indexOf(c) !== i);
    if (twice !== undefined) return problem('choices', twice, `'${twice}' is listed twice`);
    return choiceDimension(param.name, range.choices);
  }
  const declaredStep = param.type === 'float' ? param.step : 1;
  if (range === undefined) {
    return unranged === 'declared'
      ? numericDimension(param.name, param.type, param.min, param.max, declaredStep)
      : numericDimension(param.name, param.type, param.default, param.default, declaredStep);
  }
  if ('choices' in range) return problem('', range, `a ${param.type} parameter takes { min, max, step }, not choices`);
  const { min, max } = range;
  const step = range.step ?? declaredStep;
  const before = issues.length;
  for (const [field, value] of [['min', min], ['max', max], ['step', step]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) problem(field, value, `${field} must be a finite number, got ${String(value)}`);
    else if (param.type === 'int' && !Number.isInteger(value)) problem(field, value, `${field} must be an integer, got ${value}`);
  }
  if (issues.length > before) return null;
  if (step <= 0) return problem('step', step, `step must be greater than 0, got ${step}`);
  if (min < param.min) return problem('min', min, `min ${min} is below the declared minimum ${param.min}`);
  if (max > param.max) return problem('max', max, `max ${max} is above the declared maximum ${param.max}`);
  if (min > max) return problem('min', min, `min ${min} is greater than max ${max}`);
  return numericDimension(param.name, param.type, min, max, step);
}

function numericDimension(name: string, kind: 'int' | 'float', min: number, max: number, step: number): Dimension {
  // Values are min + i·step rounded to the decimals of min and step, so 0.1 + 2·0.1 reads 0.3.
  const decimals = Math.min(12, Math.max(decimalsOf(min), decimalsOf(step)));
  const round = kind === 'int' ? (v: number) => Math.round(v) : (v: number) => Number(v.toFixed(decimals));
  const size = Math.floor((max - min) / step + 1e-9) + 1;
  return {
    name, kind, size, min, step, choices: undefined,
    valueAt: (i) => round(min + i * step),
    indexOf(value) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return -1;
      const i = Math.round((value - min) / step);
      if (i < 0 || i >= size) return -1;
      return Math.abs(round(min + i * step) - value) <= 1e-9 * Math.max(1, Math.abs(value)) ? i : -1;
    },
  };
}

function choiceDimension(name: string, choices: readonly string[]): Dimension {
  return {
    name, kind: 'choice', size: choices.length, min: 0, step: 1, choices,
    valueAt: (i) => choices[i]!,
    indexOf: (value) => (typeof value === 'string' ? choices.indexOf(value) : -1),
  };
}

function decimalsOf(x: number): number {
  const [mantissa, exponent] = String(x).split('e');
  const fraction = mantissa!.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

function list(choices: readonly string[]): string {
  return choices.map((c) => `'${c}'`).join(', ');
}
