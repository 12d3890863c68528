import type { LiveSubscription } from '../../../../src-shared/contract/live.contract.ts';
import type { ConnectionSummary } from '../../../../src-shared/domain/connection.ts';
import { formatCount } from '../../../ui/format.ts';

/** One market in a symbol picker, as `connections.markets` lists it. */
export interface MarketLike {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly active: boolean;
  readonly type: string;
}

export interface MarketOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/**
 * Picker options for the markets a venue answered to the typed text. Symbols are unique (a select
 * needs unique values: the first listing wins), inactive markets are shown but cannot be picked,
 * and the typed text itself is offered last when the venue did not list it exactly — a venue that
 * only searches (Yahoo) may know a symbol it did not return, and the core says clearly if not.
 */
export function marketOptions(markets: readonly MarketLike[], typed: string): MarketOption[] {
  const seen = new Set<string>();
  const options: MarketOption[] = [];
  for (const m of markets) {
    if (seen.has(m.symbol)) continue;
    seen.add(m.symbol);
    const note = [m.type, m.active ? '' : 'inactive'].filter(Boolean).join(' · ');
    options.push({ value: m.symbol, label: note ? `${m.symbol} · ${note}` : m.symbol, ...(m.active ? {} : { disabled: true }) });
  }
  const text = typed.trim();
  if (text !== '' && !seen.has(text)) options.push({ value: text, label: `${text} (as typed)` });
  return options;
}

/** "Showing 200 of 1,412 markets" under the picker, when the venue listed more than were sent. */
export function marketsNote(shown: number, total: number): string | null {
  if (total <= shown) return null;
  return `Showing ${formatCount(shown)} of ${formatCount(total)} markets — type to narrow`;
}

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
