import type { BacktestStartInput, StrategyDescriptor } from '../../../../src-shared/contract/backtest.contract.ts';
import type { BacktestSettingsInput } from '../../../../src-shared/domain/backtest.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { isParamValid } from '../../../ui/ParamField.tsx';

/**
 * The backtest setup as the form holds it: what a trader types (percents as percents, dates as
 * days), turned into a validated `backtest.start` input by {@link toStartInput}. Kept apart from the
 * component so the rules are tested without a browser.
 */

export const COMMISSION_KINDS = ['none', 'percent', 'fixed', 'per-share', 'ib-tiered', 'maker-taker'] as const;
export const SLIPPAGE_KINDS = ['none', 'ticks', 'bps', 'atr', 'volume'] as const;
export const SIZING_KINDS = ['percent', 'fixed', 'cash', 'risk', 'atr', 'kelly'] as const;

export interface SetupForm {
  strategyId: string | null;
  params: Record<string, number | string>;
  instrumentId: number | null;
  timeframe: Timeframe | null;
  /** `YYYY-MM-DD` (UTC day) or '' for the whole history. */
  from: string;
  to: string;
  initialCash: number;
  commission: { kind: (typeof COMMISSION_KINDS)[number]; value: number; value2: number };
  slippage: { kind: (typeof SLIPPAGE_KINDS)[number]; value: number };
  sizing: { kind: (typeof SIZING_KINDS)[number]; value: number };
  calendar: 'stock' | 'crypto';
  /**
   * Round order and fill prices to the instrument's tick. Off by default: adjusted history (splits,
   * dividends) has prices between ticks, and rounding them would move every fill.
   */
  roundToTick: boolean;
}

/** The account and cost part of a setup; sizing only where the strategy sizes its own entries. */
export type CostForm = Pick<SetupForm, 'initialCash' | 'commission' | 'slippage' | 'calendar' | 'roundToTick'> & { sizing?: SetupForm['sizing'] };

export type SetupErrors = Partial<Record<string, string>>;

export const DEFAULT_FORM: SetupForm = {
  strategyId: null,
  params: {},
  instrumentId: null,
  timeframe: null,
  from: '',
  to: '',
  initialCash: 100_000,
  commission: { kind: 'none', value: 0.1, value2: 0.1 },
  slippage: { kind: 'none', value: 1 },
  sizing: { kind: 'percent', value: 100 },
  calendar: 'stock',
  roundToTick: false,
};

/** What the value field of each choice means, for its label (null: the choice takes no value). */
export const COMMISSION_VALUE: Record<SetupForm['commission']['kind'], string | null> = {
  none: null,
  percent: 'Commission, % of traded value',
  fixed: 'Commission per order',
  'per-share': 'Per share (min 1.00, max 1 % of value)',
  'ib-tiered': null,
  'maker-taker': 'Maker, % of value',
};
export const SLIPPAGE_VALUE: Record<SetupForm['slippage']['kind'], string | null> = {
  none: null,
  ticks: 'Ticks against each fill',
  bps: 'Basis points of the price',
  atr: 'Fraction of ATR(14)',
  volume: 'Impact × order size / bar volume',
};
export const SIZING_VALUE: Record<SetupForm['sizing']['kind'], string> = {
  percent: '% of equity per entry',
  fixed: 'Units per entry',
  cash: 'Cash per entry',
  risk: '% of equity risked to the stop',
  atr: '% of equity per 2 ATR(14)',
  kelly: 'Fraction of the Kelly fraction',
};

/** IB's tiered US-stock plan (per share by monthly volume), with its minimum and 1 % cap. */
const IB_TIERS = [
  { upTo: 300_000, perShare: 0.0035 },
  { upTo: 3_000_000, perShare: 0.002 },
  { upTo: 20_000_000, perShare: 0.0015 },
  { upTo: 100_000_000, perShare: 0.001 },
  { upTo: Number.MAX_SAFE_INTEGER, perShare: 0.0005 },
];

const DAY_MS = 86_400_000;

type Commission = NonNullable<BacktestSettingsInput['commission']>;
type Slippage = NonNullable<BacktestSettingsInput['slippage']>;
type SizingInput = NonNullable<BacktestSettingsInput['sizing']>;

/** `YYYY-MM-DD` → the UTC midnight that starts it, or null when it is not a real date. */
export function parseDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text.trim() ? ms : null;
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The parameters a strategy starts with: its declared defaults. */
export function defaultParams(strategy: StrategyDescriptor): Record<string, number | string> {
  return Object.fromEntries(strategy.params.map((p) => [p.name, p.default]));
}

function finitePositive(x: number): boolean {
  return Number.isFinite(x) && x > 0;
}

/** The commission the form describes (value errors land in `errors`). */
export function commissionOf(c: SetupForm['commission'], errors: SetupErrors): Commission {
  const nonNegative = (x: number, field: string, max = Infinity) => {
    if (!Number.isFinite(x) || x < 0 || x > max) errors[field] = `Between 0 and ${max === Infinity ? 'any amount' : max}`;
    return x;
  };
  switch (c.kind) {
    case 'none':
      return { kind: 'none' };
    case 'percent':
      return { kind: 'percent', rate: nonNegative(c.value, 'commission', 100) / 100 };
    case 'fixed':
      return { kind: 'fixed', perOrder: nonNegative(c.value, 'commission') };
    case 'per-share':
      return { kind: 'per-share', perShare: nonNegative(c.value, 'commission'), minPerOrder: 1, maxFractionOfValue: 0.01 };
    case 'ib-tiered':
      return { kind: 'tiered', tiers: IB_TIERS, minPerOrder: 0.35, maxFractionOfValue: 0.01 };
    case 'maker-taker':
      return { kind: 'maker-taker', maker: nonNegative(c.value, 'commission', 100) / 100, taker: nonNegative(c.value2, 'commission2', 100) / 100 };
  }
}

