import type { PortfolioStartInput } from '../../../../src-shared/contract/portfolio.contract.ts';
import type { Instrument } from '../../../../src-shared/domain/instrument.ts';
import { REBALANCE_SCHEDULES, type RebalanceSchedule } from '../../../../src-shared/domain/portfolio.ts';
import { compareTimeframes, type Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { commissionOf, DEFAULT_FORM, rangeOf, slippageOf, type CostForm, type SetupErrors } from '../setup/setup-form.ts';

/** A portfolio setup as the form holds it; {@link toPortfolioInput} turns it into `portfolio.start`. */
export interface PortfolioForm extends CostForm {
  instrumentIds: number[];
  timeframe: Timeframe | null;
  from: string;
  to: string;
  schedule: RebalanceSchedule;
  weights: 'equal' | 'inverse-volatility' | 'fixed';
  lookback: number;
  /** Fixed weights in percent of equity, by instrument id. */
  fixed: Record<string, number>;
  /** Drift threshold in percentage points; NaN or 0 for none. */
  drift: number;
}

export const SCHEDULES = REBALANCE_SCHEDULES;

export const DEFAULT_PORTFOLIO_FORM: PortfolioForm = {
  instrumentIds: [],
  timeframe: null,
  from: '',
  to: '',
  schedule: 'monthly',
  weights: 'equal',
  lookback: 60,
  fixed: {},
  drift: Number.NaN,
  initialCash: DEFAULT_FORM.initialCash,
  commission: DEFAULT_FORM.commission,
  slippage: DEFAULT_FORM.slippage,
  calendar: DEFAULT_FORM.calendar,
  roundToTick: false,
};

/** Timeframes every chosen instrument has bars at, shortest first. */
export function commonTimeframes(chosen: readonly Instrument[]): Timeframe[] {
  if (chosen.length === 0) return [];
  const sets = chosen.map((i) => new Set(i.series.filter((s) => s.count > 0).map((s) => s.timeframe as string)));
  return [...sets[0]!].filter((tf) => sets.every((s) => s.has(tf))).map((tf) => tf as Timeframe).sort(compareTimeframes);
}

/**
 * The form as a `portfolio.start` input, or what keeps it from starting, by field. The core checks
 * again, including what only it knows (bars in the range for every instrument).
 */
export function toPortfolioInput(
  form: PortfolioForm,
  instruments: readonly Instrument[],
): { input: PortfolioStartInput; errors: null } | { input: null; errors: SetupErrors } {
  const errors: SetupErrors = {};
  const chosen = form.instrumentIds.map((id) => instruments.find((i) => i.id === id)).filter((i): i is Instrument => i !== undefined);
  if (chosen.length === 0) errors.instrumentIds = 'Choose at least one instrument';
  if (!form.timeframe) errors.timeframe = chosen.length > 0 && commonTimeframes(chosen).length === 0 ? 'The chosen instruments share no timeframe' : 'Choose a timeframe';
  const range = rangeOf(form, errors);
  if (!(Number.isFinite(form.initialCash) && form.initialCash > 0)) errors.initialCash = 'More than 0';
  if (form.weights === 'inverse-volatility' && !(Number.isInteger(form.lookback) && form.lookback >= 2 && form.lookback <= 10_000)) {
    errors.lookback = 'Whole number of bars, 2 to 10,000';
  }
  const fixed: Record<string, number> = {};
  if (form.weights === 'fixed') {
    let sum = 0;
    for (const i of chosen) {
      const w = form.fixed[String(i.id)] ?? 0;
      if (!(Number.isFinite(w) && w >= 0 && w <= 100)) errors[`fixed.${i.id}`] = '0 to 100 %';
      fixed[i.symbol] = w / 100;
      sum += w;
    }
    if (sum > 100 + 1e-9) errors.fixed = `The weights add up to ${sum.toFixed(2)} %; at most 100 % (the rest is cash)`;
  }
  const drift = Number.isFinite(form.drift) && form.drift > 0 ? form.drift / 100 : null;
  if (drift !== null && drift > 1) errors.drift = 'At most 100 points';
  const commission = commissionOf(form.commission, errors);
  const slippage = slippageOf(form.slippage, errors);
  if (Object.keys(errors).length > 0 || !form.timeframe) return { input: null, errors };
  const tick = chosen.reduce((t, i) => Math.max(t, i.tickSize), 0);
  return {
    input: {
      instrumentIds: chosen.map((i) => i.id),
      timeframe: form.timeframe,
      ...range,
      config: {
        schedule: form.schedule,
        weights: form.weights === 'equal' ? { kind: 'equal' } : form.weights === 'fixed' ? { kind: 'fixed', weights: fixed } : { kind: 'inverse-volatility', lookback: form.lookback },
        drift,
      },
      settings: {
        initialCash: form.initialCash,
        commission,
        slippage,
        tickSize: form.roundToTick ? tick : 0,
        // The smallest lot of the chosen instruments, so no instrument is sized below its own step.
        lotSize: Math.min(...chosen.map((i) => i.lotSize)),
      },
      calendar: form.calendar,
    },
    errors: null,
  };
}
