import type { MarketInfo } from '../market-data-source.ts';
import type { YahooSearchQuote } from './yahoo.schema.ts';

/** A Yahoo search hit: a market, with the exchange and name Yahoo gives for choosing among them. */
export interface YahooMarketInfo extends MarketInfo {
  /** Yahoo's exchange code: NMS, NYQ, LSE, CCC… */
  readonly exchange: string;
  readonly name: string;
}

/**
 * Search hits → markets. Hits without a symbol (Yahoo also lists private companies and other
 * entities) are left out. A pair (`BTC-USD`, `EURUSD=X`) names its quote currency; a share's
 * currency is not in the search answer, so `quote` stays empty rather than guessed. `type` is
 * Yahoo's quoteType in lower case (equity, etf, index, cryptocurrency, currency, future…).
 */
export function mapSearchQuotes(quotes: readonly YahooSearchQuote[]): YahooMarketInfo[] {
  const out: YahooMarketInfo[] = [];
  for (const q of quotes) {
    if (!q.symbol) continue;
    const { base, quote } = splitPair(q.symbol, q.quoteType);
    out.push({
      symbol: q.symbol,
      base,
      quote,
      // Yahoo marks hits it has no finance data for; those cannot be charted.
      active: q.isYahooFinance !== false,
      type: (q.quoteType ?? 'unknown').toLowerCase(),
      exchange: q.exchange ?? '',
      name: q.shortname ?? q.longname ?? q.symbol,
    });
  }
  return out;
}

function splitPair(symbol: string, quoteType: string | undefined): { base: string; quote: string } {
  const crypto = /^([A-Z0-9]+)-([A-Z]{3,4})$/.exec(symbol);
  if (quoteType === 'CRYPTOCURRENCY' && crypto) return { base: crypto[1]!, quote: crypto[2]! };
  const fx = /^([A-Z]{3})([A-Z]{3})=X$/.exec(symbol);
  if (quoteType === 'CURRENCY' && fx) return { base: fx[1]!, quote: fx[2]! };
  return { base: symbol, quote: '' };
}
