import type { Contract } from '@stoqey/ib';
import type { EventQueue } from '../event-queue.ts';
import type { LiveEvent } from '../market-data-source.ts';
import type { IbClient } from './ib-client.ts';
import { ibError } from './ib-errors.ts';

const FIVE_SECONDS = 5_000;

export interface IbLiveOptions {
  readonly client: IbClient;
  readonly contract: Contract;
  readonly symbol: string;
  readonly mode: 'bars' | 'ticks';
  /** TRADES, or MIDPOINT for forex (which has no trades at IB). */
  readonly whatToShow: string;
  readonly regularHoursOnly: boolean;
  readonly now: () => number;
  /** Where the stream's events go (the iterable the supervisor consumes). */
  readonly queue: EventQueue<LiveEvent>;
}

/**
 * One live symbol on IB: 5-second real-time bars (each becomes four trades — open, high, low, close
 * with the bar's volume on the close — so the tick → bar builder aggregates them exactly, and
 * `through` closes a bar as soon as its last 5 seconds arrive) or tick-by-tick trades.
 *
 * TWS keeps the socket while it loses IB (1100); what happens to the subscription depends on how
 * connectivity comes back: after 1101 "data lost" TWS has dropped it and we request it again, once;
 * after 1102 "data maintained" it still runs and we request nothing. Both report the outage as a gap,
 * so the bars of those minutes are fetched again.
 */
export class IbLiveSubscription {
  private readonly queue: EventQueue<LiveEvent>;
  private reqId: number | null = null;
  private lostAt: number | null = null;
  private failed = false;

  constructor(private readonly o: IbLiveOptions, signal: AbortSignal) {
    this.queue = o.queue;
    signal.addEventListener('abort', () => this.cancel(), { once: true });
  }

  /** Ends the stream with `error` (the socket closed, or TWS refused the subscription). */
  fail(error: unknown): void {
    this.failed = true;
    this.queue.fail(error);
  }

  start(): void {
    const { client, contract, mode } = this.o;
    const fail = (code: number, message: string): void => {
      this.fail(ibError(code, message, `live ${mode === 'bars' ? '5-second bars' : 'trades'} of ${this.o.symbol}`));
    };
    this.reqId = mode === 'bars'
      ? client.realtimeBars(contract, this.o.whatToShow, this.o.regularHoursOnly, {
          fail,
          realtime: (time, open, high, low, close, volume) => {
            const t = time * 1000;
            this.queue.push({
              type: 'trades',
              trades: [{ time: t, price: open, size: 0 }, { time: t, price: high, size: 0 }, { time: t, price: low, size: 0 }, { time: t, price: close, size: Math.max(0, volume) }],
              through: t + FIVE_SECONDS,
            });
          },
        })
      : client.tickByTick(contract, {
          fail,
          tick: (time, price, size) => this.queue.push({ type: 'trades', trades: [{ time: time * 1000, price, size }] }),
        });
  }

  /** 1100 / 2110: data stops until IB is back. */
  connectivityLost(message: string): void {
    if (this.failed) return;
    this.lostAt ??= this.o.now();
    this.queue.push({ type: 'notice', level: 'warn', message: `${message} — waiting for IB to come back` });
  }

  /** 1101 (data lost: request again) or 1102 (data maintained: nothing to request). */
  connectivityRestored(dataLost: boolean, message: string): void {
    if (this.failed) return;
    const now = this.o.now();
    const lostAt = this.lostAt ?? now;
    this.lostAt = null;
    if (dataLost) {
      // TWS forgot the request: cancelling its id would only draw an error, so the id is just dropped.
      if (this.reqId !== null) this.o.client.forget(this.reqId);
      this.reqId = null;
      this.start();
    }
    this.queue.push({ type: 'notice', level: 'info', message: dataLost ? `${message} — subscription requested again` : `${message} — subscription kept` });
    this.queue.push({ type: 'gap', lostAt, resumedAt: now });
  }

  private cancel(): void {
    if (this.reqId === null) return;
    if (this.o.mode === 'bars') this.o.client.cancelRealtime(this.reqId);
    else this.o.client.cancelTicks(this.reqId);
    this.reqId = null;
  }
}
