import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { StrategyDefinition } from '../strategy.ts';
import { atrBreakout } from './atr-breakout.ts';
import { bollingerReversion } from './bollinger-reversion.ts';
import { momentum } from './momentum.ts';
import { mtfTrend } from './mtf-trend.ts';
import { rsiReversion } from './rsi-reversion.ts';
import { smaCross } from './sma-cross.ts';

export const BUILT_IN_STRATEGIES: readonly StrategyDefinition[] = [smaCross, rsiReversion, bollingerReversion, momentum, atrBreakout, mtfTrend];

export function getStrategy(id: string): StrategyDefinition {
  const found = BUILT_IN_STRATEGIES.find((s) => s.id === id);
  if (!found) {
    throw new AppFailure('NOT_FOUND', `unknown strategy '${id}'; built-in strategies: ${BUILT_IN_STRATEGIES.map((s) => s.id).join(', ')}`, { strategy: id });
  }
  return found;
}
