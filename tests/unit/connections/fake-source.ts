import { emptyBars, type BarColumns } from '../../../src-shared/domain/bars.ts';
import type { Timeframe } from '../../../src-shared/domain/timeframe.ts';
import { abortReason, sleep, type Clock } from '../../../src-main/connections/clock.ts';
import type { LiveEvent, LiveRequest, MarketDataSource, MarketInfo } from '../../../src-main/connections/market-data-source.ts';

/**
 * How a stream iteration behaves:
 * - 'ticking': one trade per `tickMs`, and (if `failAfterMs`) throws `streamError` at the first tick at or past it;
 * - 'silent': the socket stays open and nothing arrives (the stall fault);
 * - 'manual': waits for `push`/`breakStreams` from the test.
 */
export type StreamMode = 'ticking' | 'silent' | 'manual';

type Outcome = 'ok' | 'hang' | Error;

/** A market-data source driven by the test through a manual clock; it records what was asked of it. */
export class FakeSource implements MarketDataSource {
  readonly venue = 'fakex';
  readonly pageLimit = 1000;
  readonly timeframes: readonly Timeframe[] = ['1m' as Timeframe];
  /** Set for a polling venue (Yahoo): its streams are silent between polls. */
  streamsPoll = false;

  /** What each connect() does, in order; once empty, `connectDefault`. */
  connectPlan: Outcome[] = [];
  connectDefault: Outcome = 'ok';
  pingPlan: (number | 'hang' | Error)[] = [];
  pingDefault: number | 'hang' | Error = 7;
  streamMode: StreamMode = 'ticking';
  tickMs = 1000;
  failAfterMs: number | null = null;
  streamError: Error = new Error('socket closed');
  /** How long an aborted 'manual' or 'silent' iteration takes to end (a slow socket close). */
  lingerMs = 0;

  readonly connectCalls: number[] = [];
  readonly pingCalls: number[] = [];
  readonly closeCalls: number[] = [];
  /** Per symbol: iterations started, iterations open now, the most ever open at once. */
  readonly iterations = new Map<string, number>();
  readonly open = new Map<string, number>();
  readonly maxOpen = new Map<string, number>();
  private readonly manual = new Set<{ symbol: string; deliver: (e: LiveEvent | Error) => void }>();

  constructor(private readonly clock: Clock) {}

  async connect(signal?: AbortSignal): Promise<void> {
    this.connectCalls.push(this.clock.now());
    await this.act(this.connectPlan.shift() ?? this.connectDefault, signal);
  }

  async ping(signal?: AbortSignal): Promise<number> {
    this.pingCalls.push(this.clock.now());
    const planned = this.pingPlan.shift() ?? this.pingDefault;
    if (typeof planned === 'number') return planned;
    await this.act(planned, signal);
    throw new Error('unreachable');
  }

  async markets(): Promise<readonly MarketInfo[]> {
    return [];
  }

  async history(): Promise<BarColumns> {
    return emptyBars(0);
  }

  async close(): Promise<void> {
    this.closeCalls.push(this.clock.now());
  }

  /** Delivers an event to every open 'manual' iteration of `symbol`. */
  push(symbol: string, event: LiveEvent): void {
    for (const m of this.manual) if (m.symbol === symbol) m.deliver(event);
  }

  /** Makes every open 'manual' iteration (of `symbol`, when given) throw `error`. */
  breakStreams(error: Error, symbol?: string): void {
    for (const m of this.manual) if (symbol === undefined || m.symbol === symbol) m.deliver(error);
  }

  async *stream(request: LiveRequest, signal: AbortSignal): AsyncGenerator<LiveEvent> {
    const { symbol } = request;
    const startedAt = this.clock.now();
    this.iterations.set(symbol, (this.iterations.get(symbol) ?? 0) + 1);
    const openNow = (this.open.get(symbol) ?? 0) + 1;
    this.open.set(symbol, openNow);
    this.maxOpen.set(symbol, Math.max(this.maxOpen.get(symbol) ?? 0, openNow));
    try {
      if (this.streamMode === 'silent') await this.act('hang', signal);
      if (this.streamMode === 'manual') {
        yield* this.manualEvents(symbol, signal);
        return;
      }
      for (;;) {
        await sleep(this.clock, this.tickMs, signal);
        const now = this.clock.now();
        if (this.failAfterMs !== null && now - startedAt >= this.failAfterMs) throw this.streamError;
        yield { type: 'trades', trades: [{ time: now, price: 100, size: 1 }] };
      }
    } finally {
      this.open.set(symbol, (this.open.get(symbol) ?? 1) - 1);
    }
  }

  private async *manualEvents(symbol: string, signal: AbortSignal): AsyncGenerator<LiveEvent> {
    const queue: (LiveEvent | Error)[] = [];
    let wake: (() => void) | null = null;
    const entry = { symbol, deliver: (e: LiveEvent | Error) => { queue.push(e); wake?.(); } };
    this.manual.add(entry);
    try {
      for (;;) {
        while (queue.length === 0) {
          await new Promise<void>((resolve, reject) => {
            wake = resolve;
            if (signal.aborted) reject(abortReason(signal));
            signal.addEventListener('abort', () => this.linger(() => reject(abortReason(signal))), { once: true });
          });
        }
        const next = queue.shift()!;
        if (next instanceof Error) throw next;
        yield next;
      }
    } finally {
      this.manual.delete(entry);
    }
  }

  /** 'ok' resolves, an Error rejects, 'hang' waits until aborted (a venue that never answers). */
  private act(outcome: Outcome, signal?: AbortSignal): Promise<void> {
    if (outcome === 'ok') return Promise.resolve();
    if (outcome instanceof Error) return Promise.reject(outcome);
    return new Promise((_, reject) => {
      if (signal?.aborted) reject(abortReason(signal));
      signal?.addEventListener('abort', () => this.linger(() => reject(abortReason(signal))), { once: true });
    });
  }

  private linger(then: () => void): void {
    if (this.lingerMs > 0) this.clock.schedule(this.lingerMs, then);
    else then();
  }
}
