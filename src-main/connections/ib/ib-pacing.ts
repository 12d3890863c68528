import { sleep, type Clock } from '../clock.ts';

/** One historical-data request as IB's pacing rules see it. */
export interface PacedRequest {
  /** Contract + exchange (what IB counts "for the same contract" by). */
  readonly contract: string;
  readonly whatToShow: string;
  /** Everything that makes two requests identical (contract, end, duration, bar size, what, RTH). */
  readonly identity: string;
  /** Bars of 30 seconds or less fall under the 60-per-10-minutes rule. */
  readonly smallBars: boolean;
}

/**
 * IB's historical-data pacing rules, enforced here so TWS never has to reject a request (error 162):
 * - no identical request within 15 s;
 * - at most 5 requests for one contract, exchange and tick type within any 2 s;
 * - at most 60 requests within any 10 minutes, for bars of 30 seconds or less;
 * - a BID_ASK request counts twice.
 * Each window gets a margin of a second: TWS stamps a request when it reads it, and @stoqey/ib's own
 * send queue (at most 40 messages a second) can hold the first requests of a burst for a few hundred
 * ms while a later one goes at once — measured: with a 250 ms margin, 3 backfills at full pace drew
 * 2 violations from the fake TWS; with a second, none.
 */
export const IB_PACING = {
  identicalMs: 15_000,
  perContract: 5,
  perContractMs: 2_000,
  smallBarsPerWindow: 60,
  smallBarsWindowMs: 600_000,
  marginMs: 1_000,
} as const;

interface Sent {
  readonly at: number;
  readonly request: PacedRequest;
  readonly weight: number;
}

export class IbPacer {
  private sent: Sent[] = [];
  /** One queue per contract: a contract waiting out its 2-second window does not hold up the others. */
  private readonly queues = new Map<string, Promise<void>>();
  /** How long requests waited for the rules, summed (for the connection log and tests). */
  waitedMs = 0;

  constructor(private readonly clock: Clock, private readonly rules = IB_PACING) {}

  /**
   * Resolves when `request` may go without breaking a rule, and counts it as sent then; first come,
   * first served per contract. The last check and the count happen in one synchronous step, so
   * queues of different contracts cannot both take the last place of the 10-minute window.
   */
  acquire(request: PacedRequest, signal?: AbortSignal): Promise<void> {
    const turn = (this.queues.get(request.contract) ?? Promise.resolve()).then(() => this.waitFor(request, signal));
    const settled = turn.catch(() => undefined);
    this.queues.set(request.contract, settled);
    void settled.then(() => { if (this.queues.get(request.contract) === settled) this.queues.delete(request.contract); });
    return turn;
  }

  /** The earliest time `request` may go, given what was sent (exposed for tests). */
  earliest(request: PacedRequest, now: number): number {
    const r = this.rules;
    const weight = request.whatToShow === 'BID_ASK' ? 2 : 1;
    let at = now;
    const same = this.sent.filter((s) => s.request.identity === request.identity);
    for (const s of same) at = Math.max(at, s.at + r.identicalMs + r.marginMs);
    const contract = this.sent.filter((s) => s.request.contract === request.contract && s.request.whatToShow === request.whatToShow);
    at = Math.max(at, windowOpensAt(contract, now, r.perContract, weight, r.perContractMs + r.marginMs));
    if (request.smallBars) {
      const small = this.sent.filter((s) => s.request.smallBars);
      at = Math.max(at, windowOpensAt(small, now, r.smallBarsPerWindow, weight, r.smallBarsWindowMs + r.marginMs));
    }
    return at;
  }

  private async waitFor(request: PacedRequest, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.forget(now);
      const at = this.earliest(request, now);
      if (at <= now) break;
      this.waitedMs += at - now;
      await sleep(this.clock, at - now, signal);
    }
    signal?.throwIfAborted();
    this.sent.push({ at: this.clock.now(), request, weight: request.whatToShow === 'BID_ASK' ? 2 : 1 });
  }

  private forget(now: number): void {
    const keep = this.rules.smallBarsWindowMs + this.rules.identicalMs + this.rules.marginMs;
    if (this.sent.length > 0 && this.sent[0]!.at < now - keep) this.sent = this.sent.filter((s) => s.at >= now - keep);
  }
}

/**
 * When a request of `weight` fits a sliding window allowing `limit` units per `windowMs`, given the
 * sends so far (ascending): the moment enough of the oldest ones still in the window have left it.
 */
function windowOpensAt(all: readonly Sent[], now: number, limit: number, weight: number, windowMs: number): number {
  const sends = all.filter((s) => s.at > now - windowMs);
  let used = 0;
  for (const s of sends) used += s.weight;
  let excess = used + weight - limit;
  if (excess <= 0) return -Infinity;
  for (const s of sends) {
    excess -= s.weight;
    if (excess <= 0) return s.at + windowMs;
  }
  return -Infinity;
}
