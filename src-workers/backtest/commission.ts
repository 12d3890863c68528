import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { Commission } from '../../src-shared/domain/backtest.ts';

export type Liquidity = 'maker' | 'taker';

type Tier = { upTo: number; perShare: number };

/**
 * The commission of one fill, by the run's {@link Commission} setting (formulas and examples in
 * docs/backtesting-costs.md). Quantities are taken by magnitude; a fill of no quantity costs nothing.
 *
 * `tiered` is the one stateful kind: it counts the shares traded in the current UTC calendar month,
 * and the whole order pays the rate of the tier that count is in before the order (IB does not split
 * an order across tiers). Beyond the last tier's `upTo`, its rate still applies. One model serves one
 * run; {@link reset} clears the count for a new one.
 */
export class CommissionModel {
  private readonly c: Commission;
  /** Shares traded in [monthStart, monthEnd) (UTC ms); NaN bounds = no month yet. */
  private monthShares = 0;
  private monthStart = NaN;
  private monthEnd = NaN;

  constructor(c: Commission) {
    if (c.kind === 'tiered') checkTiers(c.tiers);
    this.c = c;
  }

  /** The commission of a fill at `time` (ms, UTC); records its shares in the month for `tiered`. */
  charge(qty: number, price: number, time: number, liquidity: Liquidity): number {
    const shares = Math.abs(qty);
    if (!(shares > 0)) return 0;
    if (this.c.kind !== 'tiered') return this.fee(shares, price, liquidity, 0);
    if (!Number.isFinite(time)) {
      throw new AppFailure('VALIDATION_FAILED', `tiered commission: fill time must be a finite epoch ms, got ${String(time)}`, { time: String(time) });
    }
    if (!(time >= this.monthStart && time < this.monthEnd)) this.enterMonth(time);
    const fee = this.fee(shares, price, liquidity, this.monthShares);
    this.monthShares += shares;
    return fee;
  }

  /**
   * What {@link charge} would return, without recording anything. With `time`, exactly that. Without
   * it (the fill's month unknown), `tiered` returns the higher of the fee at this month's count and
   * at a fresh month's, so that a check of affordability made with the estimate still holds when the
   * fill turns out to start a new month.
   */
  estimate(qty: number, price: number, liquidity: Liquidity, time?: number): number {
    const shares = Math.abs(qty);
    if (!(shares > 0)) return 0;
    if (this.c.kind !== 'tiered') return this.fee(shares, price, liquidity, 0);
    if (time !== undefined) {
      const sameMonth = time >= this.monthStart && time < this.monthEnd;
      return this.fee(shares, price, liquidity, sameMonth ? this.monthShares : 0);
    }
    return Math.max(this.fee(shares, price, liquidity, this.monthShares), this.fee(shares, price, liquidity, 0));
  }

  /** Forgets the month's traded shares (a new run). */
  reset(): void {
    this.monthShares = 0;
    this.monthStart = NaN;
    this.monthEnd = NaN;
  }

  /** The fee for `shares` > 0 at `price`, with `monthShares` already traded this month (tiered). */
  private fee(shares: number, price: number, liquidity: Liquidity, monthShares: number): number {
    const c = this.c;
    const value = Math.abs(shares * price);
    switch (c.kind) {
      case 'none':
        return 0;
      case 'percent':
        return c.rate * value;
      case 'fixed':
        return c.perOrder;
      case 'per-share':
        return Math.min(Math.max(c.minPerOrder, shares * c.perShare), c.maxFractionOfValue * value);
      case 'tiered':
        return Math.min(Math.max(c.minPerOrder, shares * tierRate(c.tiers, monthShares)), c.maxFractionOfValue * value);
      case 'maker-taker':
        // A negative maker rate is a rebate: the fill earns it.
        return (liquidity === 'maker' ? c.maker : c.taker) * value;
    }
  }

  private enterMonth(time: number): void {
    const d = new Date(time);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    this.monthStart = Date.UTC(y, m, 1);
    this.monthEnd = Date.UTC(y, m + 1, 1);
    this.monthShares = 0;
  }
}

/** The per-share rate of the tier the month's next share falls in: the first with traded < upTo. */
function tierRate(tiers: readonly Tier[], traded: number): number {
  for (const t of tiers) if (traded < t.upTo) return t.perShare;
  return tiers[tiers.length - 1]!.perShare;
}

function checkTiers(tiers: readonly Tier[]): void {
  if (tiers.length === 0) throw new AppFailure('VALIDATION_FAILED', 'tiered commission needs at least one tier');
  for (let i = 1; i < tiers.length; i++) {
    if (!(tiers[i]!.upTo > tiers[i - 1]!.upTo)) {
      throw new AppFailure(
        'VALIDATION_FAILED',
        `tiered commission: tiers must ascend by upTo, but tier ${i} has upTo ${tiers[i]!.upTo} after ${tiers[i - 1]!.upTo}`,
        { tier: i },
      );
    }
  }
}
