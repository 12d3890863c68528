import type { BackfillRecord } from '../../../../src-shared/contract/backfill.contract.ts';
import type { JobRecord } from '../../../../src-shared/domain/job.ts';
import { formatBarTime, formatCount, formatDuration } from '../../../ui/format.ts';

/** Mantine colours by backfill state. */
export const BACKFILL_STATE_COLOR: Record<BackfillRecord['state'], string> = {
  running: 'blue',
  interrupted: 'orange',
  failed: 'red',
  cancelled: 'yellow',
  done: 'teal',
};

export interface BackfillRow {
  backfillId: string;
  state: BackfillRecord['state'];
  what: string;
  range: string;
  /** The checkpoint as a bar time: everything before it is stored. */
  cursor: string;
  /** Share of the range behind the checkpoint, 0..100. */
  percent: number;
  counts: string;
  requests: string;
  error: string | null;
  /** Interrupted and failed backfills continue from the checkpoint. */
  canResume: boolean;
  /** A running backfill is cancelled through its job first. */
  canRemove: boolean;
}

/** Position of the checkpoint in the range: 0 at `from`, 100 at `to` (clamped). */
export function cursorPercent(record: Pick<BackfillRecord, 'from' | 'to' | 'cursor'>): number {
  const span = record.to - record.from;
  if (span <= 0) return 100;
  return Math.min(100, Math.max(0, ((record.cursor - record.from) / span) * 100));
}

export function backfillRow(record: BackfillRecord, connectionName: string): BackfillRow {
  const tf = record.timeframe;
  return {
    backfillId: record.backfillId,
    state: record.state,
    what: `${record.symbol} ${tf} · ${connectionName}`,
    range: `${formatBarTime(record.from, tf)} → ${formatBarTime(record.to, tf)}`,
    cursor: record.state === 'done' ? 'complete' : formatBarTime(record.cursor, tf),
    percent: record.state === 'done' ? 100 : cursorPercent(record),
    counts: `${formatCount(record.fetched)} fetched · ${formatCount(record.inserted)} new · ${formatCount(record.updated)} changed · ${formatCount(record.unchanged)} same`,
    requests: record.retries > 0 ? `${formatCount(record.requests)} (${formatCount(record.retries)} retried)` : formatCount(record.requests),
    error: record.error,
    canResume: record.state === 'interrupted' || record.state === 'failed',
    canRemove: record.state !== 'running',
  };
}

/**
 * Time left for a running job, from its pace so far: elapsed × (left / done). Null until the job
 * has started, said how much there is and done some of it (a pace from nothing is no estimate).
 */
export function jobEtaMs(job: Pick<JobRecord, 'state' | 'startedAt' | 'progress'>, now: number): number | null {
  const p = job.progress;
  if (job.state !== 'running' || job.startedAt === null || !p || p.total <= 0 || p.done <= 0) return null;
  const elapsed = Math.max(0, now - job.startedAt);
  return (elapsed * Math.max(0, p.total - p.done)) / p.done;
}

export function formatEta(ms: number | null): string {
  if (ms === null) return 'estimating…';
  if (ms < 1000) return 'almost done';
  return `about ${formatDuration(ms)} left`;
}
