import type { Contract, ContractDescription } from '@stoqey/ib';
import { barsFromRecords, type BarColumns } from '../../../src-shared/domain/bars.ts';
import type { IbSettings } from '../../../src-shared/domain/connection.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { systemClock, type Clock } from '../clock.ts';
import { EventQueue } from '../event-queue.ts';
import { SourceError, type BarValues, type HistoryRequest, type LiveEvent, type LiveRequest, type MarketDataSource, type MarketInfo } from '../market-data-source.ts';
import { IbClient } from './ib-client.ts';
import { historyCalls, IB_BAR_SIZES, parseIbTime } from './ib-history-requests.ts';
import { IbLiveSubscription } from './ib-live.ts';
import { IB_PACING, IbPacer } from './ib-pacing.ts';
import { contractOf, symbolOf } from './ib-symbols.ts';

/** Search hits looked at (each non-stock costs a contract-details request). */
const SEARCH_LIMIT = 16;

/** IB's API message limit is 50 a second; the supervisor's budget stays below it. */
export const IB_REQUESTS_PER_MINUTE = 2_400;

export interface IbSourceOptions {
  readonly settings: IbSettings;
  readonly clock?: Clock;
}

/**
 * Interactive Brokers through TWS or IB Gateway (@stoqey/ib): contract search and details, history
 * split into requests that keep IB's pacing rules (ib-pacing.ts), and live symbols from 5-second bars
 * or tick-by-tick trades, with IB's connectivity messages handled (docs/ib-source.md).
 */
export class IbSource implements MarketDataSource {
  readonly venue = 'ib';
  /** A week of minutes: one request for a week of 1-minute bars (more for finer bars, split inside). */
  readonly pageLimit = 10_080;
  /** IB's 5 requests per contract in 2 s, with the pacer's margin of a second. */
  readonly pagesPerMinute = (60_000 / (IB_PACING.perContractMs + IB_PACING.marginMs)) * IB_PACING.perContract;
  readonly timeframes: readonly Timeframe[] = IB_BAR_SIZES.map(([tf]) => tf);
  readonly liveKind = 'trades' as const;
  /** A 5-second bar arrives when it ends. */
  readonly liveLagMs = 2_000;
  readonly pacer: IbPacer;
  private client: IbClient | null = null;
  private readonly clock: Clock;
  private readonly live = new Set<IbLiveSubscription>();
  private readonly contracts = new Map<string, Contract>();
  private venueDown = false;
  /** Notices about the connection itself (1100, 1101, …), for the connection log. */
  onNotice: ((level: 'info' | 'warn' | 'error', message: string) => void) | null = null;

  constructor(private readonly o: IbSourceOptions) {
    this.clock = o.clock ?? systemClock;
    this.pacer = new IbPacer(this.clock);
  }

  async connect(signal?: AbortSignal): Promise<void> {
    await this.close();
    const { host, port, clientId } = this.o.settings;
    this.venueDown = false;
    this.client = await IbClient.open({ host, port, clientId }, {
      onNotice: (code, message) => this.notice(code, message),
      onClosed: (why) => this.closed(why),
    }, signal);
  }

  async ping(signal?: AbortSignal): Promise<number> {
    const start = this.clock.now();
    await this.open().currentTime(signal);
    return this.clock.now() - start;
  }

  silenceExpected(): boolean {
    return this.venueDown;
  }

  /** IB lists no markets; it answers searches. */
  async markets(): Promise<readonly MarketInfo[]> {
    return [];
  }

  async search(text: string, signal?: AbortSignal): Promise<readonly MarketInfo[]> {
    const pattern = text.trim();
    if (pattern === '') return [];
    const client = this.open();
    const found = (await client.matchingSymbols(pattern, signal)).slice(0, SEARCH_LIMIT);
    const markets: MarketInfo[] = [];
    for (const d of found) {
      const market = await this.marketOf(d, signal);
      if (market && !markets.some((m) => m.symbol === market.symbol)) markets.push(market);
    }
    // A symbol written out (ESZ6@CME, EUR.USD@IDEALPRO) is looked up directly, as the search only
    // knows underlying symbols.
    if (pattern.includes('@') || markets.length === 0) {
      const details = await client.contractDetails(safeContract(pattern), signal).catch(() => []);
      for (const d of details) {
        const market = this.described(d.contract);
        if (!markets.some((m) => m.symbol === market.symbol)) markets.unshift(market);
      }
    }
    return markets;
  }

