import type { LiveSubscription } from '../../../../src-shared/contract/live.contract.ts';
import type { ConnectionState, ConnectionStatus } from '../../../../src-shared/domain/connection.ts';

/** The subscription streaming this instrument, if any (the first, should there be several). */
export function subscriptionFor(subscriptions: readonly LiveSubscription[] | undefined, instrumentId: number | undefined): LiveSubscription | null {
  if (!subscriptions || instrumentId === undefined) return null;
  return subscriptions.find((s) => s.instrumentId === instrumentId) ?? null;
}

export interface LiveBadgeView {
  /** Green only while bars really flow; grey otherwise. */
  color: string;
  dimmed: boolean;
  /** Beside "LIVE": why it is grey ("reconnecting…", "1m, 5m only"), or ''. */
  note: string;
  title: string;
}

const NOT_LIVE_NOTE: Record<Exclude<ConnectionState, 'live'>, string> = {
  connecting: 'connecting…',
  reconnecting: 'reconnecting…',
  disconnected: 'disconnected',
  down: 'down',
};

/**
 * The chart's LIVE badge: green while the subscription's connection is live and the chart shows
 * one of the timeframes it builds; greyed out with the reason otherwise. `following` false is the
 * user's pause: the stream goes on, the chart stands still.
 */
export function liveBadge(
  sub: LiveSubscription,
  status: Pick<ConnectionStatus, 'state'> | undefined,
  timeframe: string,
  following: boolean,
  connectionName: string,
): LiveBadgeView {
  const where = `${sub.symbol} from ${connectionName}`;
  if (!sub.timeframes.includes(timeframe as LiveSubscription['timeframes'][number])) {
    return { color: 'gray', dimmed: true, note: `${sub.timeframes.join(', ')} only`, title: `${where} streams ${sub.timeframes.join(', ')} bars; switch the chart to one of them` };
  }
  if (!following) return { color: 'gray', dimmed: true, note: 'paused', title: `${where}: the chart does not follow the stream (click to follow)` };
  if (!status) return { color: 'gray', dimmed: true, note: 'no connection', title: `${where}: the connection is not listed` };
  if (status.state !== 'live') {
    const note = NOT_LIVE_NOTE[status.state];
    return { color: 'gray', dimmed: true, note, title: `${where}: the connection is ${status.state}; bars resume when it is live` };
  }
  return { color: 'green', dimmed: false, note: '', title: `${where}: new bars appear as they form (click to pause)` };
}
