import type { Handlers } from '../../src-shared/contract/define.ts';
import type { backtestRequests } from '../../src-shared/contract/backtest.contract.ts';
import type { Services } from '../handlers/handlers.ts';

/** Strategies (built-in and the workspace's), backtest runs (as jobs) and the saved run history. */
export function backtestHandlers(s: Services): Handlers<typeof backtestRequests> {
  return {
    'backtest.strategies': () => s.backtests.strategies(),
    'backtest.strategyProblems': () => s.backtests.strategyProblems(),
    'backtest.start': async (input) => {
      const { runId, jobId } = await s.backtests.start(input);
      return { runId, jobId };
    },
    'backtest.rerun': async ({ runId }) => {
      const started = await s.backtests.rerun(runId);
      return { runId: started.runId, jobId: started.jobId };
    },
    'backtest.runs': () => s.backtests.list(),
    'backtest.get': ({ runId }) => s.backtests.get(runId),
    'backtest.analysis': ({ runId }) => s.backtests.analysis(runId),
    'backtest.checkLookAhead': ({ runId }) => s.backtests.checkLookAhead(runId),
    'backtest.remove': ({ runId }) => ({ removed: s.backtests.remove(runId) }),
  };
}
