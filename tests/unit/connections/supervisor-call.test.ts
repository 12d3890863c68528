import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/connections/manual-clock.ts';
import { SourceError } from '../../../src-main/connections/market-data-source.ts';
import { RateLimiter } from '../../../src-main/connections/rate-limiter.ts';
import { T0, harness } from './harness.ts';

/** A request that fails with each given error in turn, then answers 'bars'; records when it ran. */
function scripted(...failures: Error[]) {
  const at: number[] = [];
  const fn = (clock: ManualClock) => async (): Promise<string> => {
    at.push(clock.now() - T0);
    const next = failures.shift();
    if (next) throw next;
    return 'bars';
  };
  return { at, fn };
}

/** Requests go to a live connection (call() waits for one): connect first, and forget its log lines. */
async function live<H extends ReturnType<typeof harness>>(h: H): Promise<H> {
  await h.supervisor.connect();
  h.logs.length = 0;
  h.statuses.length = 0;
  return h;
}

describe('ConnectionSupervisor.call', () => {
  it('retries retryable errors after backoff delays, logging each retry', async () => {
    const { clock, supervisor, logs } = await live(harness());
    const req = scripted(new SourceError('network', 'ETIMEDOUT'), new SourceError('venue', 'HTTP 502'), new SourceError('bad-data', 'no close'));
    const result = supervisor.call('history BTC/USDT 1m', req.fn(clock));
    await clock.advance(60_000);
    expect(await result).toBe('bars');
    // Delays are half of 1000·2^retry: 500, 1000, 2000 → tries at 0, 500, 1500, 3500.
    expect(req.at).toEqual([0, 500, 1_500, 3_500]);
    expect(logs.map((l) => `${l.at} ${l.level} ${l.message}`)).toEqual([
      '0 warn history BTC/USDT 1m failed (ETIMEDOUT); retry 1 of 5 in 500 ms',
      '500 warn history BTC/USDT 1m failed (HTTP 502); retry 2 of 5 in 1 s',
      '1500 warn history BTC/USDT 1m failed (no close); retry 3 of 5 in 2 s',
    ]);
  });

  it("a 429 waits at least its Retry-After and pauses the venue's shared limiter for everyone", async () => {
    const clock = new ManualClock(T0);
    const shared = new RateLimiter({ requestsPerMinute: 6_000 }, clock);
    // Heartbeat pings take tokens too: beat rarely so that only this request and `other` use the bucket.
    const { supervisor } = await live(harness({ heartbeatSeconds: 300 }, { clock, limiter: shared }));
    const req = scripted(new SourceError('rate-limit', 'HTTP 429', 5_000));
    const result = supervisor.call('markets', req.fn(clock));
    await clock.flush();
    let otherAt = -1;
    const other = shared.acquire().then(() => (otherAt = clock.now() - T0));
    await clock.advance(60_000);
    expect(await result).toBe('bars');
    await other;
    // Retry-After 5000 beats the 500 ms draw. The bucket is empty after the pause and tokens come
    // every ceil(60000/5701) = 11 ms (burst 300, refill 6000+1-300 = 5701 per minute). The other
    // caller queued first, so it goes at 5011 and the retry, which queued at 5000, at 5022.
    expect(otherAt).toBe(5_011);
    expect(req.at).toEqual([0, 5_022]);
  });

  it('throws a refused request at once, without retrying', async () => {
    const { clock, supervisor, logs } = await live(harness());
    const req = scripted(new SourceError('request', 'unknown symbol FOO/BAR'));
    await expect(supervisor.call('history FOO/BAR', req.fn(clock))).rejects.toThrow('unknown symbol FOO/BAR');
    expect(req.at).toEqual([0]);
    expect(logs).toEqual([]);
  });

  it('gives up after `retries` retries with the last error, logged as an error', async () => {
    const { clock, supervisor, logs } = await live(harness());
    const errors = [1, 2, 3].map((n) => new SourceError('network', `reset ${n}`));
    const req = scripted(...errors);
    const result = supervisor.call('history', req.fn(clock), { retries: 2 }).catch((e: Error) => e.message);
    await clock.advance(60_000);
    expect(await result).toBe('reset 3');
    expect(req.at).toEqual([0, 500, 1_500]);
    expect(logs.at(-1)).toMatchObject({ level: 'error', message: 'history failed after 3 tries: reset 3' });
  });

  it('waits out an open breaker, then its one probe closes it', async () => {
    const { clock, supervisor, statuses } = await live(harness({ breaker: { failureThreshold: 2, openSeconds: 10 } }));
    const req = scripted(new SourceError('venue', 'HTTP 503'), new SourceError('venue', 'HTTP 503'));
    const result = supervisor.call('history', req.fn(clock));
    await clock.advance(60_000);
    expect(await result).toBe('bars');
    // Failures at 0 and 500 open the breaker until 10500; the retry drawn for 1500 is refused
    // without reaching the venue and waits until then.
    expect(req.at).toEqual([0, 500, 10_500]);
    const breaker = statuses.map((s) => s.breaker).filter((b, i, all) => i === 0 || b !== all[i - 1]);
    expect(breaker).toEqual(['open', 'half-open', 'closed']);
  });

  it('the caller can abort while it waits between retries; nothing is left pending', async () => {
    const { clock, supervisor } = await live(harness({ heartbeatSeconds: 300 }));
    const controller = new AbortController();
    const req = scripted(new SourceError('network', 'down'), new SourceError('network', 'down'));
    const result = supervisor.call('history', req.fn(clock), { signal: controller.signal });
    await clock.advance(100);
    controller.abort(new Error('backfill cancelled'));
    await expect(result).rejects.toThrow('backfill cancelled');
    expect(clock.pending()).toBe(1); // the heartbeat's next beat, nothing of the call
    expect(req.at).toEqual([0]);
  });

  it('passes every request through the rate limiter', async () => {
    const { clock, supervisor } = await live(harness({ requestsPerMinute: 60 }));
    const at: number[] = [];
    const all = Array.from({ length: 6 }, () => supervisor.call('ping-like', async () => void at.push(clock.now() - T0)));
    await clock.advance(60_000);
    await Promise.all(all);
    // Burst 3 (60/20), then one token per ceil(60000/58) = 1035 ms: 1035, 2069, 3104.
    expect(at).toEqual([0, 0, 0, 1_035, 2_069, 3_104]);
  });
});

describe('ConnectionSupervisor.call waits for a live connection', () => {
  it('connects a disconnected connection first, then sends the request', async () => {
    const { clock, source, supervisor } = harness();
    source.connectPlan = [new SourceError('network', 'ECONNREFUSED'), 'ok'];
    const req = scripted();
    const result = supervisor.call('markets', req.fn(clock));
    await clock.advance(10_000);
    expect(await result).toBe('bars');
    // First attempt at 0 fails, the reconnect at 500 succeeds; the request goes only then.
    expect(req.at).toEqual([500]);
    expect(supervisor.status().state).toBe('live');
    await supervisor.close();
  });

  it('refuses at once, without reaching the venue, when the venue refused the keys', async () => {
    const { clock, source, supervisor } = harness();
    source.connectPlan = [new SourceError('auth', 'invalid API key')];
    await supervisor.connect();
    const req = scripted();
    await expect(supervisor.call('markets', req.fn(clock))).rejects.toMatchObject({ kind: 'auth' });
    expect(req.at).toEqual([]);
    await supervisor.close();
  });
});
