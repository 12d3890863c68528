import type { EventEmitter } from 'node:events';
import type { Contract, ContractDescription, ContractDetails, IBApi } from '@stoqey/ib';
import { SourceError } from '../market-data-source.ts';
import { ibError, isFarmNotice, isNoData } from './ib-errors.ts';

export interface IbEndpoint {
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
}

export interface IbClientEvents {
  /** Messages TWS sends about the connection itself (id -1): 1100, 1101, 1102, 2110, … */
  onNotice(code: number, message: string): void;
  /** The socket closed without us asking (TWS quit, nightly restart, network). */
  onClosed(why: string): void;
}

/** One historical bar as TWS sent it (`time` as formatted: epoch seconds, or yyyyMMdd for days). */
export interface IbBarRow {
  readonly time: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** What a request id's answers go to; `fail` gets every error TWS reports for that id. */
interface Route {
  fail(code: number, message: string): void;
  history?(row: IbBarRow | null): void;
  details?(d: ContractDetails | null): void;
  samples?(list: ContractDescription[]): void;
  realtime?(time: number, open: number, high: number, low: number, close: number, volume: number): void;
  tick?(time: number, price: number, size: number): void;
}

/**
 * The one socket to TWS / IB Gateway, through @stoqey/ib: opens it (handshake → next valid id),
 * hands out request ids, and routes every answer and error to the request that asked. @stoqey/ib is
 * loaded on first use (like ccxt), so users without IB pay nothing for it.
 */
export class IbClient {
  private nextId = 1;
  private readonly routes = new Map<number, Route>();
  private readonly timeWaiters: Array<(t: number) => void> = [];
  private closing = false;

  private constructor(private readonly api: IBApi, private readonly events: IbClientEvents) {}

  static async open(endpoint: IbEndpoint, events: IbClientEvents, signal?: AbortSignal): Promise<IbClient> {
    const { IBApi } = await import('@stoqey/ib');
    // Host and port always explicit: @stoqey/ib otherwise reads defaults from a .env in the cwd.
    const api = new IBApi({ host: endpoint.host, port: endpoint.port });
    const client = new IbClient(api, events);
    await client.handshake(endpoint, signal);
    return client;
  }

  get serverVersion(): number {
    return this.api.serverVersion;
  }

  close(): void {
    this.closing = true;
    for (const [id, route] of this.routes) route.fail(504, `request ${id} ended: the connection was closed`);
    this.routes.clear();
    this.emitter.removeAllListeners();
    // @stoqey/ib emits 'error' with no listener attached on a late socket error; keep one.
    this.emitter.on('error', () => undefined);
    if (this.api.isConnected) this.api.disconnect();
  }

  /** TWS's clock, as a cheap round trip for the heartbeat. */
  currentTime(signal?: AbortSignal): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const waiter = (t: number): void => { signal?.removeEventListener('abort', onAbort); resolve(t); };
      const onAbort = (): void => {
        const i = this.timeWaiters.indexOf(waiter);
        if (i >= 0) this.timeWaiters.splice(i, 1);
        reject(signal!.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timeWaiters.push(waiter);
      this.api.reqCurrentTime();
    });
  }

  history(contract: Contract, end: string, duration: string, barSize: string, whatToShow: string, regularHours: boolean, signal?: AbortSignal): Promise<IbBarRow[]> {
    const rows: IbBarRow[] = [];
    return this.ask<IbBarRow[]>('historical data', signal, (id, done) => ({
      fail: (code, message) => (isNoData(code, message) ? done.resolve(rows) : done.reject(ibError(code, message, `history of ${describe(contract)}`))),
      history: (row) => (row === null ? done.resolve(rows) : void rows.push(row)),
    }), (id) => {
      // formatDate 2: intraday bar times as epoch seconds (daily bars stay yyyyMMdd).
      this.api.reqHistoricalData(id, contract, end, duration, barSize as never, whatToShow as never, regularHours ? 1 : 0, 2, false);
    }, (id) => this.api.cancelHistoricalData(id));
  }

  contractDetails(contract: Contract, signal?: AbortSignal): Promise<ContractDetails[]> {
    const found: ContractDetails[] = [];
    return this.ask<ContractDetails[]>('contract details', signal, (id, done) => ({
      fail: (code, message) => (code === 200 ? done.resolve(found) : done.reject(ibError(code, message, `contract details of ${describe(contract)}`))),
      details: (d) => (d === null ? done.resolve(found) : void found.push(d)),
    }), (id) => this.api.reqContractDetails(id, contract));
  }

  matchingSymbols(pattern: string, signal?: AbortSignal): Promise<ContractDescription[]> {
    return this.ask<ContractDescription[]>('symbol search', signal, (id, done) => ({
      fail: (code, message) => done.reject(ibError(code, message, `search for "${pattern}"`)),
      samples: (list) => done.resolve(list),
    }), (id) => this.api.reqMatchingSymbols(id, pattern));
  }

