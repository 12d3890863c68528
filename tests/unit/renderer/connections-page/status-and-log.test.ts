import { describe, expect, it } from 'vitest';
import type { ConnectionLogEntry, ConnectionStatus } from '../../../../src-shared/domain/connection.ts';
import { LOG_CAP, mergeLog } from '../../../../src-renderer/pages/connections/log/connection-log.ts';
import {
  formatAge, formatCountdown, formatLatency, mergeStatus, secondsUntil, stateLabel, STATE_COLOR,
} from '../../../../src-renderer/pages/connections/status/connection-status.ts';

const T0 = Date.UTC(2024, 2, 10, 12, 0, 0);

describe('the state badge', () => {
  it('has one colour per state: grey off, blue connecting, green live, orange reconnecting, red down', () => {
    expect(STATE_COLOR).toEqual({ disconnected: 'gray', connecting: 'blue', live: 'green', reconnecting: 'orange', down: 'red' });
  });

  it('counts down to the next attempt in whole seconds, rounded up', () => {
    expect(secondsUntil(T0 + 12_000, T0)).toBe(12);
    expect(secondsUntil(T0 + 11_001, T0)).toBe(12);
    expect(secondsUntil(T0 + 1, T0)).toBe(1);
    expect(secondsUntil(T0 - 500, T0)).toBe(0);
    expect(formatCountdown(T0 + 12_000, T0)).toBe('12 s');
    expect(formatCountdown(T0 + 125_000, T0)).toBe('2 min 05 s');
    // 3,720 s = 1 h 2 min.
    expect(formatCountdown(T0 + 3_720_000, T0)).toBe('1 h 02 min');
    expect(formatCountdown(T0, T0)).toBe('now');
  });

  it('ticks: the same status reads one second less a second later', () => {
    const status = { state: 'reconnecting' as const, retryAt: T0 + 5_000, attempt: 3 };
    expect(stateLabel(status, T0)).toBe('reconnecting in 5 s (attempt 3)');
    expect(stateLabel(status, T0 + 1_000)).toBe('reconnecting in 4 s (attempt 3)');
    expect(stateLabel({ state: 'reconnecting', retryAt: null, attempt: 1 }, T0)).toBe('reconnecting (attempt 1)');
    expect(stateLabel({ state: 'live', retryAt: null, attempt: 0 }, T0)).toBe('live');
  });

  it('says how old the last message is, and the latency', () => {
    expect(formatAge(null, T0)).toBe('never');
    expect(formatAge(T0 - 400, T0)).toBe('just now');
    expect(formatAge(T0 - 5_900, T0)).toBe('5 s ago');
    expect(formatAge(T0 - 3 * 60_000, T0)).toBe('3 min ago');
    expect(formatAge(T0 - 2 * 3_600_000, T0)).toBe('2 h ago');
    expect(formatAge(T0 - 4 * 86_400_000, T0)).toBe('4 d ago');
    expect(formatLatency(null)).toBe('—');
    expect(formatLatency(83.6)).toBe('84 ms');
    expect(formatLatency(1_250)).toBe('1.3 s');
  });
});

const status = (patch: Partial<ConnectionStatus>): ConnectionStatus => ({
  connectionId: 'con_aaaaaa', state: 'live', since: T0, retryAt: null, attempt: 0, breaker: 'closed', lastError: null,
  subscriptions: 0, latencyMs: null, lastMessageAt: null, reconnects: 0, ...patch,
});

describe('statuses from events', () => {
  it('replaces the held status with a later one, and keeps others', () => {
    const held = new Map([['con_aaaaaa', status({})], ['con_bbbbbb', status({ connectionId: 'con_bbbbbb' })]]);
    const next = mergeStatus(held, status({ state: 'reconnecting', since: T0 + 1_000, retryAt: T0 + 3_000, attempt: 1 }));
    expect(next.get('con_aaaaaa')!.state).toBe('reconnecting');
    expect(next.get('con_bbbbbb')!.state).toBe('live');
    expect(held.get('con_aaaaaa')!.state).toBe('live');
  });

  it('does not let an older status (a list answered before an event) undo a newer one', () => {
    const held = new Map([['con_aaaaaa', status({ state: 'down', since: T0 + 9_000 })]]);
    expect(mergeStatus(held, status({ state: 'live', since: T0 })).get('con_aaaaaa')!.state).toBe('down');
    // Same state: the later heartbeat wins.
    const beat = new Map([['con_aaaaaa', status({ lastMessageAt: T0 + 5_000, latencyMs: 40 })]]);
    expect(mergeStatus(beat, status({ lastMessageAt: T0 + 2_000, latencyMs: 90 })).get('con_aaaaaa')!.latencyMs).toBe(40);
    expect(mergeStatus(beat, status({ lastMessageAt: T0 + 7_000, latencyMs: 55 })).get('con_aaaaaa')!.latencyMs).toBe(55);
  });
});

const entry = (at: number, message: string, level: ConnectionLogEntry['level'] = 'info', connectionId = 'con_aaaaaa'): ConnectionLogEntry => ({
  connectionId, at, level, message,
});

describe('the connection log', () => {
  it('merges the answer and the events newest first, each entry once, only this connection', () => {
    const events = [entry(T0 + 3_000, 'live'), entry(T0 + 2_000, 'connecting')];
    const answer = [entry(T0 + 2_000, 'connecting'), entry(T0 + 1_000, 'rate limited', 'warn'), entry(T0 + 1_500, 'other', 'info', 'con_bbbbbb')];
    expect(mergeLog(events, answer, 'con_aaaaaa').map((e) => e.message)).toEqual(['live', 'connecting', 'rate limited']);
  });

  it('puts an event before an entry of the same millisecond already held', () => {
    const held = [entry(T0, 'stream lost', 'error')];
    expect(mergeLog(held, [entry(T0, 'reconnecting in 2 s', 'warn')], 'con_aaaaaa').map((e) => e.message)).toEqual(['reconnecting in 2 s', 'stream lost']);
  });

  it('keeps the newest LOG_CAP entries', () => {
    const many = Array.from({ length: LOG_CAP + 20 }, (_, i) => entry(T0 + i, `m${i}`));
    const merged = mergeLog([], many, 'con_aaaaaa');
    expect(merged).toHaveLength(LOG_CAP);
    expect(merged[0]!.message).toBe(`m${LOG_CAP + 19}`);
    expect(merged.at(-1)!.message).toBe('m20');
  });
});
