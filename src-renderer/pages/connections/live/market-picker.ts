import type { SourceKind } from '../../../../src-shared/domain/connection.ts';
import { formatCount } from '../../../ui/format.ts';

/**
 * What the symbol picker (MarketSelect) decides: its options from a venue's answer, and its words
 * for the venue it asks. `kind` is undefined where the picker is not told the connection's kind:
 * it then behaves as for an exchange.
 */

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
 * Venues that cannot list their markets, only answer a typed text: Yahoo, and Interactive Brokers
 * (TWS matches symbols, it has no list). The core decides the same by whether the source can
 * search; Alpaca and the exchanges list everything they trade.
 */
export function searchesOnly(kind: SourceKind | undefined): boolean {
  return kind === 'yahoo' || kind === 'ib';
}

/** Symbols as each kind of venue spells them, for the placeholder. */
const EXAMPLES: Record<SourceKind, string> = {
  ccxt: 'BTC, ETH/USDT…',
  yahoo: 'AAPL, ^GSPC, EURUSD=X…',
  ib: 'AAPL, EUR.USD@IDEALPRO, ESZ6@CME…',
  alpaca: 'AAPL, SPY…',
};

export function pickerPlaceholder(kind: SourceKind | undefined, hasConnection: boolean): string {
  return hasConnection ? `Type to search: ${EXAMPLES[kind ?? 'ccxt']}` : 'Choose a connection first';
}

/** What the open picker says when it has no option: a search-only venue waits for a text. */
export function nothingFoundMessage(kind: SourceKind | undefined, typed: string, loading: boolean): string {
  if (loading) return 'Searching…';
  if (searchesOnly(kind) && typed.trim() === '') return 'Type a symbol or a name: this venue searches, it has no list';
  return 'No market matches';
}

/**
 * Picker options for the markets a venue answered to the typed text, each with its type
 * (`AAPL · STK`, `EUR.USD@IDEALPRO · CASH`). Symbols are unique (a select needs unique values:
 * the first listing wins), inactive markets are shown but cannot be picked, and the typed text
 * itself is offered last when the venue did not list it exactly — a venue that only searches may
 * know a symbol it did not return, and the core says clearly if not. Those venues spell every
 * symbol in capitals (`^GSPC`, `ESZ6@CME`), so the typed text is offered in capitals there.
 */
export function marketOptions(markets: readonly MarketLike[], typed: string, kind?: SourceKind): MarketOption[] {
  const seen = new Set<string>();
  const options: MarketOption[] = [];
  for (const m of markets) {
    if (seen.has(m.symbol)) continue;
    seen.add(m.symbol);
    const note = [m.type, m.active ? '' : 'inactive'].filter(Boolean).join(' · ');
    options.push({ value: m.symbol, label: note ? `${m.symbol} · ${note}` : m.symbol, ...(m.active ? {} : { disabled: true }) });
  }
  const text = searchesOnly(kind) ? typed.trim().toUpperCase() : typed.trim();
  if (text !== '' && !seen.has(text)) options.push({ value: text, label: `${text} (as typed)` });
  return options;
}

/** "Showing 200 of 1,412 markets" under the picker, when the venue listed more than were sent. */
export function marketsNote(shown: number, total: number): string | null {
  if (total <= shown) return null;
  return `Showing ${formatCount(shown)} of ${formatCount(total)} markets — type to narrow`;
}
