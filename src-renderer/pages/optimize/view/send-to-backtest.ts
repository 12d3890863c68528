import type { BacktestStartInput } from '../../../../src-shared/contract/backtest.contract.ts';
import type { OptimizationDetail } from '../../../../src-shared/contract/optimize.contract.ts';
import { formatDay, type SetupForm } from '../../backtest/setup/setup-form.ts';

/**
 * The backtest of one evaluated set: the optimization's instrument, timeframe, the exact range its
 * bars were read with, its costs and calendar, and the set's parameters. Its equity then matches the
 * set's row (same engine, same bars).
 */
export function backtestInputFor(detail: Pick<OptimizationDetail, 'instrumentId' | 'range' | 'setup'>, params: Record<string, number | string>): BacktestStartInput {
  return {
    instrumentId: detail.instrumentId,
    timeframe: detail.setup.timeframe,
    from: detail.range.from,
    to: detail.range.to,
    strategyId: detail.setup.strategyId,
    params,
    settings: detail.setup.settings,
    calendar: detail.setup.calendar,
  };
}

/**
 * The part of the Backtest page's setup form a sent set fills in: strategy, parameters, instrument,
 * timeframe and the days of the range. Costs stay as the form has them: the form's cost fields
 * cannot express every stored setting, and the run itself used the optimization's exactly.
 */
export function backtestFormFor(detail: Pick<OptimizationDetail, 'instrumentId' | 'range' | 'setup'>, params: Record<string, number | string>): Partial<SetupForm> {
  return {
    strategyId: detail.setup.strategyId,
    params,
    instrumentId: detail.instrumentId,
    timeframe: detail.setup.timeframe,
    from: formatDay(detail.range.from),
    to: formatDay(detail.range.to),
  };
}
