import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isFinished, type JobRecord } from '../../src-shared/domain/job.ts';
import { useClient, useEvent, useOnReconnect } from '../client/hooks.ts';
import { isActive, mergeJobs } from './job-merge.ts';
import { JobsContext, type JobsStore } from './jobs-context.ts';
import { notifyJobFinished } from './notify-job.ts';

/** Keeps the recent jobs of the workspace, from `jobs.list` and then every `jobs.updated` event. */
export function JobsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [jobs, setJobs] = useState<JobRecord[]>([]);
  const known = useRef(new Map<string, JobRecord>());
  // Jobs shown on screen right now (e.g. by the import wizard) end without a notification.
  const watched = useRef(new Set<string>());

  const loadFailed = useRef(false);

  const load = useCallback(() => {
    client.call('jobs.list', { limit: 50 }).then(
      (list) => {
        loadFailed.current = false;
        setJobs((current) => mergeJobs(current, list));
      },
      () => {
        loadFailed.current = true; // shown as a notification; tried again when the connection opens
      },
    );
  }, [client]);

  useEffect(load, [load]);
  useOnReconnect(load, () => loadFailed.current);
  useEvent('jobs.updated', (job) => {
    const before = known.current.get(job.id);
    if (isFinished(job.state) && (!before || !isFinished(before.state))) {
      // A job can end before the screen that started it learns its id; give it a moment to watch.
      setTimeout(() => watched.current.has(job.id) || notifyJobFinished(job), 500);
    }
    setJobs((current) => mergeJobs(current, [job]));
  });
  useEffect(() => {
    known.current = new Map(jobs.map((job) => [job.id, job]));
  }, [jobs]);

  const watch = useCallback((jobId: string) => {
    watched.current.add(jobId);
    return () => void watched.current.delete(jobId);
  }, []);

  const cancel = useCallback(
    async (jobId: string) => {
      await client.call('jobs.cancel', { jobId }).catch(() => {});
    },
    [client],
  );

  const store = useMemo<JobsStore>(
    () => ({ jobs, active: jobs.filter(isActive), cancel, watch }),
    [jobs, cancel, watch],
  );
  return <JobsContext.Provider value={store}>{children}</JobsContext.Provider>;
}
