import { describe, expect, it } from 'vitest';
import { IbPacer, IB_PACING, type PacedRequest } from '../../../../src-main/connections/ib/ib-pacing.ts';
import { ManualClock } from '../../../../src-main/connections/manual-clock.ts';

const req = (contract: string, n: number, extra: Partial<PacedRequest> = {}): PacedRequest => ({
  contract, whatToShow: 'TRADES', identity: `${contract}|end-${n}`, smallBars: false, ...extra,
});

/** Sends `requests` through the pacer on a manual clock; returns the time each one went. */
async function sendTimes(requests: readonly PacedRequest[]): Promise<number[]> {
  const clock = new ManualClock(0);
  const pacer = new IbPacer(clock);
  const times: number[] = [];
  let pending = Promise.resolve();
  for (const r of requests) pending = pending.then(() => pacer.acquire(r).then(() => { times.push(clock.now()); }));
  // Let every timer the pacer sets fire, in order.
  for (let i = 0; i < 10_000 && times.length < requests.length; i++) {
    await clock.flush();
    const due = clock.nextDueAt();
    if (due !== null) await clock.advanceTo(due);
  }
  return times;
}

/** Largest number of requests (weighted) in any window of `ms` ending at a send time. */
function peak(times: readonly number[], ms: number, weights?: readonly number[]): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    for (let j = 0; j <= i; j++) if (times[j]! > times[i]! - ms) n += weights?.[j] ?? 1;
    best = Math.max(best, n);
  }
  return best;
}

describe('IB historical-data pacing', () => {
  it('lets at most 5 requests for one contract go within any 2 s, and no more wait than needed', async () => {
    const times = await sendTimes(Array.from({ length: 12 }, (_, k) => req('AAPL@SMART', k)));
    expect(peak(times, 2_000)).toBe(5);
    // The first five go at once; the sixth only after the first has left the (2 s + margin) window.
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(times[5]).toBe(IB_PACING.perContractMs + IB_PACING.marginMs);
  });

  it('counts contracts separately', async () => {
    const mixed = [...Array.from({ length: 5 }, (_, k) => req('AAPL@SMART', k)), ...Array.from({ length: 5 }, (_, k) => req('MSFT@SMART', k))];
    expect(await sendTimes(mixed)).toEqual(Array(10).fill(0));
  });

  it('does not hold one contract up behind another one waiting out its window', async () => {
    const clock = new ManualClock(0);
    const pacer = new IbPacer(clock);
    const went: Record<string, number> = {};
    const all = [...Array.from({ length: 6 }, (_, k) => req('AAPL@SMART', k)), req('MSFT@SMART', 0)]
      .map((r) => pacer.acquire(r).then(() => { went[r.identity] = clock.now(); }));
    await clock.flush();
    expect(went['MSFT@SMART|end-0']).toBe(0);
    expect(went['AAPL@SMART|end-5']).toBeUndefined();
    await clock.advanceTo(IB_PACING.perContractMs + IB_PACING.marginMs);
    await Promise.all(all);
    expect(went['AAPL@SMART|end-5']).toBe(IB_PACING.perContractMs + IB_PACING.marginMs);
  });

  it('never repeats an identical request within 15 s', async () => {
    const same = req('AAPL@SMART', 1);
    const times = await sendTimes([same, same]);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(15_000);
  });

  it('keeps bars of 30 s or less to 60 requests per 10 minutes, BID_ASK counting twice', async () => {
    const small = Array.from({ length: 70 }, (_, k) => req(`C${k % 20}@SMART`, k, { smallBars: true }));
    const times = await sendTimes(small);
    expect(peak(times, 600_000)).toBe(60);
    expect(times[60]).toBeGreaterThanOrEqual(600_000);

    const bidAsk = Array.from({ length: 31 }, (_, k) => req(`C${k % 20}@SMART`, k, { smallBars: true, whatToShow: 'BID_ASK' }));
    const t2 = await sendTimes(bidAsk);
    expect(peak(t2, 600_000, t2.map(() => 2))).toBe(60);
    expect(t2[30]).toBeGreaterThanOrEqual(600_000);
  });

  it('does not apply the 10-minute rule to minute bars', async () => {
    const minute = Array.from({ length: 80 }, (_, k) => req(`C${k % 20}@SMART`, k));
    const times = await sendTimes(minute);
    expect(Math.max(...times)).toBeLessThan(10_000);
  });
});
