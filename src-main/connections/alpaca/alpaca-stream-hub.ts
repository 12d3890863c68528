import type { Alpaca } from '@alpacahq/alpaca-trade-api';
import { EventQueue } from '../event-queue.ts';
import { SourceError, type LiveEvent } from '../market-data-source.ts';
import { streamUrl, type AlpacaUrls } from './alpaca-urls.ts';

type DataStream = ReturnType<Alpaca['marketData']['stockStream']> | ReturnType<Alpaca['marketData']['cryptoStream']>;

/**
 * One market-data socket for every live symbol of a kind (stocks or crypto): Alpaca allows one
 * stream connection per key, so symbols are subscribed on a shared socket rather than each opening
 * its own. The SDK's own reconnect is off: when the socket drops, every symbol's stream fails, the
 * supervisor reconnects, and each symbol's gap is fetched over REST.
 */
export class AlpacaStreamHub {
  private stream: DataStream | null = null;
  private ready: Promise<void> | null = null;
  private readonly queues = new Map<string, Set<EventQueue<LiveEvent>>>();

  constructor(private readonly make: () => DataStream, private readonly what: string) {}

  static stocks(alpaca: Alpaca, feed: 'iex' | 'sip', urls: AlpacaUrls): AlpacaStreamHub {
    return new AlpacaStreamHub(() => alpaca.marketData.stockStream({ feed, url: streamUrl(`/v2/${feed}`, urls), reconnect: false }), `the ${feed.toUpperCase()} stock stream`);
  }

  static crypto(alpaca: Alpaca, urls: AlpacaUrls): AlpacaStreamHub {
    return new AlpacaStreamHub(() => alpaca.marketData.cryptoStream({ url: streamUrl('/v1beta3/crypto/us', urls), reconnect: false }), 'the crypto stream');
  }

  /** Streams the trades of `symbol` until `signal` aborts; fails when the socket is lost. */
  trades(symbol: string, signal: AbortSignal): AsyncIterable<LiveEvent> {
    const queue = new EventQueue<LiveEvent>(signal);
    const set = this.queues.get(symbol) ?? new Set();
    const first = set.size === 0;
    set.add(queue);
    this.queues.set(symbol, set);
    signal.addEventListener('abort', () => this.leave(symbol, queue), { once: true });
    this.open().then(() => {
      if (first && !signal.aborted) this.stream?.subscribeForTrades([symbol]);
    }, (error: unknown) => queue.fail(error));
    return queue;
  }

  close(): void {
    const stream = this.stream;
    this.stream = null;
    this.ready = null;
    stream?.disconnect();
  }

  private open(): Promise<void> {
    if (this.ready) return this.ready;
    const stream = this.make();
    this.stream = stream;
    stream.onTrade((t) => {
      const event: LiveEvent = { type: 'trades', trades: [{ time: t.timestamp.getTime(), price: t.price, size: t.size }] };
      for (const q of this.queues.get(t.symbol) ?? []) q.push(event);
    });
    stream.onDisconnect(() => {
      if (this.stream !== stream) return;
      this.stream = null;
      this.ready = null;
      this.failAll(new SourceError('network', `Alpaca: ${this.what} was closed`));
    });
    stream.onError((message) => {
      if (/406|connection limit/i.test(message)) this.failAll(new SourceError('venue', `Alpaca: ${this.what}: another application holds this key's one stream connection (406)`));
    });
    this.ready = stream.whenAuthenticated().then((result) => {
      if (result.authenticated) return;
      const code = result.code ?? 0;
      const kind = code === 402 || code === 401 ? 'auth' : 'network';
      throw new SourceError(kind, `Alpaca: ${this.what} refused the login: ${result.message}${code ? ` (${code})` : ''}`);
    });
    stream.connect();
    return this.ready;
  }

  private leave(symbol: string, queue: EventQueue<LiveEvent>): void {
    const set = this.queues.get(symbol);
    if (!set?.delete(queue)) return;
    if (set.size === 0) {
      this.queues.delete(symbol);
      this.stream?.unsubscribeFromTrades([symbol]);
    }
  }

  private failAll(error: SourceError): void {
    for (const set of this.queues.values()) for (const q of set) q.fail(error);
  }
}
