import { useCallback, useEffect, useRef } from 'react';
import { useEvent } from '../../client/hooks.ts';
import { useJobs } from '../../jobs/jobs-context.ts';

/**
 * Opens a run started from this page as soon as it is saved. A short run may be saved before the
 * answer to its start arrives, so both orders are handled. While the page is open its jobs are on
 * screen in the queue: their end is not notified as well.
 */
export function useRunOpener(event: 'backtest.runs.changed' | 'portfolio.runs.changed', open: (runId: string) => void): (runId: string, jobId: string) => void {
  const { watch } = useJobs();
  const awaited = useRef(new Set<string>());
  const saved = useRef(new Set<string>());
  const watching = useRef<(() => void)[]>([]);
  const latestOpen = useRef(open);
  latestOpen.current = open;
  useEffect(() => () => watching.current.forEach((unwatch) => unwatch()), []);
  useEvent(event, ({ runIds }) => {
    for (const id of runIds) {
      if (awaited.current.delete(id)) latestOpen.current(id);
      else saved.current.add(id);
    }
  });
  return useCallback(
    (runId: string, jobId: string) => {
      watching.current.push(watch(jobId));
      if (saved.current.has(runId)) latestOpen.current(runId);
      else awaited.current.add(runId);
    },
    [watch],
  );
}
