import { describe, expect, it } from 'vitest';
import { sleep, withDeadline } from '../../../src-main/connections/clock.ts';
import { ManualClock } from '../../../src-main/connections/manual-clock.ts';

describe('ManualClock', () => {
  it('fires timers in order of due time, ties in the order they were scheduled, and only when time reaches them', async () => {
    const clock = new ManualClock(1_000);
    const fired: string[] = [];
    clock.schedule(300, () => fired.push(`c@${clock.now()}`));
    clock.schedule(100, () => fired.push(`a@${clock.now()}`));
    clock.schedule(100, () => fired.push(`b@${clock.now()}`));
    const cancelled = clock.schedule(200, () => fired.push('never'));
    cancelled.cancel();
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(201);
    expect(fired).toEqual(['a@1100', 'b@1100', 'c@1300']);
    expect(clock.now()).toBe(1_300);
    expect(clock.pending()).toBe(0);
  });

  it('runs the promise chain a timer starts before the next timer fires', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const loop = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        await sleep(clock, 50);
        seen.push(clock.now());
      }
    };
    const done = loop();
    await clock.advance(1_000);
    await done;
    expect(seen).toEqual([50, 100, 150]);
  });

  it('sleep rejects with the abort reason and leaves no timer behind', async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const waiting = sleep(clock, 10_000, controller.signal);
    expect(clock.pending()).toBe(1);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(clock.pending()).toBe(0);
  });

  it('withDeadline settles at the deadline even when the work ignores its signal', async () => {
    const clock = new ManualClock(0);
    const never = new Promise<number>(() => {});
    const result = withDeadline(clock, 500, undefined, () => never, () => new Error('too slow'));
    const outcome = result.then(() => 'resolved', (e: Error) => `${e.message}@${clock.now()}`);
    await clock.advance(499);
    await clock.advance(1);
    expect(await outcome).toBe('too slow@500');
    expect(clock.pending()).toBe(0);
  });
});