  async history(request: HistoryRequest, signal?: AbortSignal): Promise<BarColumns> {
    const contract = await this.resolve(request.symbol, signal);
    const key = `${contract.conId ?? request.symbol}@${contract.exchange ?? ''}`;
    const what = whatToShow(contract);
    const rows: BarValues[] = [];
    // Newest first, as IB pages; the parts are joined in time order below.
    for (const call of historyCalls(request.timeframe, request.from, request.to)) {
      const identity = `${key}|${call.end}|${call.duration}|${call.barSize}|${what}|${this.o.settings.regularHoursOnly}`;
      await this.pacer.acquire({ contract: key, whatToShow: what, identity, smallBars: call.smallBars }, signal);
      const part = await this.open().history(contract, call.end, call.duration, call.barSize, what, this.o.settings.regularHoursOnly, signal);
      for (const r of part) {
        const time = parseIbTime(r.time);
        if (!Number.isFinite(time)) throw new SourceError('bad-data', `IB sent a bar time that is not a time: "${r.time}"`);
        // Midpoint bars carry no volume (TWS sends -1).
        if (time >= call.from && time < call.to) rows.push({ time, open: r.open, high: r.high, low: r.low, close: r.close, volume: Math.max(0, r.volume) });
      }
    }
    rows.sort((a, b) => a.time - b.time);
    return barsFromRecords(rows);
  }

  stream(request: LiveRequest, signal: AbortSignal): AsyncIterable<LiveEvent> {
    const queue = new EventQueue<LiveEvent>(signal);
    this.resolve(request.symbol, signal).then((contract) => {
      if (signal.aborted) return;
      const sub = new IbLiveSubscription({
        client: this.open(), contract, symbol: request.symbol, mode: this.o.settings.live, whatToShow: whatToShow(contract),
        regularHoursOnly: false, now: () => this.clock.now(), queue,
      }, signal);
      this.live.add(sub);
      signal.addEventListener('abort', () => this.live.delete(sub), { once: true });
      sub.start();
    }).catch((error: unknown) => queue.fail(error));
    return queue;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    client?.close();
  }

  /**
   * A search hit as a market. Search answers carry no local symbol, so anything but a US stock is
   * looked up by its conId to be spelled `LOCAL@EXCHANGE`.
   */
  private async marketOf(d: ContractDescription, signal?: AbortSignal): Promise<MarketInfo | null> {
    const c = d.contract;
    if (!c?.symbol) return null;
    const secType = String(c.secType ?? 'STK');
    if (secType === 'STK' && (c.currency ?? 'USD') === 'USD') return { symbol: c.symbol, base: c.symbol, quote: 'USD', active: true, type: secType };
    if (c.conId === undefined) return null;
    const details = await this.open().contractDetails({ conId: c.conId } as Contract, signal);
    const full = details[0]?.contract;
    return full ? this.described(full) : null;
  }

  /** A contract TWS described, as a market; remembered, so using it needs no second lookup. */
  private described(full: Contract): MarketInfo {
    const symbol = symbolOf(full);
    this.contracts.set(symbol, { conId: full.conId, secType: full.secType, exchange: full.exchange });
    return { symbol, base: full.symbol ?? symbol, quote: full.currency ?? 'USD', active: true, type: String(full.secType ?? 'STK') };
  }

  /** The contract behind a symbol, asked of TWS once per session (it carries the conId). */
  private async resolve(symbol: string, signal?: AbortSignal): Promise<Contract> {
    const cached = this.contracts.get(symbol);
    if (cached) return cached;
    let ref: Contract;
    try {
      ref = contractOf(symbol) as Contract;
    } catch (error) {
      throw new SourceError('request', (error as Error).message);
    }
    const details = await this.open().contractDetails(ref, signal);
    const first = details[0]?.contract;
    if (!first) throw new SourceError('request', `IB has no contract for ${symbol}`);
    // conId and exchange name a contract exactly; echoing every described field back invites
    // mismatches (TWS's own details carry fields its requests then refuse).
    const contract: Contract = { conId: first.conId, secType: first.secType, exchange: ref.exchange === 'SMART' ? 'SMART' : first.exchange };
    this.contracts.set(symbol, contract);
    return contract;
  }

  private open(): IbClient {
    if (!this.client) throw new SourceError('network', 'IB: not connected to TWS');
    return this.client;
  }

  private notice(code: number, message: string): void {
    if (code === 1100 || code === 2110) {
      this.venueDown = true;
      for (const sub of this.live) sub.connectivityLost(`IB ${code}: ${message}`);
      this.onNotice?.('warn', `TWS lost its connection to IB (${code}): ${message}`);
    } else if (code === 1101 || code === 1102) {
      this.venueDown = false;
      for (const sub of this.live) sub.connectivityRestored(code === 1101, `IB ${code}: ${message}`);
      this.onNotice?.('info', code === 1101 ? `IB is back, data lost (1101): ${this.live.size} subscription(s) requested again` : `IB is back, data kept (1102): subscriptions kept`);
    } else {
      this.onNotice?.(code >= 2100 ? 'info' : 'warn', `IB ${code}: ${message}`);
    }
  }

  private closed(why: string): void {
    this.client = null;
    for (const sub of this.live) sub.fail(new SourceError('network', `IB: ${why}`));
  }
}


/** Forex has no trades at IB: its bars are midpoints. */
function whatToShow(contract: Contract): string {
  return String(contract.secType) === 'CASH' ? 'MIDPOINT' : 'TRADES';
}

function safeContract(text: string): Contract {
  try {
    return contractOf(text) as Contract;
  } catch {
    return { symbol: text.toUpperCase() } as Contract;
  }
}
