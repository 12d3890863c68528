import { describe, expect, it } from 'vitest';
import { ConnectionStatusKeeper, IllegalTransitionError } from '../../../src-main/connections/connection-state.ts';
import { SourceError } from '../../../src-main/connections/market-data-source.ts';
import { T0, harness } from './harness.ts';

const netError = () => new SourceError('network', 'ECONNREFUSED 127.0.0.1:9');

describe('ConnectionSupervisor: connecting and backing off', () => {
  it('connect fails 3 times then succeeds: statuses in order, each retryAt = now + backoff delay', async () => {
    const { clock, source, supervisor, trail, logs, statuses } = harness();
    source.connectPlan = [netError(), netError(), netError(), 'ok'];
    const first = await supervisor.connect();
    expect(first.state).toBe('reconnecting');
    await clock.advance(60_000);
    // Delays are half of 1000·2^(k-1): 500, 1000, 2000. Attempt k starts at its retryAt.
    expect(source.connectCalls.map((t) => t - T0)).toEqual([0, 500, 1_500, 3_500]);
    expect(trail()).toEqual([
      'connecting a0 r-',
      'reconnecting a1 r500', 'reconnecting a1 r-',
      'reconnecting a2 r1500', 'reconnecting a2 r-',
      'reconnecting a3 r3500', 'reconnecting a3 r-',
      'live a0 r-',
      // The first heartbeat, a second later, brings the latency (the fake answers in 7 ms).
      'live a0 r-',
    ]);
    expect(statuses.at(-2)?.latencyMs).toBeNull();
    expect(statuses.at(-1)?.latencyMs).toBe(7);
    expect(source.pingCalls[0]! - T0).toBe(4_500);
    const live = supervisor.status();
    expect(live).toMatchObject({ state: 'live', since: T0 + 3_500, lastError: null, reconnects: 0 });
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'Connecting to fakex failed: ECONNREFUSED 127.0.0.1:9; attempt 1 in 500 ms',
      'Reconnect attempt 1 failed: ECONNREFUSED 127.0.0.1:9; attempt 2 in 1 s',
      'Reconnect attempt 2 failed: ECONNREFUSED 127.0.0.1:9; attempt 3 in 2 s',
    ]);
    expect(logs.at(-1)).toMatchObject({ level: 'info', message: 'Connected to fakex on attempt 3' });
    await supervisor.close();
  });

  it('goes down after attemptsBeforeDown failed attempts, keeps trying every maxMs, and comes back', async () => {
    const { clock, source, supervisor, trail, logs } = harness({ backoff: { initialMs: 1_000, maxMs: 10_000, attemptsBeforeDown: 3 } });
    source.connectDefault = netError();
    await supervisor.connect();
    // Attempts 1–3 after 500, 1000, 2000 ms (t = 500, 1500, 3500); then down, every 10 s: 13500, 23500.
    await clock.advanceTo(T0 + 23_500 - 1);
    expect(source.connectCalls.map((t) => t - T0)).toEqual([0, 500, 1_500, 3_500, 13_500]);
    expect(trail().filter((s) => !s.endsWith('r-'))).toEqual([
      'reconnecting a1 r500', 'reconnecting a2 r1500', 'reconnecting a3 r3500',
      'down a4 r13500', 'down a5 r23500',
    ]);
    expect(supervisor.status()).toMatchObject({ state: 'down', since: T0 + 3_500, lastError: 'ECONNREFUSED 127.0.0.1:9' });
    expect(logs.some((l) => l.level === 'error' && l.message === 'fakex is down after 3 failed attempts; retrying every 10 s')).toBe(true);
    source.connectDefault = 'ok';
    await clock.advance(1);
    expect(supervisor.status()).toMatchObject({ state: 'live', attempt: 0, retryAt: null, since: T0 + 23_500 });
    await supervisor.close();
  });

  it('disconnect while reconnecting stops retrying and leaves no timer; connect starts over', async () => {
    const { clock, source, supervisor } = harness();
    source.connectPlan = [netError()];
    await supervisor.connect();
    expect(supervisor.status().state).toBe('reconnecting');
    const status = await supervisor.disconnect();
    expect(status).toMatchObject({ state: 'disconnected', retryAt: null, attempt: 0 });
    expect(clock.pending()).toBe(0);
    expect(source.closeCalls).toHaveLength(1);
    await clock.advance(600_000);
    expect(source.connectCalls).toHaveLength(1);
    expect((await supervisor.connect()).state).toBe('live');
    await supervisor.close();
  });

  it('disconnect during a connect attempt that hangs aborts it', async () => {
    const { clock, source, supervisor } = harness();
    source.connectPlan = ['hang'];
    const connecting = supervisor.connect();
    await clock.flush();
    expect(supervisor.status().state).toBe('connecting');
    await supervisor.disconnect();
    expect((await connecting).state).toBe('disconnected');
    expect(clock.pending()).toBe(0);
  });

  it('a connect that never answers times out after 3 heartbeats and is retried', async () => {
    const { clock, source, supervisor } = harness({ heartbeatSeconds: 2 });
    source.connectPlan = ['hang', 'ok'];
    const connecting = supervisor.connect();
    await clock.advance(6_000);
    expect((await connecting)).toMatchObject({ state: 'reconnecting', lastError: 'fakex did not answer within 6 s' });
    await clock.advance(500);
    expect(supervisor.status().state).toBe('live');
    expect(source.connectCalls.map((t) => t - T0)).toEqual([0, 6_500]);
    await supervisor.close();
  });

  it('refused keys go straight to down without retrying; connect by hand tries again', async () => {
    const { clock, source, supervisor, logs } = harness();
    source.connectPlan = [new SourceError('auth', 'fakex refused the API key')];
    const status = await supervisor.connect();
    expect(status).toMatchObject({ state: 'down', retryAt: null, lastError: 'fakex refused the API key' });
    expect(clock.pending()).toBe(0);
    expect(logs.at(-1)?.level).toBe('error');
    expect((await supervisor.connect()).state).toBe('live');
    await supervisor.close();
  });

  it('waits out an open breaker instead of calling the venue, then probes and closes it', async () => {
    const { clock, source, supervisor, statuses } = harness({ breaker: { failureThreshold: 2, openSeconds: 20 } });
    source.connectPlan = [netError(), netError(), 'ok'];
    await supervisor.connect();
    await clock.advance(500);
    // Two failures (t = 0, 500) open the breaker until 20500; attempt 2 would go at 1500.
    expect(supervisor.status()).toMatchObject({ state: 'reconnecting', attempt: 2, retryAt: T0 + 1_500, breaker: 'open' });
    await clock.advance(1_000);
    expect(supervisor.status()).toMatchObject({ attempt: 2, retryAt: T0 + 20_500 });
    expect(source.connectCalls).toHaveLength(2);
    await clock.advance(19_000);
    expect(source.connectCalls.map((t) => t - T0)).toEqual([0, 500, 20_500]);
    expect(supervisor.status()).toMatchObject({ state: 'live', breaker: 'closed' });
    expect(statuses.map((s) => s.breaker).filter((b, i, all) => b !== all[i - 1])).toEqual(['closed', 'open', 'half-open', 'closed']);
    await supervisor.close();
  });

  it('blanks secrets out of log lines and the status', async () => {
    const { supervisor, source, logs } = harness({}, { redact: (t) => t.split('sk-SECRET-123').join('***') });
    source.connectPlan = [new SourceError('network', 'GET https://x/?apiKey=sk-SECRET-123 failed')];
    await supervisor.connect();
    expect(supervisor.status().lastError).toBe('GET https://x/?apiKey=*** failed');
    expect(JSON.stringify(logs)).not.toContain('sk-SECRET-123');
    await supervisor.close();
  });
});

describe('ConnectionStatusKeeper', () => {
  it('throws on an illegal transition instead of reporting it', () => {
    const keeper = new ConnectionStatusKeeper('con_test01', T0, () => {});
    expect(() => keeper.enter('live', T0)).toThrow(IllegalTransitionError);
    expect(() => keeper.enter('reconnecting', T0)).toThrow('disconnected → reconnecting is not a legal transition');
    keeper.enter('connecting', T0);
    keeper.enter('live', T0 + 1);
    expect(() => keeper.enter('down', T0 + 2)).toThrow('live → down');
    expect(() => keeper.enter('connecting', T0 + 2)).toThrow('live → connecting');
  });
});
