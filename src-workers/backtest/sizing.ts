import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { Sizing } from '../../src-shared/domain/backtest.ts';
import type { CommissionModel } from './commission.ts';
import { floorLots, lotsToQty, roundQty } from './rounding.ts';

/** What the sizing models see of the account and the order when an entry is sized. */
export interface SizingContext {
  equity: number;
  cash: number;
  /** Expected fill price. */
  price: number;
  /** The order's protective stop, if it has one (risk sizing needs it). */
  stopPrice: number | null;
  /** ATR of the decision bar (NaN in warm-up). */
  atr: number;
  lotSize: number;
  /** For the affordability checks: estimate(qty, price, 'taker'). */
  commission: CommissionModel;
  /** Closed trades so far, for Kelly (losses and grossLoss as magnitudes; breakevens in neither). */
  closedTrades: { wins: number; losses: number; grossWin: number; grossLoss: number };
}

/**
 * Money a cost may exceed a budget by and still count as affordable: floating error only (3 × 0.1
 * is 0.30000000000000004). The engine's own cash check allows the same.
 */
const MONEY_EPSILON = 1e-9;

/**
 * The quantity of an entry by the run's sizing model, ≥ 0 and a whole number of lots; 0 when it
 * cannot be sized (no stop for `risk`, ATR in warm-up, not one lot affordable …). Formulas and
 * examples: docs/backtesting-costs.md.
 *
 * Affordability counts the taker commission of the quantity itself. `percent` ≤ 100 and `risk`,
 * `atr`, `kelly` never use leverage: their cost stays within min(equity, cash) (cash is the account
 * after closing any opposite position; for a short entry it is the equity that must cover the short).
 * `percent` > 100 asks for leverage on purpose and is bounded by equity × percent / 100 only. `fixed`
 * and `cash` are what the strategy asked for; the engine rejects them if the account cannot pay.
 *
 * @throws AppFailure `VALIDATION_FAILED` when lotSize is not > 0.
 */
export function sizeEntry(s: Sizing, ctx: SizingContext): number {
  if (!(ctx.lotSize > 0 && Number.isFinite(ctx.lotSize))) {
    throw new AppFailure('VALIDATION_FAILED', `sizing needs a lot size > 0, got ${String(ctx.lotSize)}`, { lotSize: String(ctx.lotSize) });
  }
  if (!(ctx.price > 0 && Number.isFinite(ctx.price))) return 0;
  switch (s.kind) {
    case 'fixed':
      return roundQty(s.qty, ctx.lotSize);
    case 'cash':
      return affordable(s.cash, ctx);
    case 'percent':
      return percentOfEquity(s.percent, ctx);
    case 'risk': {
      if (ctx.stopPrice === null) return 0;
      const perUnitRisk = Math.abs(ctx.price - ctx.stopPrice);
      return perUnitRisk > 0 ? withoutLeverage((ctx.equity * s.percent) / 100 / perUnitRisk, ctx) : 0;
    }
    case 'atr':
      // NaN (warm-up) fails the comparison.
      return ctx.atr > 0 ? withoutLeverage((ctx.equity * s.percent) / 100 / (s.multiple * ctx.atr), ctx) : 0;
    case 'kelly': {
      const { wins, losses } = ctx.closedTrades;
      if (wins + losses < s.minTrades) return percentOfEquity(s.fallback, ctx);
      return withoutLeverage((s.fraction * Math.max(0, kellyFraction(ctx.closedTrades)) * ctx.equity) / ctx.price, ctx);
    }
  }
}

/**
 * The Kelly fraction f* = W − (1 − W) / R, with W the win rate and R the average win over the
 * average loss. No wins: 0 (nothing to bet on). No losses (R = ∞): f* = W.
 */
export function kellyFraction(t: SizingContext['closedTrades']): number {
  const n = t.wins + t.losses;
  if (t.wins === 0 || n === 0) return 0;
  const w = t.wins / n;
  const avgLoss = t.losses > 0 ? t.grossLoss / t.losses : 0;
  if (!(avgLoss > 0)) return w;
  return w - (1 - w) / (t.grossWin / t.wins / avgLoss);
}

/** Whole lots that `percent` of equity buys; within cash too unless percent > 100 (leverage). */
function percentOfEquity(percent: number, ctx: SizingContext): number {
  const budget = (ctx.equity * percent) / 100;
  return affordable(percent <= 100 ? Math.min(budget, ctx.cash) : budget, ctx);
}

/** `qty` rounded down to the lot, and no more than min(equity, cash) affords. */
function withoutLeverage(qty: number, ctx: SizingContext): number {
  if (!(qty > 0)) return 0;
  const lots = Math.min(floorLots(qty, ctx.lotSize), affordableLots(Math.min(ctx.equity, ctx.cash), ctx));
  return lotsToQty(lots, ctx.lotSize);
}

/** The most whole lots whose cost, qty × price + taker commission, fits in `budget`. */
function affordable(budget: number, ctx: SizingContext): number {
  return lotsToQty(affordableLots(budget, ctx), ctx.lotSize);
}

/** What `lots` lots cost with their taker commission. (A module function: a closure here was re-created per order.) */
function cost(lots: number, ctx: SizingContext): number {
  const qty = lotsToQty(lots, ctx.lotSize);
  return qty * ctx.price + ctx.commission.estimate(qty, ctx.price, 'taker');
}

function fits(lots: number, budget: number, ctx: SizingContext): boolean {
  return cost(lots, ctx) <= budget + MONEY_EPSILON;
}

/**
 * The largest lot count that fits: the cost only grows with the quantity (commissions never fall
 * as the quantity rises), and without commission the cost alone bounds the count, so `hi` is the
 * count the budget affords before commission. When `hi` does not fit, the commission is what it
 * overshoots by: dropping as many lots as the overshoot buys at the average cost of a lot is the
 * first guess (exact for a percent commission), and steps doubling in size from there bracket the
 * answer for the bisection. Typically two or three evaluations.
 */
function affordableLots(budget: number, ctx: SizingContext): number {
  if (!(budget > 0)) return 0;
  const { price, lotSize } = ctx;
  let hi = floorLots((budget + MONEY_EPSILON) / price, lotSize);
  if (!(hi > 0 && Number.isFinite(hi))) return 0;
  const top = cost(hi, ctx);
  if (top <= budget + MONEY_EPSILON) {
    // The quotient may have rounded down across a lot boundary (by one lot at most); the cost decides.
    for (let k = 0; k < 2 && fits(hi + 1, budget, ctx); k++) hi++;
    return hi;
  }
  // Invariant from here: lo fits (0 always does), hi does not.
  let lo = 0;
  const guess = hi - Math.ceil((top - budget) / (top / hi));
  if (guess > 0 && guess < hi) {
    if (fits(guess, budget, ctx)) {
      lo = guess;
      for (let step = 1; lo + step < hi; step *= 2) {
        if (!fits(lo + step, budget, ctx)) {
          hi = lo + step;
          break;
        }
        lo += step;
      }
    } else {
      hi = guess;
      for (let step = 1; hi - step > 0; step *= 2) {
        if (fits(hi - step, budget, ctx)) {
          lo = hi - step;
          break;
        }
        hi -= step;
      }
    }
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (fits(mid, budget, ctx)) lo = mid;
    else hi = mid;
  }
  return lo;
}
