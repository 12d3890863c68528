import { isFinished, type JobRecord } from '../../src-shared/domain/job.ts';

const KEEP = 100;

function rank(job: JobRecord): number {
  if (isFinished(job.state)) return 2;
  return job.state === 'running' ? 1 : 0;
}

/**
 * Whether `incoming` may replace `current`. A list fetched before an event can answer after it;
 * a job never goes back from finished to running, nor its progress backwards.
 */
export function supersedes(incoming: JobRecord, current: JobRecord | undefined): boolean {
  if (!current) return true;
  const byState = rank(incoming) - rank(current);
  if (byState !== 0) return byState > 0;
  return (incoming.progress?.done ?? 0) >= (current.progress?.done ?? 0);
}

export function mergeJobs(current: readonly JobRecord[], incoming: readonly JobRecord[]): JobRecord[] {
  const byId = new Map(current.map((job) => [job.id, job]));
  for (const job of incoming) if (supersedes(job, byId.get(job.id))) byId.set(job.id, job);
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, KEEP);
}

export function isActive(job: JobRecord): boolean {
  return !isFinished(job.state);
}

/** 0..100, or null when the job has not said how much there is to do. */
export function progressPercent(job: JobRecord): number | null {
  const p = job.progress;
  if (!p || p.total <= 0) return null;
  return Math.min(100, Math.max(0, (p.done / p.total) * 100));
}
