import type { ConnectionSettings } from '../../../../src-shared/domain/connection.ts';
import { EXCHANGE_LABELS } from './connection-form.ts';

/**
 * What a saved connection is, in the few words a card subtitle or a picker's note has room for:
 * the venue, and what tells two connections to it apart (IB's address and client id, Alpaca's
 * account and feed).
 */

/** `[::1]:7497` — an IPv6 host is bracketed so its colons do not read as the port's. */
function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * "Binance (ccxt)", "Yahoo Finance", "Interactive Brokers · 127.0.0.1:7497 · client id 17",
 * "Alpaca · paper · IEX".
 */
export function venueSummary(s: ConnectionSettings): string {
  switch (s.kind) {
    case 'ccxt':
      return s.exchange ? `${EXCHANGE_LABELS[s.exchange]} (ccxt)` : 'ccxt';
    case 'yahoo':
      return 'Yahoo Finance';
    case 'ib':
      // The schema requires `ib` for this kind; a row from before it existed reads as unset.
      return s.ib ? `Interactive Brokers · ${hostPort(s.ib.host, s.ib.port)} · client id ${s.ib.clientId}` : 'Interactive Brokers';
    case 'alpaca': {
      // `alpaca` is optional: its absence means the schema's defaults, paper and IEX.
      const environment = s.alpaca?.environment ?? 'paper';
      const feed = s.alpaca?.feed ?? 'iex';
      return `Alpaca · ${environment} · ${feed.toUpperCase()}`;
    }
  }
}

/** The addresses a connection is pointed at instead of the venue's own, joined; '' when none. */
export function urlOverrides(s: ConnectionSettings): string {
  return [s.urls.rest, s.urls.ws, s.urls.trading].filter(Boolean).join(' · ');
}

/** A card's subtitle: "Alpaca · live · SIP · http://127.0.0.1:4010 · priority 10". */
export function connectionSubtitle(s: ConnectionSettings): string {
  const override = urlOverrides(s);
  return `${venueSummary(s)}${override ? ` · ${override}` : ''} · priority ${s.priority}`;
}
