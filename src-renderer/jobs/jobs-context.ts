import { createContext, useContext } from 'react';
import type { JobRecord } from '../../src-shared/domain/job.ts';

export interface JobsStore {
  /** Recent jobs, newest first. */
  readonly jobs: readonly JobRecord[];
  /** Queued and running jobs. */
  readonly active: readonly JobRecord[];
  cancel(jobId: string): Promise<void>;
  /** Marks a job as on screen, so that its end is not also notified; returns the unwatch. */
  watch(jobId: string): () => void;
}

export const JobsContext = createContext<JobsStore | null>(null);

export function useJobs(): JobsStore {
  const store = useContext(JobsContext);
  if (!store) throw new Error('useJobs() outside <JobsProvider>');
  return store;
}

export function useJob(jobId: string | null): JobRecord | undefined {
  const { jobs } = useJobs();
  return jobId ? jobs.find((job) => job.id === jobId) : undefined;
}
