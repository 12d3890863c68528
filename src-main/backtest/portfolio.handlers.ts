import type { Handlers } from '../../src-shared/contract/define.ts';
import type { portfolioRequests } from '../../src-shared/contract/portfolio.contract.ts';
import type { Services } from '../handlers/handlers.ts';

/** Portfolio backtests (as jobs) and their saved run history. */
export function portfolioHandlers(s: Services): Handlers<typeof portfolioRequests> {
  return {
    'portfolio.start': async (input) => {
      const { runId, jobId } = await s.portfolios.start(input);
      return { runId, jobId };
    },
    'portfolio.rerun': async ({ runId }) => {
      const started = await s.portfolios.rerun(runId);
      return { runId: started.runId, jobId: started.jobId };
    },
    'portfolio.runs': () => s.portfolios.list(),
    'portfolio.get': ({ runId }) => s.portfolios.get(runId),
    'portfolio.remove': ({ runId }) => ({ removed: s.portfolios.remove(runId) }),
  };
}
