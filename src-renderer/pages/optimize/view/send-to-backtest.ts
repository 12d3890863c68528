import type { BacktestStartInput } from '../../../../src-shared/contract/backtest.contract.ts';
import type { OptimizationDetail } from '../../../../src-shared/contract/optimize.contract.ts';

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
