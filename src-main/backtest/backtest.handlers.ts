import type { Handlers } from '../../src-shared/contract/define.ts';
import type { backtestRequests } from '../../src-shared/contract/backtest.contract.ts';
import type { Services } from '../handlers/handlers.ts';

/** Strategies, backtest runs (as jobs) and the saved run history. */
export function backtestHandlers(s: Services): Handlers<typeof backtestRequests> {
  return {
    'backtest.strategies': () => s.backtests.strategies(),
    'backtest.start': (input) => {
      const { runId, jobId } = s.backtests.start(input);
      return { runId, jobId };
    },
    'backtest.rerun': ({ runId }) => {
      const started = s.backtests.rerun(runId);
      return { runId: started.runId, jobId: started.jobId };
    },
    'backtest.runs': () => s.backtests.list(),
    'backtest.get': ({ runId }) => s.backtests.get(runId),
    'backtest.remove': ({ runId }) => ({ removed: s.backtests.remove(runId) }),
  };
}
