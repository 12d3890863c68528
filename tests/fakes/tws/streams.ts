import { slotBar, type WhatToShow } from './bars.ts';
import { barFields, priceText, sizeText } from './format.ts';
import type { Instrument } from './instruments.ts';
import { realtimeBar, tickBidAsk, tickLast, tickMidPoint, TICK_TYPES, type TickTypeName } from './messages.ts';
import type { Field } from './protocol.ts';
import type { TwsError } from './history-params.ts';

/** Who a stream sends to: one connected client. */
export interface StreamClient {
  readonly clientId: number;
  send(fields: Field[]): void;
}

export type StreamKind = 'realtimeBars' | 'tickByTick';

interface Subscription {
  readonly client: StreamClient;
  readonly reqId: number;
  readonly kind: StreamKind;
  readonly instrument: Instrument;
  readonly what: WhatToShow;
  readonly tickType: TickTypeName;
  /** Bars: the next slot (ms) to send once it has ended. Ticks: everything at or before this was sent. */
  cursor: number;
}

export interface SubscribeRecord {
  readonly time: number;
  readonly clientId: number;
  readonly reqId: number;
  readonly conId: number;
  readonly kind: StreamKind;
}

export interface StreamStats {
  /** `clientId → kind → count`. */
  readonly activeByClient: Record<string, Partial<Record<StreamKind, number>>>;
  /** `conId → kind → count`. */
  readonly activeByContract: Record<string, Partial<Record<StreamKind, number>>>;
  /** The most subscriptions ever open at once for one client, contract and kind: `clientId:conId:kind → n`. */
  readonly maxConcurrent: Record<string, number>;
  readonly subscribes: readonly SubscribeRecord[];
}

const SLOT_MS = 5000;
/** A clock that jumped further than this is not replayed bar by bar: the stream resumes at "now". */
const MAX_CATCH_UP_SLOTS = 720;

/**
 * Real-time 5-second bars and tick-by-tick streams, from the same generator as history, served at any
 * hour (the fake must be usable on a weekend). A timer sends every bar once its slot has ended and
 * every trade once its time has come, by the server clock.
 */
export class StreamHub {
  private subs: Subscription[] = [];
  private paused = false;
  private readonly maxConcurrent = new Map<string, number>();
  private subscribes: SubscribeRecord[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly options: { now: () => number; maxMarketDataLines: number; maxTickByTick: number; tickMs: number; isSilent: () => boolean }) {
    this.timer = setInterval(() => this.pump(), options.tickMs);
    this.timer.unref();
  }

  subscribe(client: StreamClient, reqId: number, kind: StreamKind, instrument: Instrument, what: WhatToShow, tickType: TickTypeName): TwsError | null {
    if (this.subs.some((s) => s.client === client && s.reqId === reqId)) return { code: 102, message: 'Duplicate ticker ID.' };
    const sameKind = this.subs.filter((s) => s.kind === kind).length;
    if (kind === 'realtimeBars' && sameKind >= this.options.maxMarketDataLines) return { code: 101, message: 'Max number of tickers has been reached.' };
    if (kind === 'tickByTick' && sameKind >= this.options.maxTickByTick) return { code: 10190, message: 'Max number of tick-by-tick requests has been reached.' };
    const now = this.options.now();
    const cursor = kind === 'realtimeBars' ? Math.floor(now / SLOT_MS) * SLOT_MS : now;
    this.subs.push({ client, reqId, kind, instrument, what, tickType, cursor });
    this.subscribes.push({ time: now, clientId: client.clientId, reqId, conId: instrument.conId, kind });
    if (this.subscribes.length > 10_000) this.subscribes = this.subscribes.slice(-5_000);
    const key = `${client.clientId}:${instrument.conId}:${kind}`;
    const open = this.subs.filter((s) => s.client.clientId === client.clientId && s.instrument.conId === instrument.conId && s.kind === kind).length;
    this.maxConcurrent.set(key, Math.max(open, this.maxConcurrent.get(key) ?? 0));
    return null;
  }

