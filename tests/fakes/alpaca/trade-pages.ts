import type { BarRange, SortOrder } from './bar-book.ts';
import { inSession, sessionAtOrAfter, sessionAtOrBefore } from './market-hours.ts';
import type { AlpacaSymbolSpec } from './symbols.ts';
import { tradeMs, type AlpacaMarket, type AlpacaTrade, type Feed } from './trade-generator.ts';

export interface TradesPage {
  readonly trades: readonly AlpacaTrade[];
  /** The trade id the next page starts from (ids order trades in time), or null when exhausted. */
  readonly cursor: number | null;
}

/**
 * History trades with start ≤ time ≤ end (and ≤ now), nearest the start (or the end for `desc`),
 * at most `limit`, from trade id `cursor` on. Closed-market stretches are skipped in one jump.
 */
export function tradesPage(
  market: AlpacaMarket, spec: AlpacaSymbolSpec, feed: Feed, range: BarRange, sort: SortOrder, limit: number, cursor?: number,
): TradesPage {
  const lo = Math.max(range.start, market.originSecond * 1000);
  const hi = Math.min(range.end, range.now);
  const stock = spec.assetClass === 'us_equity';
  const out: AlpacaTrade[] = [];
  const keep = (t: AlpacaTrade) => {
    const ms = tradeMs(t);
    return ms >= lo && ms <= hi;
  };
  if (sort === 'asc') {
    let second = Math.floor(Math.max(lo, cursor === undefined ? lo : Math.floor(cursor / 8) * 1000) / 1000);
    while (second * 1000 <= hi) {
      if (stock && !inSession(second * 1000)) {
        second = Math.ceil(sessionAtOrAfter(second * 1000) / 1000);
        continue;
      }
      for (const t of market.historyTrades(spec.symbol, second, feed)) {
        if ((cursor !== undefined && t.id < cursor) || !keep(t)) continue;
        out.push(t);
        if (out.length === limit) return { trades: out, cursor: t.id + 1 };
      }
      second++;
    }
    return { trades: out, cursor: null };
  }
  let second = Math.floor(Math.min(hi, cursor === undefined ? hi : Math.floor(cursor / 8) * 1000 + 999) / 1000);
  while (second * 1000 + 999 >= lo) {
    if (stock && !inSession(second * 1000)) {
      second = Math.floor(sessionAtOrBefore(second * 1000) / 1000);
      continue;
    }
    const trades = market.historyTrades(spec.symbol, second, feed);
    for (let i = trades.length - 1; i >= 0; i--) {
      const t = trades[i];
      if ((cursor !== undefined && t.id > cursor) || !keep(t)) continue;
      out.push(t);
      if (out.length === limit) return { trades: out, cursor: t.id - 1 };
    }
    second--;
  }
  return { trades: out, cursor: null };
}
