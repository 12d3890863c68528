import type { StrategyDescriptor } from '../../../../src-shared/contract/backtest.contract.ts';
import type { OptimizeStartInput } from '../../../../src-shared/contract/optimize.contract.ts';
import type { IndicatorParam } from '../../../../src-shared/domain/indicator.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { DEFAULT_FORM, rangeOf, settingsOf, type CostForm, type SetupErrors, type SetupForm } from '../../backtest/setup/setup-form.ts';

/**
 * The optimization setup as the form holds it, turned into a validated `optimize.start` input by
 * {@link toOptimizeInput}. Pure, so its rules are tested without a browser; the core validates the
 * whole setup again (space size, objective, constraints, memory) through `optimize.validate`.
 */

export const METHODS = ['grid', 'random', 'genetic'] as const;
export type Method = (typeof METHODS)[number];

/** One parameter's search: a numeric range, or some of its choices; a parameter not searched stays at `fixed`. */
export interface RangeForm {
  searched: boolean;
  min: number;
  max: number;
  step: number;
  choices: string[];
  fixed: number | string;
}

export interface WalkForwardForm {
  enabled: boolean;
  inSample: number;
  outOfSample: number;
  anchored: boolean;
}

export interface OptimizeForm extends CostForm {
  strategyId: string | null;
  instrumentId: number | null;
  timeframe: Timeframe | null;
  from: string;
  to: string;
  ranges: Record<string, RangeForm>;
  method: Method;
  /** Evaluations at most for random and genetic search (per walk-forward window). */
  budget: number;
  seed: number;
  /** A metric name or a formula over metrics and parameters. */
  objective: string;
  /** One expression per line (`fast < slow`, `maxDrawdown < 0.25`). */
  constraints: string;
  walkForward: WalkForwardForm;
  sizing: SetupForm['sizing'];
}

export const DEFAULT_OPTIMIZE_FORM: OptimizeForm = {
  strategyId: null,
  instrumentId: null,
  timeframe: null,
  from: '',
  to: '',
  ranges: {},
  method: 'grid',
  budget: 500,
  seed: 1,
  objective: 'sharpe',
  constraints: '',
  walkForward: { enabled: false, inSample: 1000, outOfSample: 250, anchored: false },
  initialCash: DEFAULT_FORM.initialCash,
  commission: DEFAULT_FORM.commission,
  slippage: DEFAULT_FORM.slippage,
  sizing: DEFAULT_FORM.sizing,
  calendar: DEFAULT_FORM.calendar,
  roundToTick: DEFAULT_FORM.roundToTick,
};

/** The objectives a trader picks most; any other metric or a formula can be typed. */
export const COMMON_OBJECTIVES: readonly { value: string; label: string }[] = [
  { value: 'sharpe', label: 'Sharpe ratio' },
  { value: 'sortino', label: 'Sortino ratio' },
  { value: 'calmar', label: 'Calmar ratio' },
  { value: 'cagr', label: 'CAGR' },
  { value: 'totalReturn', label: 'Total return' },
  { value: 'netProfit', label: 'Net profit' },
  { value: 'profitFactor', label: 'Profit factor' },
  { value: 'expectancy', label: 'Expectancy' },
  { value: 'winRate', label: 'Win rate' },
  { value: 'maxDrawdown', label: 'Max drawdown (minimized)' },
];

/** Sets a numeric axis offers by default: enough to see the shape, few enough to run in seconds. */
const DEFAULT_AXIS_VALUES = 20;

/** The range a parameter is searched over unless the user says otherwise: its declared range in about 20 steps. */
export function defaultRange(param: IndicatorParam, searched: boolean): RangeForm {
  if (param.type === 'choice') return { searched, min: 0, max: 0, step: 1, choices: [...param.choices], fixed: param.default };
  const span = param.max - param.min;
  const unit = param.type === 'int' ? 1 : param.step;
  const step = Math.max(unit, Math.ceil(span / (DEFAULT_AXIS_VALUES - 1) / unit) * unit);
  return { searched, min: param.min, max: param.max, step: roundTo(step, unit), choices: [], fixed: param.default };
}

function roundTo(x: number, unit: number): number {
  return Number((Math.round(x / unit) * unit).toPrecision(12));
}

/** Ranges for a strategy: the first two numeric parameters searched, the rest held at their defaults. */
export function defaultRanges(strategy: StrategyDescriptor): Record<string, RangeForm> {
  let numeric = 0;
  return Object.fromEntries(strategy.params.map((p) => [p.name, defaultRange(p, p.type !== 'choice' && numeric++ < 2)]));
}

/** The ranges kept where the strategy still declares the parameter, new parameters given their defaults. */
export function rangesFor(strategy: StrategyDescriptor, current: Record<string, RangeForm>): Record<string, RangeForm> {
  const defaults = defaultRanges(strategy);
  return Object.fromEntries(strategy.params.map((p) => [p.name, current[p.name] ?? defaults[p.name]!]));
}

/** How many values a numeric range holds (0 when it is not a range). */
export function axisSize(r: Pick<RangeForm, 'min' | 'max' | 'step'>): number {
  if (![r.min, r.max, r.step].every(Number.isFinite) || r.step <= 0 || r.max < r.min) return 0;
  // The tolerance keeps 0.1-steps from losing their last value to rounding.
  return Math.floor((r.max - r.min) / r.step + 1e-9) + 1;
}

