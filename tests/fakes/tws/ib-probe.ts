import { EventName, IBApi, type Contract, type ContractDetails } from '@stoqey/ib';

/**
 * The real `@stoqey/ib` client, wrapped for tests of the fake TWS: it keeps every error and info
 * event, and offers promise-shaped requests. `decoderProblems()` lists what the client's decoder
 * complained about (leftover fields, underruns, unknown messages): a faithful fake leaves it empty.
 */
export interface Notice {
  readonly code: number;
  readonly reqId: number;
  readonly message: string;
}

export interface HistoryBar {
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly count: number;
  readonly wap: number;
}

export interface Greeting {
  readonly version: number;
  readonly connectionTime: string;
  readonly accounts: string;
  readonly nextId: number;
}

type Listener = (...args: never[]) => void;
const DECODER_COMPLAINT = /unprocessed data|Underrun|No parser|Decoding error|Unsupported Version/;

export class IbProbe {
  readonly ib: IBApi;
  readonly errors: Notice[] = [];
  readonly infos: Notice[] = [];
  /** Errors and infos together, in the order they arrived. */
  readonly notices: Notice[] = [];
  disconnects = 0;

  constructor(port: number, readonly clientId: number, maxReqPerSec = 200) {
    this.ib = new IBApi({ host: '127.0.0.1', port, maxReqPerSec });
    this.on(EventName.error, (error: Error, code: number, reqId: number) => {
      const notice = { code, reqId, message: error.message };
      this.errors.push(notice);
      this.notices.push(notice);
    });
    this.on(EventName.info, (message: string, code: number) => {
      const notice = { code, reqId: -1, message };
      this.infos.push(notice);
      this.notices.push(notice);
    });
    this.on(EventName.disconnected, () => this.disconnects++);
  }

  /** Subscribes to a client event without fighting the library's overloads. */
  on(event: EventName, listener: Listener): () => void {
    const emitter = this.ib as unknown as { on(e: string, l: Listener): void; off(e: string, l: Listener): void };
    emitter.on(event, listener);
    return () => emitter.off(event, listener);
  }

  decoderProblems(): string[] {
    return this.notices.filter((n) => DECODER_COMPLAINT.test(n.message)).map((n) => n.message);
  }

  /** Connects and resolves once TWS sent the version, the accounts and the next order id. */
  async connect(timeoutMs = 3000): Promise<Greeting> {
    let version = 0;
    let connectionTime = '';
    let accounts = '';
    const offServer = this.on(EventName.server, (v: number, t: string) => ([version, connectionTime] = [v, t]));
    const offAccounts = this.on(EventName.managedAccounts, (a: string) => (accounts = a));
    try {
      const next = this.once<number>(EventName.nextValidId, (id: number) => id, timeoutMs);
      this.ib.connect(this.clientId);
      const nextId = await next;
      return { version, connectionTime, accounts, nextId };
    } finally {
      offServer();
      offAccounts();
    }
  }

  /** The first event `event` for which `pick` returns a value. */
  once<T>(event: EventName, pick: (...args: never[]) => T | undefined, timeoutMs = 3000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => (off(), reject(new Error(`no ${event} within ${timeoutMs} ms`))), timeoutMs);
      const off = this.on(event, (...args: never[]) => {
        const value = pick(...args);
        if (value === undefined) return;
        clearTimeout(timer);
        off();
        resolve(value);
      });
    });
  }

  /**
   * The error (reqId ≥ 0) or notice (−1) with this code that arrives next — or that arrived since
   * `since` (a count of `notices`, taken before the trigger) — or null after `timeoutMs`.
   */
  async nextNotice(code: number, timeoutMs = 3000, since = this.notices.length): Promise<Notice | null> {
    const seen = since;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const fresh = this.notices.slice(seen).find((n) => n.code === code);
      if (fresh) return fresh;
      await new Promise((r) => setTimeout(r, 10));
    }
    return null;
  }

  /** reqContractDetails: every answer up to contractDetailsEnd, or the error addressed to it. */
  contractDetails(reqId: number, contract: Contract, timeoutMs = 3000): Promise<ContractDetails[] | Notice> {
    const found: ContractDetails[] = [];
    const offData = this.on(EventName.contractDetails, (id: number, d: ContractDetails) => void (id === reqId && found.push(d)));
    const done = this.settle(reqId, EventName.contractDetailsEnd, (id: number) => (id === reqId ? found : undefined), timeoutMs);
    this.ib.reqContractDetails(reqId, contract);
    return done.finally(offData);
  }

  /** reqHistoricalData (keepUpToDate false): the bars and the "finished-start-end" marker, or the error. */
  history(
    reqId: number, contract: Contract, end: string, duration: string, barSize: string, what: string, useRth: 0 | 1, formatDate: 1 | 2 = 1, timeoutMs = 5000,
  ): Promise<{ bars: HistoryBar[]; finished: string } | Notice> {
    const bars: HistoryBar[] = [];
    const done = this.settle(reqId, EventName.historicalData, (...args: never[]) => {
      const [id, date, open, high, low, close, volume, count, wap] = args as unknown as [number, string, number, number, number, number, number, number, number];
      if (id !== reqId) return undefined;
      if (date.startsWith('finished')) return { bars, finished: date };
      bars.push({ date, open, high, low, close, volume, count, wap });
      return undefined;
    }, timeoutMs);
    (this.ib.reqHistoricalData as (...a: unknown[]) => void)(reqId, contract, end, duration, barSize, what, useRth, formatDate, false);
    return done;
  }

  /** Resolves with `pick`'s value from `event`, or with the error addressed to `reqId`. */
  private settle<T>(reqId: number, event: EventName, pick: (...args: never[]) => T | undefined, timeoutMs: number): Promise<T | Notice> {
    return new Promise((resolve, reject) => {
      const finish = (value: T | Notice) => {
        clearTimeout(timer);
        offEvent();
        offError();
        resolve(value);
      };
      const timer = setTimeout(() => (offEvent(), offError(), reject(new Error(`request ${reqId}: no ${event} within ${timeoutMs} ms`))), timeoutMs);
      const offEvent = this.on(event, (...args: never[]) => {
        const value = pick(...args);
        if (value !== undefined) finish(value);
      });
      const offError = this.on(EventName.error, (error: Error, code: number, id: number) => {
        // Warnings (2100–2999, "Warning:") accompany an answer; they do not end the request.
        if (id === reqId && !(code >= 2100 && code < 3000)) finish({ code, reqId: id, message: error.message });
      });
    });
  }

  disconnect(): void {
    this.ib.disconnect();
  }
}

export const isNotice = (x: unknown): x is Notice => typeof x === 'object' && x !== null && 'code' in x && 'message' in x;
