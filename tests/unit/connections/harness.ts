import type { ConnectionStatus } from '../../../src-shared/domain/connection.ts';
import { ConnectionSupervisor, type SupervisedSettings, type SupervisorOptions } from '../../../src-main/connections/connection-supervisor.ts';
import { ManualClock } from '../../../src-main/connections/manual-clock.ts';
import { FakeSource } from './fake-source.ts';

export const T0 = 1_700_000_000_000;

export const baseSettings: SupervisedSettings = {
  heartbeatSeconds: 1,
  backoff: { initialMs: 1_000, maxMs: 10_000, attemptsBeforeDown: 8 },
  // High, so the backoff tests are not also breaker tests; the breaker tests lower it.
  breaker: { failureThreshold: 100, openSeconds: 30 },
  requestsPerMinute: 6_000,
};

export interface LogLine {
  at: number;
  level: string;
  message: string;
}

/** A supervisor over a FakeSource on a ManualClock, recording every status and log line. */
export function harness(settings: Partial<SupervisedSettings> = {}, extra: Partial<SupervisorOptions> = {}) {
  const clock = new ManualClock(T0);
  const source = new FakeSource(clock);
  const statuses: ConnectionStatus[] = [];
  const logs: LogLine[] = [];
  const supervisor = new ConnectionSupervisor({
    connectionId: 'con_test01',
    settings: { ...baseSettings, ...settings },
    source,
    clock,
    // Every draw is the middle of the window: delays are exactly half the backoff ceiling.
    random: () => 0.5,
    onStatus: (s) => statuses.push(s),
    onLog: (level, message) => logs.push({ at: clock.now() - T0, level, message }),
    ...extra,
  });
  /** Statuses as "state a<attempt> r<retryAt after T0 or ->" for compact comparisons. */
  const trail = (from = 0) =>
    statuses.slice(from).map((s) => `${s.state} a${s.attempt} r${s.retryAt === null ? '-' : s.retryAt - T0}`);
  return { clock, source, supervisor, statuses, logs, trail };
}
