import type { Result } from '../../src-shared/contract/index.ts';
import { TransportError } from './client-error.ts';

/** A request frame waiting for its answer. */
export interface RequestFrame {
  readonly t: 'req';
  readonly id: number;
  readonly ch: string;
  readonly in: unknown;
}

interface Pending {
  readonly frame: RequestFrame;
  resolve(result: Result<unknown>): void;
  reject(error: TransportError): void;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * The requests of one transport: queued while there is no connection (for a while), then in
 * flight until their answer; all failed at once when the connection drops, since we cannot know
 * whether the core ran them.
 */
export class PendingRequests {
  private nextId = 1;
  private readonly queued = new Set<Pending>();
  private readonly inFlight = new Map<number, Pending>();

  constructor(private readonly queueTimeoutMs: number) {}

  /** A new request; `send` is called now when connected, or later from {@link flush}. */
  add(channel: string, input: unknown, connected: boolean, send: (frame: RequestFrame) => boolean): Promise<Result<unknown>> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { frame: { t: 'req', id: this.nextId++, ch: channel, in: input }, resolve, reject };
      if (connected) return this.dispatch(pending, send);
      pending.timer = setTimeout(() => {
        this.queued.delete(pending);
        reject(new TransportError('DISCONNECTED', `No connection to Candlewick; "${channel}" was not sent`));
      }, this.queueTimeoutMs);
      this.queued.add(pending);
    });
  }

  /** Sends everything that waited for the connection. */
  flush(send: (frame: RequestFrame) => boolean): void {
    for (const pending of this.queued) {
      clearTimeout(pending.timer);
      this.dispatch(pending, send);
    }
    this.queued.clear();
  }

  settle(id: number, result: Result<unknown>): void {
    const pending = this.inFlight.get(id);
    if (!pending) return;
    this.inFlight.delete(id);
    pending.resolve(result);
  }

  failInFlight(message: string): void {
    for (const pending of this.inFlight.values()) pending.reject(new TransportError('DISCONNECTED', message));
    this.inFlight.clear();
  }

  failAll(message: string): void {
    this.failInFlight(message);
    for (const pending of this.queued) {
      clearTimeout(pending.timer);
      pending.reject(new TransportError('DISCONNECTED', message));
    }
    this.queued.clear();
  }

  private dispatch(pending: Pending, send: (frame: RequestFrame) => boolean): void {
    this.inFlight.set(pending.frame.id, pending);
    if (!send(pending.frame)) {
      this.inFlight.delete(pending.frame.id);
      pending.reject(new TransportError('PROTOCOL', `Could not encode the input of "${pending.frame.ch}"`));
    }
  }
}