  /** Starts 5-second real-time bars; returns the request id (cancel with {@link cancelRealtime}). */
  realtimeBars(contract: Contract, whatToShow: string, regularHours: boolean, route: Pick<Route, 'fail' | 'realtime'>): number {
    const id = this.nextId++;
    this.routes.set(id, route);
    this.api.reqRealTimeBars(id, contract, 5, whatToShow as never, regularHours);
    return id;
  }

  cancelRealtime(id: number): void {
    if (this.routes.delete(id) && this.api.isConnected) this.api.cancelRealTimeBars(id);
  }

  tickByTick(contract: Contract, route: Pick<Route, 'fail' | 'tick'>): number {
    const id = this.nextId++;
    this.routes.set(id, route);
    this.api.reqTickByTickData(id, contract, 'AllLast' as never, 0, false);
    return id;
  }

  /** Stops routing a request TWS has already forgotten (after 1101), without cancelling it. */
  forget(id: number): void {
    this.routes.delete(id);
  }

  cancelTicks(id: number): void {
    if (this.routes.delete(id) && this.api.isConnected) this.api.cancelTickByTickData(id);
  }

  /** A request whose answers end in one result: routed by id, cancelled on abort. */
  private ask<T>(what: string, signal: AbortSignal | undefined, route: (id: number, done: { resolve(v: T): void; reject(e: unknown): void }) => Route, send: (id: number) => void, cancel?: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        this.routes.delete(id);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        finish();
        if (this.api.isConnected) cancel?.(id);
        reject(signal!.reason ?? new DOMException(`${what} aborted`, 'AbortError'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.routes.set(id, route(id, { resolve: (v) => { finish(); resolve(v); }, reject: (e) => { finish(); reject(e); } }));
      send(id);
    });
  }

  /** The client's events by their names (its typed overloads want the EventName enum value). */
  private get emitter(): EventEmitter {
    return this.api as unknown as EventEmitter;
  }

  private handshake(endpoint: IbEndpoint, signal?: AbortSignal): Promise<void> {
    const api = this.emitter;
    this.listen();
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) return resolve();
        this.close();
        reject(error);
      };
      const onAbort = (): void => settle(signal!.reason);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      api.once('nextValidId', () => settle());
      this.failConnect = (code, message) => settle(ibError(code, message, `connecting to ${endpoint.host}:${endpoint.port} as client ${endpoint.clientId}`));
      api.once('disconnected', () => settle(new SourceError('network', `IB: ${endpoint.host}:${endpoint.port} closed the connection during the handshake`)));
      this.api.connect(endpoint.clientId);
    });
  }

  /** Until the handshake is over, connection-level errors (502, 326) fail it. */
  private failConnect: ((code: number, message: string) => void) | null = null;

  private listen(): void {
    const api = this.emitter;
    api.on('error', (error: Error, code: number, reqId: number) => {
      const route = reqId >= 0 ? this.routes.get(reqId) : undefined;
      if (route) return route.fail(code, error.message);
      if (this.failConnect && (code === 502 || code === 326 || code === 504)) return this.failConnect(code, error.message);
      this.events.onNotice(code, error.message);
    });
    api.on('info', (message: string, code: number) => {
      if (!isFarmNotice(code)) this.events.onNotice(code, message);
    });
    api.on('nextValidId', () => { this.failConnect = null; });
    api.on('disconnected', () => {
      if (this.closing) return;
      for (const [id, route] of this.routes) route.fail(504, `request ${id} lost: TWS closed the connection`);
      this.routes.clear();
      this.events.onClosed('TWS closed the connection');
    });
    api.on('currentTime', (time: number) => this.timeWaiters.shift()?.(time));
    api.on('historicalData', (reqId: number, time: string, open: number, high: number, low: number, close: number, volume: number) => {
      const route = this.routes.get(reqId);
      if (!route?.history) return;
      if (time.startsWith('finished')) route.history(null);
      else route.history({ time, open, high, low, close, volume });
    });
    api.on('contractDetails', (reqId: number, d: ContractDetails) => this.routes.get(reqId)?.details?.(d));
    api.on('contractDetailsEnd', (reqId: number) => this.routes.get(reqId)?.details?.(null));
    api.on('symbolSamples', (reqId: number, list: ContractDescription[]) => this.routes.get(reqId)?.samples?.(list));
    api.on('realtimeBar', (reqId: number, time: number, open: number, high: number, low: number, close: number, volume: number) =>
      this.routes.get(reqId)?.realtime?.(time, open, high, low, close, volume));
    api.on('tickByTickAllLast', (reqId: number, _type: number, time: string, price: number, size: number) =>
      this.routes.get(reqId)?.tick?.(Number(time), price, size));
  }
}

function describe(c: Contract): string {
  return c.localSymbol ? `${c.localSymbol}@${c.exchange ?? ''}` : `${c.symbol ?? c.conId ?? '?'}`;
}
