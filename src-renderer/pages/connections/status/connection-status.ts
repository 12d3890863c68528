import type { BreakerState, ConnectionState, ConnectionStatus } from '../../../../src-shared/domain/connection.ts';

/**
 * How a connection's state reads on screen: a colour per state (so "is my data live?" is answered
 * at a glance), the reconnect countdown, ages and latencies in words. Times are passed in (`now`)
 * so a component ticking each second and a test give the same text.
 */

/** Mantine colour names: grey is off, blue on its way, green live, orange retrying, red given up. */
export const STATE_COLOR: Record<ConnectionState, string> = {
  disconnected: 'gray',
  connecting: 'blue',
  live: 'green',
  reconnecting: 'orange',
  down: 'red',
};

/** An open breaker stops requests (red); half-open lets one probe through (yellow). */
export const BREAKER_COLOR: Record<BreakerState, string> = { closed: 'gray', open: 'red', 'half-open': 'yellow' };

/** Whole seconds until `at`, rounded up so the countdown reaches "0 s" only when the attempt is due. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** `12 s`, `2 min 05 s`, `1 h 02 min`; `now` once it is due. */
export function formatCountdown(at: number, now: number): string {
  const s = secondsUntil(at, now);
  if (s === 0) return 'now';
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** The badge text: the state, and while reconnecting when the next attempt starts. */
export function stateLabel(status: Pick<ConnectionStatus, 'state' | 'retryAt' | 'attempt'>, now: number): string {
  if (status.state === 'reconnecting') {
    const when = status.retryAt === null ? '' : ` in ${formatCountdown(status.retryAt, now)}`;
    return `reconnecting${when} (attempt ${status.attempt})`;
  }
  return status.state;
}

/** How long ago: `just now`, `5 s ago`, `3 min ago`, `2 h ago`, `4 d ago`; `never` for null. */
export function formatAge(at: number | null, now: number): string {
  if (at === null) return 'never';
  const s = Math.floor(Math.max(0, now - at) / 1000);
  if (s < 1) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The statuses to show: the list's, each replaced by a newer one from a `connections.status`
 * event. A status older than the one held (a list answered before an event) does not win.
 */
export function mergeStatus(held: ReadonlyMap<string, ConnectionStatus>, incoming: ConnectionStatus): Map<string, ConnectionStatus> {
  const current = held.get(incoming.connectionId);
  const next = new Map(held);
  if (!current || isNewer(incoming, current)) next.set(incoming.connectionId, incoming);
  return next;
}

/** Statuses carry no sequence number: the later state change wins, then the later message or heartbeat. */
function isNewer(a: ConnectionStatus, b: ConnectionStatus): boolean {
  if (a.since !== b.since) return a.since > b.since;
  return (a.lastMessageAt ?? -Infinity) >= (b.lastMessageAt ?? -Infinity);
}