  /** Ends one subscription; false when there was none (TWS ignores such a cancel). */
  cancel(client: StreamClient, kind: StreamKind, reqId: number): boolean {
    const before = this.subs.length;
    this.subs = this.subs.filter((s) => !(s.client === client && s.kind === kind && s.reqId === reqId));
    return this.subs.length < before;
  }

  dropClient(client: StreamClient): void {
    this.subs = this.subs.filter((s) => s.client !== client);
  }

  /** Connectivity to "IB" lost: streams keep their lines but send nothing. */
  pause(): void {
    this.paused = true;
  }

  /** Streams go on from now; what happened meanwhile is not replayed. */
  resume(): void {
    this.paused = false;
    this.skipToNow();
  }

  /** Connectivity restored with data lost: every subscription is forgotten and must be requested again. */
  forgetAll(): number {
    const count = this.subs.length;
    this.subs = [];
    this.paused = false;
    return count;
  }

  skipToNow(): void {
    const now = this.options.now();
    for (const s of this.subs) s.cursor = s.kind === 'realtimeBars' ? Math.floor(now / SLOT_MS) * SLOT_MS : now;
  }

  stats(): StreamStats {
    const byClient: Record<string, Partial<Record<StreamKind, number>>> = {};
    const byContract: Record<string, Partial<Record<StreamKind, number>>> = {};
    for (const s of this.subs) {
      const c = (byClient[s.client.clientId] ??= {});
      c[s.kind] = (c[s.kind] ?? 0) + 1;
      const k = (byContract[s.instrument.conId] ??= {});
      k[s.kind] = (k[s.kind] ?? 0) + 1;
    }
    return { activeByClient: byClient, activeByContract: byContract, maxConcurrent: Object.fromEntries(this.maxConcurrent), subscribes: [...this.subscribes] };
  }

  resetStats(): void {
    this.maxConcurrent.clear();
    this.subscribes = [];
  }

  close(): void {
    clearInterval(this.timer);
    this.subs = [];
  }

  /** Sends whatever the clock has passed. Public so tests with a stepped clock need not wait for the timer. */
  pump(): void {
    if (this.paused || this.options.isSilent()) return;
    const now = this.options.now();
    for (const s of [...this.subs]) {
      if (now - s.cursor > MAX_CATCH_UP_SLOTS * SLOT_MS) s.cursor = s.kind === 'realtimeBars' ? Math.floor(now / SLOT_MS) * SLOT_MS : now;
      if (s.kind === 'realtimeBars') this.sendBars(s, now);
      else this.sendTicks(s, now);
    }
  }

  private sendBars(s: Subscription, now: number): void {
    while (s.cursor + SLOT_MS <= now) {
      const bar = slotBar(s.instrument, s.what, s.cursor);
      s.client.send(realtimeBar(s.reqId, barFields(s.instrument, bar, ''), s.cursor / 1000));
      s.cursor += SLOT_MS;
    }
  }

  private sendTicks(s: Subscription, now: number): void {
    const i = s.instrument;
    const step = i.model.stepUnits;
    for (let slot = Math.floor(s.cursor / SLOT_MS); slot * SLOT_MS <= now; slot++) {
      const trades = i.path.trades(slot);
      for (let n = 0; n < trades.length; n++) {
        const t = trades[n];
        if (t.time <= s.cursor || t.time > now) continue;
        const seconds = Math.floor(t.time / 1000);
        if (s.tickType === 'Last' || s.tickType === 'AllLast') {
          s.client.send(tickLast(s.reqId, TICK_TYPES[s.tickType], seconds, priceText(i, t.price), sizeText(i, t.size), i.tickExchange));
        } else if (s.tickType === 'BidAsk') {
          const [bidSize, askSize] = i.path.quoteSizes(slot, n);
          s.client.send(tickBidAsk(s.reqId, seconds, priceText(i, t.price - step), priceText(i, t.price + 2 * step), sizeText(i, bidSize), sizeText(i, askSize)));
        } else s.client.send(tickMidPoint(s.reqId, seconds, priceText(i, t.price + step / 2)));
      }
    }
    s.cursor = now;
  }
}
