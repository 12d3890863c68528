import type { Handlers } from '../../src-shared/contract/define.ts';
import type { optimizeRequests } from '../../src-shared/contract/optimize.contract.ts';
import type { Services } from '../handlers/handlers.ts';

/** Optimizations (as jobs; cancelled through `jobs.cancel`), their results and their history. */
export function optimizeHandlers(s: Services): Handlers<typeof optimizeRequests> {
  return {
    'optimize.validate': (input) => s.optimizations.validate(input),
    'optimize.start': async (input) => {
      const { optimizationId, jobId } = await s.optimizations.start(input);
      return { optimizationId, jobId };
    },
    'optimize.list': () => s.optimizations.list(),
    'optimize.get': ({ optimizationId }) => s.optimizations.get(optimizationId),
    'optimize.results': (input) => s.optimizations.results(input),
    'optimize.resume': async ({ optimizationId }) => {
      const started = await s.optimizations.resume(optimizationId);
      return { optimizationId: started.optimizationId, jobId: started.jobId };
    },
    'optimize.remove': ({ optimizationId }) => ({ removed: s.optimizations.remove(optimizationId) }),
  };
}