/** The slippage the form describes (value errors land in `errors`). */
export function slippageOf(s: SetupForm['slippage'], errors: SetupErrors): Slippage {
  if (s.kind === 'none') return { kind: 'none' };
  if (!Number.isFinite(s.value) || s.value < 0) errors.slippage = 'Zero or more';
  switch (s.kind) {
    case 'ticks':
      return { kind: 'ticks', ticks: s.value };
    case 'bps':
      return { kind: 'bps', bps: s.value };
    case 'atr':
      return { kind: 'atr', fraction: s.value, period: 14 };
    case 'volume':
      return { kind: 'volume', impact: s.value };
  }
}

function sizingOf(s: SetupForm['sizing'], errors: SetupErrors): SizingInput {
  const limits: Record<SetupForm['sizing']['kind'], number> = { percent: 1000, fixed: Infinity, cash: Infinity, risk: 100, atr: 100, kelly: 1 };
  if (!finitePositive(s.value) || s.value > limits[s.kind]) {
    errors.sizing = limits[s.kind] === Infinity ? 'More than 0' : `More than 0, at most ${limits[s.kind]}`;
  }
  switch (s.kind) {
    case 'percent':
      return { kind: 'percent', percent: s.value };
    case 'fixed':
      return { kind: 'fixed', qty: s.value };
    case 'cash':
      return { kind: 'cash', cash: s.value };
    case 'risk':
      return { kind: 'risk', percent: s.value };
    case 'atr':
      return { kind: 'atr', percent: s.value, multiple: 2, period: 14 };
    case 'kelly':
      return { kind: 'kelly', fraction: s.value };
  }
}

/**
 * The form as a `backtest.start` input, or the problems that keep it from starting, by field. The
 * core validates again (and checks what only it knows: the strategy's own rules, bars in range).
 */
export function toStartInput(
  form: SetupForm,
  strategy: StrategyDescriptor | undefined,
  instrument: Instrument | undefined,
): { input: BacktestStartInput; errors: null } | { input: null; errors: SetupErrors } {
  const errors: SetupErrors = {};
  if (!strategy) errors.strategyId = 'Choose a strategy';
  if (!instrument) errors.instrumentId = 'Choose an instrument';
  if (!form.timeframe) errors.timeframe = 'Choose a timeframe';
  for (const p of strategy?.params ?? []) {
    if (!isParamValid(p, form.params[p.name])) {
      errors[`param.${p.name}`] = p.type === 'choice' ? `One of ${p.choices.join(', ')}` : `Between ${p.min} and ${p.max}${p.type === 'int' ? ', whole' : ''}`;
    }
  }
  const range = rangeOf(form, errors);
  const settings = settingsOf(form, instrument, errors);
  if (Object.keys(errors).length > 0 || !strategy || !instrument || !form.timeframe) return { input: null, errors };
  const params = Object.fromEntries(strategy.params.map((p) => [p.name, form.params[p.name]!]));
  return {
    input: { instrumentId: instrument.id, timeframe: form.timeframe, ...range, strategyId: strategy.id, params, settings, calendar: form.calendar },
    errors: null,
  };
}

/** The typed days as a range: `from` at its day's start, `to` at its day's last millisecond (the day is included); '' leaves an end open. */
export function rangeOf(form: Pick<SetupForm, 'from' | 'to'>, errors: SetupErrors): { from?: number; to?: number } {
  const from = form.from.trim() === '' ? undefined : parseDay(form.from);
  const toDay = form.to.trim() === '' ? undefined : parseDay(form.to);
  if (from === null) errors.from = `"${form.from}" is not a date (YYYY-MM-DD)`;
  if (toDay === null) errors.to = `"${form.to}" is not a date (YYYY-MM-DD)`;
  const to = toDay === null || toDay === undefined ? toDay : toDay + DAY_MS - 1;
  if (typeof from === 'number' && typeof to === 'number' && from > to) errors.to = 'Must not be before "from"';
  return { ...(typeof from === 'number' ? { from } : {}), ...(typeof to === 'number' ? { to } : {}) };
}

/** Cash, costs, sizing and rounding of a run on one instrument (value problems land in `errors`). */
export function settingsOf(form: CostForm & Pick<SetupForm, 'sizing'>, instrument: Instrument | undefined, errors: SetupErrors): BacktestSettingsInput {
  if (!finitePositive(form.initialCash)) errors.initialCash = 'More than 0';
  return {
    initialCash: form.initialCash,
    commission: commissionOf(form.commission, errors),
    slippage: slippageOf(form.slippage, errors),
    sizing: sizingOf(form.sizing, errors),
    tickSize: form.roundToTick && instrument ? instrument.tickSize : 0,
    lotSize: instrument?.lotSize ?? 1,
  };
}
