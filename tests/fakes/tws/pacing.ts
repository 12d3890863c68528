/**
 * IB's historical-data pacing, as the TWS API documentation states it:
 * - no identical request (contract, end, duration, bar size, what to show, RTH) within 15 seconds;
 * - no more than five requests for the same contract, exchange and tick type within any 2 seconds;
 * - no more than 60 requests within any 10 minutes, for bar sizes of 30 seconds or less;
 * - a BID_ASK request counts twice.
 * Only requests that were served count towards the windows: a refused one costs the client nothing
 * but the refusal (docs/fake-tws.md).
 */

/** `simultaneous`: more than 50 historical requests open at once (checked by the handler). */
export type PacingRule = 'identical' | 'burst' | 'ten-minutes' | 'forced' | 'simultaneous';

export interface PacedRequest {
  readonly at: number;
  /** Contract, end, duration, bar size, what to show and RTH, joined. */
  readonly identity: string;
  /** Contract, exchange and tick type (what to show), joined. */
  readonly contractTick: string;
  /** 2 for BID_ASK, else 1. */
  readonly weight: number;
  /** Bar size of 30 seconds or less. */
  readonly smallBars: boolean;
}

export const IDENTICAL_WINDOW_MS = 15_000;
export const BURST_WINDOW_MS = 2_000;
export const BURST_LIMIT = 5;
export const TEN_MINUTES_MS = 600_000;
export const TEN_MINUTE_LIMIT = 60;

export class HistoricalPacing {
  private served: PacedRequest[] = [];
  private forced = 0;

  /** `enforce` false: no rule applies, only violations forced by the faults. */
  constructor(private readonly enforce = true) {}

  /** The next `count` historical requests are refused as pacing violations, whatever they are. */
  forceViolations(count: number): void {
    this.forced = count;
  }

  get forcedRemaining(): number {
    return this.forced;
  }

  /** The rule `request` breaks, or null — in which case it is recorded as served. */
  check(request: PacedRequest): PacingRule | null {
    if (this.forced > 0) {
      this.forced--;
      return 'forced';
    }
    if (!this.enforce) return null;
    const at = request.at;
    this.served = this.served.filter((r) => r.at > at - TEN_MINUTES_MS);
    let burst = request.weight;
    let tenMinutes = request.weight;
    for (const r of this.served) {
      if (r.identity === request.identity && r.at > at - IDENTICAL_WINDOW_MS) return 'identical';
      if (r.contractTick === request.contractTick && r.at > at - BURST_WINDOW_MS) burst += r.weight;
      if (r.smallBars) tenMinutes += r.weight;
    }
    if (burst > BURST_LIMIT) return 'burst';
    if (request.smallBars && tenMinutes > TEN_MINUTE_LIMIT) return 'ten-minutes';
    this.served.push(request);
    return null;
  }

  reset(): void {
    this.served = [];
    this.forced = 0;
  }
}