/** Sets in the grid before any constraint: the product of the searched axes. */
export function gridSize(form: Pick<OptimizeForm, 'ranges'>, strategy: StrategyDescriptor | undefined): number {
  let size = 1;
  for (const p of strategy?.params ?? []) {
    const r = form.ranges[p.name];
    if (!r?.searched) continue;
    size *= p.type === 'choice' ? r.choices.length : axisSize(r);
  }
  return size;
}

function rangeErrors(p: IndicatorParam, r: RangeForm, errors: SetupErrors): void {
  const field = `range.${p.name}`;
  if (p.type === 'choice') {
    if (r.searched && r.choices.length === 0) errors[field] = 'Pick at least one choice';
    if (!r.searched && !p.choices.includes(String(r.fixed))) errors[field] = `One of ${p.choices.join(', ')}`;
    return;
  }
  const inDeclared = (x: number) => Number.isFinite(x) && x >= p.min && x <= p.max && (p.type !== 'int' || Number.isInteger(x));
  const declared = `${p.min} – ${p.max}${p.type === 'int' ? ', whole' : ''}`;
  if (!r.searched) {
    if (typeof r.fixed !== 'number' || !inDeclared(r.fixed)) errors[field] = `Value between ${declared}`;
    return;
  }
  if (!inDeclared(r.min) || !inDeclared(r.max)) errors[field] = `Min and max between ${declared}`;
  else if (r.min > r.max) errors[field] = `Min ${r.min} is above max ${r.max}`;
  else if (!Number.isFinite(r.step) || r.step <= 0 || (p.type === 'int' && !Number.isInteger(r.step))) errors[field] = `Step must be ${p.type === 'int' ? 'a whole number ' : ''}above 0`;
}

/** The constraint lines the user wrote, blank lines dropped. */
export function constraintList(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
}

/**
 * The form as an `optimize.start` input, or the problems that keep it from starting, by field
 * (`range.fast`, `budget`, …). What only the core knows (feasible count, objective names, bars in
 * range) is left to `optimize.validate`.
 */
export function toOptimizeInput(
  form: OptimizeForm,
  strategy: StrategyDescriptor | undefined,
  instrument: Instrument | undefined,
): { input: OptimizeStartInput; errors: null } | { input: null; errors: SetupErrors } {
  const errors: SetupErrors = {};
  if (!strategy) errors.strategyId = 'Choose a strategy';
  if (!instrument) errors.instrumentId = 'Choose an instrument';
  if (!form.timeframe) errors.timeframe = 'Choose a timeframe';
  const ranges: OptimizeStartInput['ranges'] = {};
  const params: Record<string, number | string> = {};
  for (const p of strategy?.params ?? []) {
    const r = form.ranges[p.name] ?? defaultRange(p, false);
    rangeErrors(p, r, errors);
    if (!r.searched) params[p.name] = r.fixed;
    else if (p.type === 'choice') ranges[p.name] = { choices: r.choices };
    else ranges[p.name] = { min: r.min, max: r.max, step: r.step };
  }
  if (strategy && Object.keys(ranges).length === 0) errors.ranges = 'Search at least one parameter';
  const range = rangeOf(form, errors);
  if (form.method !== 'grid' && (!Number.isInteger(form.budget) || form.budget < 1)) errors.budget = 'A whole number of evaluations, 1 or more';
  if (!Number.isInteger(form.seed) || form.seed < 0 || form.seed > 2 ** 32 - 1) errors.seed = 'A whole number from 0 to 4294967295';
  if (form.objective.trim() === '') errors.objective = 'Choose a metric or write a formula';
  const wf = form.walkForward;
  if (wf.enabled) {
    if (!Number.isInteger(wf.inSample) || wf.inSample < 2) errors.inSample = 'Whole bars, 2 or more';
    if (!Number.isInteger(wf.outOfSample) || wf.outOfSample < 1) errors.outOfSample = 'Whole bars, 1 or more';
  }
  const settings = settingsOf(form, instrument, errors);
  if (Object.keys(errors).length > 0 || !strategy || !instrument || !form.timeframe) return { input: null, errors };
  return {
    input: {
      instrumentId: instrument.id,
      timeframe: form.timeframe,
      ...range,
      strategyId: strategy.id,
      ranges: { ...ranges, ...fixedAsRanges(strategy, params) },
      method: form.method,
      ...(form.method === 'grid' ? {} : { budget: form.budget }),
      seed: form.seed,
      objective: form.objective.trim(),
      constraints: constraintList(form.constraints),
      ...(wf.enabled ? { walkForward: { inSample: wf.inSample, outOfSample: wf.outOfSample, anchored: wf.anchored } } : {}),
      settings,
      calendar: form.calendar,
    },
    errors: null,
  };
}

/**
 * A parameter held at a value other than its default becomes a one-value range: the core keeps a
 * parameter without a range at its declared default, and this is how another value is held.
 */
function fixedAsRanges(strategy: StrategyDescriptor, fixed: Record<string, number | string>): OptimizeStartInput['ranges'] {
  const out: OptimizeStartInput['ranges'] = {};
  for (const p of strategy.params) {
    const value = fixed[p.name];
    if (value === undefined || value === p.default) continue;
    out[p.name] = typeof value === 'string' ? { choices: [value] } : { min: value, max: value, step: p.type === 'float' ? p.step : 1 };
  }
  return out;
}
