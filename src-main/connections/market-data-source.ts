import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../src-shared/domain/timeframe.ts';

/** One tradable market as a venue lists it, in the venue's own symbol spelling (`BTC/USDT`, `AAPL`). */
export interface MarketInfo {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly active: boolean;
  /** 'spot', 'swap', 'equity', 'index', … as the venue says. */
  readonly type: string;
}

/** A history page: bars with from ≤ time < to, ascending, at most the source's `pageLimit`. */
export interface HistoryRequest {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly from: number;
  readonly to: number;
}

/** One trade as a venue reports it; `time` in ms since the epoch. */
export interface TradeTick {
  readonly time: number;
  readonly price: number;
  readonly size: number;
}

/**
 * What a live stream yields:
 * - trades, fed to the tick → bar builder; `through`, when given, says no trade before that time
 *   will follow (a venue that sends 5-second bars), so bars ending by then complete at once;
 * - venue-built bars (`final` once the venue says the period is over);
 * - a gap: the venue says data between `lostAt` and `resumedAt` may be missing while the stream
 *   itself stayed open (IB's 1101 / 1102), so those periods are fetched again;
 * - a notice about the stream for the connection log (IB's line limits, connectivity messages).
 */
export type LiveEvent =
  | { readonly type: 'trades'; readonly trades: readonly TradeTick[]; readonly through?: number }
  | { readonly type: 'bar'; readonly timeframe: Timeframe; readonly bar: BarValues; readonly final: boolean }
  | { readonly type: 'gap'; readonly lostAt: number; readonly resumedAt: number }
  | { readonly type: 'notice'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

export interface BarValues {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface LiveRequest {
  readonly symbol: string;
  /** 'trades' streams every trade; 'bars' the venue's own candles of `timeframe`. */
  readonly kind: 'trades' | 'bars';
  readonly timeframe?: Timeframe;
}

/**
 * A market-data venue behind one neutral interface (DESIGN.md "Connections"): vendor client →
 * zod schema at the edge → mapper → this. Sources do no retrying or backoff of their own: a failure
 * is thrown as a `SourceError`, and the connection supervisor decides what happens next.
 */
export interface MarketDataSource {
  /** Venue id for messages and rate limits: 'binance', 'yahoo', … */
  readonly venue: string;
  /** The most bars one `history` call returns. */
  readonly pageLimit: number;
  /**
   * The most history pages a minute the venue allows for one symbol, where its own rules are
   * stricter than the connection's request budget (IB's pacing): for time estimates.
   */
  readonly pagesPerMinute?: number;
  /**
   * True when `stream` polls (Yahoo): it is silent between polls and while the market is closed, so
   * the supervisor's stall check does not apply — a failed poll ends the stream instead.
   */
  readonly streamsPoll?: boolean;
  /**
   * True while the venue itself says its data has stopped (IB's 1100 "connectivity lost" while the
   * socket to TWS is fine): the supervisor's stall check waits instead of reconnecting the socket.
   */
  silenceExpected?(): boolean;
  /** How live symbols are streamed: every trade ('trades', the default) or the venue's own bars ('bars'). */
  readonly liveKind?: 'trades' | 'bars';
  /**
   * How late a trade may arrive after its time (IB's 5-second bars arrive when they end): a bar is
   * closed by the clock this long after its period, unless the stream's `through` closes it sooner.
   */
  readonly liveLagMs?: number;
  /** Timeframes the venue serves natively, ascending. */
  readonly timeframes: readonly Timeframe[];
  /**
   * Where the source reports what its venue says about the connection itself (IB's 1100 / 1101 /
   * 1102, farm notices): the connection log. Set by whoever owns the source.
   */
  onNotice?: ((level: 'info' | 'warn' | 'error', message: string) => void) | null;
  /** Opens what the source needs (loads its client, the market list) and proves the venue answers. */
  connect(signal?: AbortSignal): Promise<void>;
  /** A cheap round trip for the heartbeat; resolves with the latency in ms. */
  ping(signal?: AbortSignal): Promise<number>;
  /** Every market the venue lists (exchanges), or [] where the venue only answers searches (Yahoo). */
  markets(signal?: AbortSignal): Promise<readonly MarketInfo[]>;
  /** Markets matching a text, asked of the venue, where the venue can search (Yahoo); else absent. */
  search?(text: string, signal?: AbortSignal): Promise<readonly MarketInfo[]>;
  history(request: HistoryRequest, signal?: AbortSignal): Promise<BarColumns>;
  /**
   * A live stream. Iterating subscribes; it ends only when `signal` aborts, and throws a
   * `SourceError` when the stream is lost (the supervisor then reconnects and iterates again).
   */
  stream(request: LiveRequest, signal: AbortSignal): AsyncIterable<LiveEvent>;
  close(): Promise<void>;
}

/**
 * Why a source call failed, classified for the supervisor:
 * - 'rate-limit': the venue said slow down (`retryAfterMs` when it said how long);
 * - 'network': unreachable, dropped, timed out — retry with backoff;
 * - 'venue': the venue answered with a server error (5xx) — retry with backoff, counts for the breaker;
 * - 'bad-data': a malformed payload — retry, and log what was wrong;
 * - 'request': our request was refused (unknown symbol, bad range) — retrying will not help;
 * - 'auth': keys missing or refused — retrying will not help.
 */
export type SourceErrorKind = 'rate-limit' | 'network' | 'venue' | 'bad-data' | 'request' | 'auth';

export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceError';
  }

  get retryable(): boolean {
    return this.kind !== 'request' && this.kind !== 'auth';
  }
}
