import type { LiveSubscription } from '../../../../src-shared/contract/live.contract.ts';
import type { ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import { formatCount } from '../../../ui/format.ts';

export interface LiveRow {
  subscriptionId: string;
  connectionId: string;
  connection: string;
  symbol: string;
  instrumentId: number;
  timeframes: string;
  trades: string;
  bars: string;
  rejected: string;
  /** Each rejection reason with its count, for the tooltip: "late 3 · bad-price 1". */
  rejectedDetail: string;
  caughtUp: string;
  lastTradeAt: number | null;
}

/** A subscription as the live symbols table shows it (counts with thousands separators). */
export function liveRow(sub: LiveSubscription, connections: readonly ConnectionSummary[]): LiveRow {
  const reasons = Object.entries(sub.rejected).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
  const rejected = reasons.reduce((sum, [, n]) => sum + n, 0);
  return {
    subscriptionId: sub.subscriptionId,
    connectionId: sub.connectionId,
    connection: connections.find((c) => c.id === sub.connectionId)?.settings.name ?? sub.connectionId,
    symbol: sub.symbol,
    instrumentId: sub.instrumentId,
    timeframes: sub.timeframes.join(', '),
    trades: formatCount(sub.trades),
    bars: formatCount(sub.barsCompleted),
    rejected: formatCount(rejected),
    rejectedDetail: reasons.map(([reason, n]) => `${reason} ${formatCount(n)}`).join(' · '),
    caughtUp: formatCount(sub.caughtUp),
    lastTradeAt: sub.lastTradeAt,
  };
}
