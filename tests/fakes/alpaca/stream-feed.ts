import { liveMinute } from './bar-book.ts';
import { barMessage, quoteMessage, tradeMessage } from './stream-payloads.ts';
import type { Channel, StreamSession } from './stream-session.ts';
import { filterFeed, tradeMs, type AlpacaMarket } from './trade-generator.ts';

/** A clock that jumps forward must not flood a socket with hours of trades. */
const MAX_BACKLOG_MS = 120_000;
const MINUTE_MS = 60_000;

/**
 * What one socket is owed: each trade (and its quote) once the clock passes its time, each minute
 * bar once its minute has ended. Cursors per symbol remember how far each has been sent.
 */
export class LiveFeed {
  /** Per symbol: trades up to this time (ms, inclusive) have been sent. */
  private readonly tradeCursors = new Map<string, number>();
  /** Per symbol: the next minute (epoch minutes) whose bar is due. */
  private readonly barCursors = new Map<string, number>();

  constructor(private readonly market: AlpacaMarket, private readonly session: StreamSession) {}

  /** Symbols that joined a channel start from `now`: nothing from before the subscription. */
  start(channel: Channel, symbols: Iterable<string>, now: number): void {
    for (const symbol of this.expand(symbols)) {
      if ((channel === 'trades' || channel === 'quotes') && !this.tradeCursors.has(symbol)) this.tradeCursors.set(symbol, now);
      if (channel === 'bars' && !this.barCursors.has(symbol)) this.barCursors.set(symbol, Math.floor(now / MINUTE_MS));
    }
  }

  /** Everything due up to `now`: trades and quotes in time order across symbols, then finished minute bars. */
  due(now: number): Record<string, unknown>[] {
    return [...this.tradesAndQuotes(now), ...this.bars(now)];
  }

  private tradesAndQuotes(now: number): Record<string, unknown>[] {
    const { endpoint, subs } = this.session;
    const trades = this.expand(subs.get('trades')!);
    const quotes = this.expand(subs.get('quotes')!);
    const wanted = new Set([...trades, ...quotes]);
    // A symbol dropped by an unsubscribe starts afresh if it comes back.
    for (const symbol of this.tradeCursors.keys()) if (!wanted.has(symbol)) this.tradeCursors.delete(symbol);
    const out: { ms: number; message: Record<string, unknown> }[] = [];
    for (const symbol of wanted) {
      const spec = this.market.spec(symbol);
      const since = this.tradeCursors.get(symbol) ?? now;
      this.tradeCursors.set(symbol, now);
      if (!spec || spec.assetClass !== endpoint.assetClass) continue;
      const from = Math.max(since, now - MAX_BACKLOG_MS);
      for (let second = Math.floor((from + 1) / 1000); second <= Math.floor(now / 1000); second++) {
        for (const t of filterFeed(spec, this.market.tradesOfSecond(symbol, second), endpoint.feed)) {
          const ms = tradeMs(t);
          if (ms <= from || ms > now) continue;
          if (quotes.has(symbol)) out.push({ ms, message: quoteMessage(spec, t) });
          if (trades.has(symbol)) out.push({ ms, message: tradeMessage(spec, t) });
        }
      }
    }
    // Symbols interleave in time order, as a consolidated feed delivers them (the sort is stable).
    return out.sort((a, b) => a.ms - b.ms).map((m) => m.message);
  }

  private bars(now: number): Record<string, unknown>[] {
    const { endpoint, subs } = this.session;
    const out: Record<string, unknown>[] = [];
    const current = Math.floor(now / MINUTE_MS);
    const wanted = this.expand(subs.get('bars')!);
    for (const symbol of this.barCursors.keys()) if (!wanted.has(symbol)) this.barCursors.delete(symbol);
    for (const symbol of wanted) {
      const spec = this.market.spec(symbol);
      const due = Math.max(this.barCursors.get(symbol) ?? current, current - MAX_BACKLOG_MS / MINUTE_MS);
      this.barCursors.set(symbol, current);
      if (!spec || spec.assetClass !== endpoint.assetClass) continue;
      for (let minute = due; minute < current; minute++) {
        const agg = liveMinute(this.market, spec, endpoint.feed, minute);
        if (agg.count > 0) out.push(barMessage(spec, minute * MINUTE_MS, agg));
      }
    }
    return out;
  }

  /** `*` stands for every active symbol of the endpoint's asset class. */
  private expand(symbols: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const s of symbols) {
      if (s !== '*') out.add(s);
      else for (const spec of this.market.allSpecs()) if (spec.assetClass === this.session.endpoint.assetClass && spec.status === 'active') out.add(spec.symbol);
    }
    return out;
  }
}
