import { describe, expect, it } from 'vitest';
import type { BarUpdate } from '../../../../src-shared/domain/chart.ts';
import { FrameCoalescer, UpdateCoalescer, type CoalescedBatch, type FrameScheduler } from '../../../../src-renderer/pages/chart/data/update-coalescer.ts';

let seq = 0;
function update(time: number, close: number, closed: boolean, extra: Partial<BarUpdate> = {}): BarUpdate {
  return {
    streamId: 'rpl_test01',
    instrumentId: 1,
    timeframe: '1m' as BarUpdate['timeframe'],
    seq: seq++,
    closed,
    time,
    open: 10,
    high: Math.max(10, close),
    low: Math.min(10, close),
    close,
    volume: 1,
    indicators: {},
    ...extra,
  };
}

/** A frame clock the test advances by hand. */
function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const scheduler: FrameScheduler = {
    request: (cb) => (callbacks.set(next, cb), next++),
    cancel: (h) => void callbacks.delete(h),
  };
  return {
    scheduler,
    pending: () => callbacks.size,
    frame() {
      const due = [...callbacks.values()];
      callbacks.clear();
      due.forEach((cb) => cb());
    },
  };
}

describe('UpdateCoalescer', () => {
  it('keeps only the last state of a forming bar', () => {
    seq = 0;
    const c = new UpdateCoalescer();
    c.push(update(60, 11, false));
    c.push(update(60, 12, false));
    c.push(update(60, 13, false));
    const { updates } = c.drain();
    expect(updates).toHaveLength(1);
    expect(updates[0]!.close).toBe(13);
  });

  it('lets a closed bar replace the forming states of the same bar', () => {
    seq = 0;
    const c = new UpdateCoalescer();
    c.push(update(60, 11, false));
    c.push(update(60, 12, true));
    expect(c.drain().updates.map((u) => [u.close, u.closed])).toEqual([[12, true]]);
  });

  it('never loses a bar that closed in the same frame as the next one started forming', () => {
    seq = 0;
    const c = new UpdateCoalescer();
    c.push(update(60, 11, false));
    c.push(update(60, 12, true));
    c.push(update(120, 12.5, false));
    c.push(update(120, 12.7, false));
    const { updates } = c.drain();
    expect(updates.map((u) => [u.time, u.close, u.closed])).toEqual([
      [60, 12, true],
      [120, 12.7, false],
    ]);
  });

  it('returns bars in time order and starts afresh after a drain', () => {
    seq = 0;
    const c = new UpdateCoalescer();
    c.push(update(180, 1, true));
    c.push(update(120, 1, true, { seq: seq++ }));
    expect(c.drain().updates.map((u) => u.time)).toEqual([120, 180]);
    expect(c.drain().updates).toEqual([]);
  });

  it('ignores a late forming state of a bar already closed', () => {
    seq = 0;
    const c = new UpdateCoalescer();
    const forming = update(60, 11, false);
    const closed = update(60, 12, true);
    c.push(closed);
    c.push(forming); // delivered out of order
    expect(c.drain().updates).toEqual([closed]);
  });

  it('counts updates the stream skipped', () => {
    const c = new UpdateCoalescer();
    c.push(update(60, 1, true, { seq: 10 }));
    c.push(update(120, 1, true, { seq: 11 }));
    c.push(update(240, 1, true, { seq: 14 }));
    expect(c.drain().missed).toBe(2);
    c.push(update(300, 1, true, { seq: 15 }));
    expect(c.drain().missed).toBe(0);
  });
});

describe('FrameCoalescer', () => {
  it('applies at most once per frame, with the last state of each bar', () => {
    seq = 0;
    const clock = manualFrames();
    const applied: CoalescedBatch[] = [];
    const f = new FrameCoalescer((b) => applied.push(b), clock.scheduler);
    for (let i = 0; i < 50; i++) f.push(update(60, 10 + i / 100, false));
    f.push(update(60, 11, true));
    f.push(update(120, 11.1, false));
    expect(clock.pending()).toBe(1);
    expect(applied).toHaveLength(0);
    clock.frame();
    expect(applied).toHaveLength(1);
    expect(applied[0]!.updates.map((u) => [u.time, u.close, u.closed])).toEqual([
      [60, 11, true],
      [120, 11.1, false],
    ]);
    clock.frame();
    expect(applied).toHaveLength(1);
  });

  it('flushes what is pending on demand and schedules again for later updates', () => {
    seq = 0;
    const clock = manualFrames();
    const applied: CoalescedBatch[] = [];
    const f = new FrameCoalescer((b) => applied.push(b), clock.scheduler);
    f.push(update(60, 1, true));
    f.flush();
    expect(applied).toHaveLength(1);
    expect(clock.pending()).toBe(0);
    f.push(update(120, 1, true));
    expect(clock.pending()).toBe(1);
    f.reset();
    clock.frame();
    expect(applied).toHaveLength(1);
  });
});
