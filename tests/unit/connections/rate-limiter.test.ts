import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/connections/manual-clock.ts';
import { RateLimiter, RateLimiterRegistry } from '../../../src-main/connections/rate-limiter.ts';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;

/** Grants `count` acquires fired at once and returns when each was granted (ms after T0). */
async function burst(limiter: RateLimiter, clock: ManualClock, count: number): Promise<number[]> {
  const grantedAt: number[] = [];
  const all = Array.from({ length: count }, () => limiter.acquire().then(() => grantedAt.push(clock.now() - T0)));
  while (grantedAt.length < count) {
    const due = clock.nextDueAt();
    if (due === null) throw new Error(`stuck after ${grantedAt.length} grants`);
    await clock.advanceTo(due);
  }
  await Promise.all(all);
  return grantedAt;
}

describe('RateLimiter', () => {
  it('never grants more than N in any rolling minute under a burst of 5,000 acquires', async () => {
    const clock = new ManualClock(T0);
    const N = 600;
    const limiter = new RateLimiter({ requestsPerMinute: N }, clock);
    const t = await burst(limiter, clock, 5_000);
    expect(t).toHaveLength(5_000);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]!);
    // N+1 grants must span more than a minute: grant i and grant i+N are ≥ 60 s apart.
    let tightest = Infinity;
    for (let i = 0; i + N < t.length; i++) tightest = Math.min(tightest, t[i + N]! - t[i]!);
    expect(tightest).toBeGreaterThanOrEqual(MINUTE);
    // Count directly too: the busiest 60 s window (starting at any grant) holds at most N.
    let busiest = 0;
    for (let i = 0, j = 0; i < t.length; i++) {
      while (j < t.length && t[j]! < t[i]! + MINUTE) j++;
      busiest = Math.max(busiest, j - i);
    }
    expect(busiest).toBe(N);
    // And it is not slower than it must be: with burst B = 600/20 = 30 and refill N+1-B = 571 per
    // minute, grant k (0-based) is due at ceil((k+1-B)·60000/571) ms — worked out from the bucket.
    const B = 30;
    for (const k of [0, 29, 30, 31, 600, 4_999]) {
      expect(t[k]).toBe(Math.max(0, Math.ceil(((k + 1 - B) * MINUTE) / (N + 1 - B))));
    }
    expect(clock.pending()).toBe(0);
  });

  it('serves first come first served: a large request at the head holds back smaller ones behind it', async () => {
    const clock = new ManualClock(T0);
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 3 }, clock);
    const order: string[] = [];
    await limiter.acquire(3);
    const a = limiter.acquire(2).then(() => order.push(`a@${clock.now() - T0}`));
    const b = limiter.acquire(1).then(() => order.push(`b@${clock.now() - T0}`));
    const c = limiter.acquire(1).then(() => order.push(`c@${clock.now() - T0}`));
    await clock.advance(10 * MINUTE);
    await Promise.all([a, b, c]);
    // Refill 60+1-3 = 58 per minute: a needs 2 tokens → ceil(2·60000/58) = 2069 ms; b one more →
    // ceil(3·60000/58) = 3104; c → ceil(4·60000/58) = 4138. b never jumps ahead of a.
    expect(order).toEqual(['a@2069', 'b@3104', 'c@4138']);
  });

  it('an aborted wait gives up its place, consumes nothing, and rejects with the reason', async () => {
    const clock = new ManualClock(T0);
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1 }, clock);
    await limiter.acquire();
    const controller = new AbortController();
    const granted: string[] = [];
    const first = limiter.acquire(1, controller.signal).then(() => granted.push('first'), (e: Error) => granted.push(`first: ${e.message}`));
    const second = limiter.acquire().then(() => granted.push(`second@${clock.now() - T0}`));
    await clock.advance(500);
    controller.abort(new Error('user cancelled'));
    await clock.advance(MINUTE);
    await Promise.all([first, second]);
    // One token per second (60+1-1 per minute): the second takes the first token at 1000 ms.
    expect(granted).toEqual(['first: user cancelled', 'second@1000']);
    expect(limiter.waiting).toBe(0);
    await expect(limiter.acquire(1, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it("a venue's Retry-After pauses everyone until then", async () => {
    const clock = new ManualClock(T0);
    const limiter = new RateLimiter({ requestsPerMinute: 600 }, clock);
    limiter.penalize(T0 + 5_000);
    let at = -1;
    await Promise.all([limiter.acquire().then(() => (at = clock.now() - T0)), clock.advance(20_000)]);
    // Paused until 5000 with an empty bucket, then one token at 571 per minute: ceil(60000/571) = 106 ms.
    expect(at).toBe(5_106);
  });

  it('refuses costs it can never grant', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 2 }, new ManualClock());
    await expect(limiter.acquire(3)).rejects.toThrow(/from 1 to the burst size 2, got 3/);
    await expect(limiter.acquire(0)).rejects.toThrow(/got 0/);
    expect(() => new RateLimiter({ requestsPerMinute: 0 }, new ManualClock())).toThrow(/positive integer, got 0/);
  });
});

describe('RateLimiterRegistry', () => {
  it('shares one limiter per venue host and keeps the lowest limit asked for', () => {
    const registry = new RateLimiterRegistry(new ManualClock());
    const a = registry.for('binance', undefined, 1_200);
    const b = registry.for('Binance', '', 6_000);
    expect(b).toBe(a);
    expect(a.requestsPerMinute).toBe(1_200);
    const c = registry.for('binance', 'https://API.gateway.example/', 300);
    const d = registry.for('binance', 'https://api.gateway.example', 600);
    expect(c).not.toBe(a);
    expect(d).toBe(c);
    expect(c.requestsPerMinute).toBe(300);
    registry.for('binance', undefined, 600);
    expect(a.requestsPerMinute).toBe(600);
    expect(registry.for('kraken', undefined, 900)).not.toBe(a);
  });
});
