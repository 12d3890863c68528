import { describe, expect, it } from 'vitest';
import type { BreakerState } from '../../../src-shared/domain/connection.ts';
import { BreakerOpenError, CircuitBreaker } from '../../../src-main/connections/circuit-breaker.ts';
import { ManualClock } from '../../../src-main/connections/manual-clock.ts';
import { SourceError } from '../../../src-main/connections/market-data-source.ts';

const T0 = 1_700_000_000_000;

function setup(failureThreshold = 3, openSeconds = 30) {
  const clock = new ManualClock(T0);
  const changes: string[] = [];
  const breaker = new CircuitBreaker('fakex', { failureThreshold, openSeconds }, clock, (to: BreakerState, from: BreakerState) =>
    changes.push(`${from}→${to}@${clock.now() - T0}`));
  let calls = 0;
  const fail = (kind: SourceError['kind'] = 'network') => breaker.run(async () => {
    calls++;
    throw new SourceError(kind, 'boom');
  }).catch((e: unknown) => e);
  const succeed = () => breaker.run(async () => {
    calls++;
    return 'ok';
  });
  return { clock, breaker, changes, fail, succeed, calls: () => calls };
}

describe('CircuitBreaker', () => {
  it('opens after failureThreshold consecutive failures and then refuses without calling', async () => {
    const { breaker, fail, calls, changes } = setup(3, 30);
    await fail();
    await fail();
    expect(breaker.state).toBe('closed');
    await fail();
    expect(breaker.state).toBe('open');
    expect(breaker.retryAt).toBe(T0 + 30_000);
    const refused = await fail();
    expect(refused).toBeInstanceOf(BreakerOpenError);
    expect((refused as BreakerOpenError).retryAt).toBe(T0 + 30_000);
    expect((refused as Error).message).toContain('fakex');
    expect(calls()).toBe(3);
    expect(changes).toEqual(['closed→open@0']);
  });

  it('a success in between resets the count of consecutive failures', async () => {
    const { breaker, fail, succeed } = setup(3);
    await fail();
    await fail();
    await succeed();
    await fail();
    await fail();
    expect(breaker.state).toBe('closed');
  });

  it("does not count a refused request or refused keys: the venue answered", async () => {
    const { breaker, fail } = setup(2);
    await fail('request');
    await fail('auth');
    await fail('request');
    expect(breaker.state).toBe('closed');
    // …and they count as answers, so they break a run of real failures.
    await fail('venue');
    await fail('auth');
    await fail('rate-limit');
    expect(breaker.state).toBe('closed');
    await fail('bad-data');
    expect(breaker.state).toBe('open');
  });

  it('lets exactly one probe through when half-open and closes when it succeeds', async () => {
    const { clock, breaker, fail, calls, changes } = setup(1, 10);
    await fail();
    await clock.advance(9_999);
    expect(await fail()).toBeInstanceOf(BreakerOpenError);
    await clock.advance(1);
    let release!: () => void;
    const probe = breaker.run(() => new Promise<string>((resolve) => { release = () => resolve('pong'); }));
    expect(breaker.state).toBe('half-open');
    const second = await breaker.run(async () => 'should not run').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(BreakerOpenError);
    release();
    expect(await probe).toBe('pong');
    expect(breaker.state).toBe('closed');
    expect(calls()).toBe(1);
    expect(changes).toEqual(['closed→open@0', 'open→half-open@10000', 'half-open→closed@10000']);
  });

  it('reopens for another openSeconds when the probe fails', async () => {
    const { clock, breaker, fail, changes } = setup(1, 10);
    await fail();
    await clock.advance(10_000);
    await fail();
    expect(breaker.state).toBe('open');
    expect(breaker.retryAt).toBe(T0 + 20_000);
    expect(changes).toEqual(['closed→open@0', 'open→half-open@10000', 'half-open→open@10000']);
  });

  it('a cancelled probe proves nothing: the next call may probe at once', async () => {
    const { clock, breaker, fail, succeed } = setup(1, 10);
    await fail();
    await clock.advance(10_000);
    const controller = new AbortController();
    const probe = breaker.run(() => new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason));
    }), controller.signal);
    controller.abort(new DOMException('cancelled', 'AbortError'));
    await expect(probe).rejects.toThrow('cancelled');
    expect(breaker.state).toBe('open');
    expect(breaker.retryAt).toBe(clock.now());
    expect(await succeed()).toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('refuses nonsense settings', () => {
    const clock = new ManualClock();
    expect(() => new CircuitBreaker('x', { failureThreshold: 0, openSeconds: 1 }, clock)).toThrow(/failureThreshold/);
    expect(() => new CircuitBreaker('x', { failureThreshold: 1, openSeconds: 0 }, clock)).toThrow(/openSeconds/);
  });
});
