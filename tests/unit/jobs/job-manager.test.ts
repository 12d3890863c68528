import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import type { JobRecord } from '../../../src-shared/domain/job.ts';
import { JobManager } from '../../../src-main/jobs/job-manager.ts';
import { JobRepo } from '../../../src-main/jobs/job-repo.ts';
import { openWorkspace, type Workspace } from '../../../src-main/storage/database.ts';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new AppFailure('CANCELLED', 'Cancelled'))));
}

describe('JobManager', () => {
  let ws: Workspace;
  let events: JobRecord[];
  let jobs: JobManager;

  beforeEach(() => {
    ws = openWorkspace(':memory:');
    events = [];
    jobs = new JobManager(new JobRepo(ws.db), (r) => events.push(r), 1);
  });
  afterEach(() => ws.close());

  it('runs a job through queued → running → done with progress, and persists the record', async () => {
    const { id, done } = jobs.submit({
      kind: 'import', title: 'work', input: { a: 1 },
      run: async (ctx) => {
        ctx.progress(1, 2, 'half');
        await tick(120);
        ctx.progress(2, 2, 'all');
        return { answer: 42 };
      },
    });
    const record = await done;
    expect(record).toMatchObject({ id, state: 'done', result: { answer: 42 }, error: null });
    const states = events.filter((e) => e.id === id).map((e) => e.state);
    expect(states[0]).toBe('queued');
    expect(states).toContain('running');
    expect(states.at(-1)).toBe('done');
    expect(events.some((e) => e.progress?.phase === 'half')).toBe(true);
    expect(jobs.list(10)[0]).toMatchObject({ id, state: 'done', result: { answer: 42 } });
  });

  it('queues beyond its concurrency and runs in order', async () => {
    const order: string[] = [];
    const a = jobs.submit({ kind: 'import', title: 'a', input: null, run: async () => { order.push('a'); await tick(20); } });
    const b = jobs.submit({ kind: 'import', title: 'b', input: null, run: async () => { order.push('b'); } });
    expect(jobs.get(b.id)?.state).toBe('queued');
    await Promise.all([a.done, b.done]);
    expect(order).toEqual(['a', 'b']);
  });

  it('cancels a running job through its signal and a queued one before it starts', async () => {
    const running = jobs.submit({ kind: 'import', title: 'long', input: null, run: (ctx) => waitForAbort(ctx.signal) });
    let queuedRan = false;
    const queued = jobs.submit({ kind: 'import', title: 'next', input: null, run: async () => void (queuedRan = true) });
    await tick();
    expect(jobs.cancel(queued.id)).toBe(true);
    expect(jobs.cancel(running.id)).toBe(true);
    expect((await running.done).state).toBe('cancelled');
    expect((await queued.done)).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    expect(queuedRan).toBe(false);
    expect(jobs.cancel(running.id)).toBe(false);
  });

  it('records an expected failure as data and a bug as INTERNAL', async () => {
    const expected = jobs.submit({ kind: 'import', title: 'bad file', input: null, run: async () => { throw new AppFailure('INVALID_FILE', 'x.csv is empty'); } });
    expect(await expected.done).toMatchObject({ state: 'failed', error: { code: 'INVALID_FILE', message: 'x.csv is empty' } });
    const bug = jobs.submit({ kind: 'import', title: 'bug', input: null, run: async () => { throw new TypeError('undefined is not a function'); } });
    const record = await bug.done;
    expect(record.error?.code).toBe('INTERNAL');
    expect(record.error?.message).not.toContain('undefined is not a function');
  });

  it('marks jobs left running by a crashed process as failed on start', () => {
    const repo = new JobRepo(ws.db);
    repo.insert({ id: 'job_crashed1', kind: 'import', title: 't', state: 'running', progress: null, createdAt: 1, startedAt: 1, finishedAt: null, error: null, result: null }, null);
    new JobManager(repo, () => {}, 1);
    expect(repo.get('job_crashed1')).toMatchObject({ state: 'failed', error: { message: expect.stringMatching(/Interrupted/) } });
  });
});
