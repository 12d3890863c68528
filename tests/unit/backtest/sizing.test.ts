import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { SizingSchema, type Commission } from '../../../src-shared/domain/backtest.ts';
import { CommissionModel } from '../../../src-workers/backtest/commission.ts';
import { kellyFraction, sizeEntry, type SizingContext } from '../../../src-workers/backtest/sizing.ts';

const NO_TRADES = { wins: 0, losses: 0, grossWin: 0, grossLoss: 0 };

function ctx(over: Partial<SizingContext> & { fee?: Commission } = {}): SizingContext {
  const { fee, ...rest } = over;
  return {
    equity: 10_000,
    cash: 10_000,
    price: 100,
    stopPrice: null,
    atr: NaN,
    lotSize: 1,
    commission: new CommissionModel(fee ?? { kind: 'none' }),
    closedTrades: NO_TRADES,
    ...rest,
  };
}

/** What qty × price + taker commission costs (the commission model is tested in costs.test.ts). */
function cost(c: SizingContext, qty: number): number {
  return qty * c.price + c.commission.estimate(qty, c.price, 'taker');
}

describe('sizeEntry: fixed and cash', () => {
  it('rounds a fixed quantity down to the lot', () => {
    expect(sizeEntry({ kind: 'fixed', qty: 10.7 }, ctx())).toBe(10);
    expect(sizeEntry({ kind: 'fixed', qty: 10.7 }, ctx({ lotSize: 0.1 }))).toBe(10.7);
  });

  it('buys what a cash amount affords, commission included', () => {
    // $10,000 at $99: 101 × 99 = $9,999, + $1 fixed commission = $10,000 exactly → 101.
    const one = ctx({ price: 99, fee: { kind: 'fixed', perOrder: 1 } });
    expect(sizeEntry({ kind: 'cash', cash: 10_000 }, one)).toBe(101);
    // + $2 commission: 101 costs $10,001 → 100.
    expect(sizeEntry({ kind: 'cash', cash: 10_000 }, ctx({ price: 99, fee: { kind: 'fixed', perOrder: 2 } }))).toBe(100);
    // Less than one share's price → 0.
    expect(sizeEntry({ kind: 'cash', cash: 50 }, ctx())).toBe(0);
  });
});

describe('sizeEntry: percent of equity', () => {
  it('buys all of equity without commission (the CLI default percent:100)', () => {
    const sizing = SizingSchema.parse({ kind: 'percent', percent: 100 });
    expect(sizeEntry(sizing, ctx())).toBe(100);
  });

  it('steps below the formula when the commission does not fit', () => {
    // $10,000 / $100 = 100 shares, but 100 × 100 + $1 = $10,001 > $10,000 → 99 ($9,901).
    const c = ctx({ fee: { kind: 'fixed', perOrder: 1 } });
    expect(sizeEntry({ kind: 'percent', percent: 100 }, c)).toBe(99);
  });

  it('takes the quantity whose cost equals the budget exactly, and not one more', () => {
    // 1 % commission, $100, equity $10,100: 100 × 100 + 1 % × 10,000 = $10,100 = budget;
    // 101 shares: 10,100 + 101 = $10,201 > budget.
    const c = ctx({ equity: 10_100, cash: 10_100, fee: { kind: 'percent', rate: 0.01 } });
    expect(sizeEntry({ kind: 'percent', percent: 100 }, c)).toBe(100);
    expect(cost(c, 100)).toBeLessThanOrEqual(10_100);
    expect(cost(c, 101)).toBeGreaterThan(10_100);
  });

  it('fits an IB-style minimum at the exact boundary', () => {
    // $0.005/share, min $1, cap 1 %, price $99.99: 100 × 99.99 = $9,999 + $1 (min) = $10,000.
    // 101 shares: $10,098.99 + $1 > $10,000.
    const c = ctx({ price: 99.99, fee: { kind: 'per-share', perShare: 0.005, minPerOrder: 1, maxFractionOfValue: 0.01 } });
    expect(sizeEntry({ kind: 'percent', percent: 100 }, c)).toBe(100);
    expect(cost(c, 101)).toBeGreaterThan(10_000);
  });

  it('counts fractional lots exactly', () => {
    // Lot 0.1, equity $0.30, price $0.10: 0.3 / 0.1 = 2.9999999999999996 in floating point, but 3 units fit.
    expect(sizeEntry({ kind: 'percent', percent: 100 }, ctx({ equity: 0.3, cash: 0.3, price: 0.1, lotSize: 0.1 }))).toBe(3);
    // Lot 0.001, 0.1 % commission, $1,000 at $250: q ≤ 1000 / 250.25 = 3.99600… → 3.996
    // (3.996: 999 + 0.999 = $999.999; 3.997: 999.25 + 0.99925 = $1,000.24925).
    const c = ctx({ equity: 1000, cash: 1000, price: 250, lotSize: 0.001, fee: { kind: 'percent', rate: 0.001 } });
    expect(sizeEntry({ kind: 'percent', percent: 100 }, c)).toBe(3.996);
    expect(cost(c, 3.997)).toBeGreaterThan(1000);
  });

  it('stays within cash for percent ≤ 100', () => {
    // 50 % of $10,000 = $5,000, but only $3,000 cash → 30 shares at $100.
    expect(sizeEntry({ kind: 'percent', percent: 50 }, ctx({ cash: 3000 }))).toBe(30);
  });

  it('uses the budget beyond cash for percent > 100 (leverage)', () => {
    // 200 % of $10,000 = $20,000 → 200 shares at $100.
    expect(sizeEntry({ kind: 'percent', percent: 200 }, ctx())).toBe(200);
  });

  it('gives 0 when not one lot is affordable, or for no price', () => {
    expect(sizeEntry({ kind: 'percent', percent: 100 }, ctx({ equity: 99, cash: 99 }))).toBe(0);
    expect(sizeEntry({ kind: 'percent', percent: 100 }, ctx({ equity: -500, cash: -500 }))).toBe(0);
    expect(sizeEntry({ kind: 'percent', percent: 100 }, ctx({ price: 0 }))).toBe(0);
  });
});

describe('sizeEntry: risk', () => {
  const big = { equity: 100_000, cash: 100_000, price: 50 };

  it('loses the percent of equity at the stop', () => {
    // 1 % of $100,000 = $1,000 at risk; $50 − $48 = $2 a share → 500 shares ($25,000, affordable).
    expect(sizeEntry({ kind: 'risk', percent: 1 }, ctx({ ...big, stopPrice: 48 }))).toBe(500);
    // A short with its stop at $52: the same distance.
    expect(sizeEntry({ kind: 'risk', percent: 1 }, ctx({ ...big, stopPrice: 52 }))).toBe(500);
  });

  it('gives 0 without a stop or with a stop at the price', () => {
    expect(sizeEntry({ kind: 'risk', percent: 1 }, ctx(big))).toBe(0);
    expect(sizeEntry({ kind: 'risk', percent: 1 }, ctx({ ...big, stopPrice: 50 }))).toBe(0);
  });

  it('never buys more than equity affords', () => {
    // $1,000 / $0.10 = 10,000 shares = $500,000 → capped at $100,000 / $50 = 2,000;
    // with a $1 commission 2,000 costs $100,001 → 1,999.
    expect(sizeEntry({ kind: 'risk', percent: 1 }, ctx({ ...big, stopPrice: 49.9 }))).toBe(2000);
    expect(sizeEntry({ kind: 'risk', percent: 1 }, ctx({ ...big, stopPrice: 49.9, fee: { kind: 'fixed', perOrder: 1 } }))).toBe(1999);
  });
});

describe('sizeEntry: atr', () => {
  it('loses the percent of equity over multiple × ATR', () => {
    // 2 % of $100,000 = $2,000; 2 × ATR 1.25 = $2.50 a share → 800 shares at $40 ($32,000).
    const sizing = SizingSchema.parse({ kind: 'atr', percent: 2, multiple: 2 });
    expect(sizeEntry(sizing, ctx({ equity: 100_000, cash: 100_000, price: 40, atr: 1.25 }))).toBe(800);
  });

  it('gives 0 while ATR warms up', () => {
    expect(sizeEntry({ kind: 'atr', percent: 2, multiple: 2, period: 14 }, ctx({ atr: NaN }))).toBe(0);
  });
});

describe('sizeEntry: kelly', () => {
  // 6 wins averaging $200, 4 losses averaging $100: W = 0.6, R = 2, f* = 0.6 − 0.4 / 2 = 0.4.
  const record = { wins: 6, losses: 4, grossWin: 1200, grossLoss: 400 };
  const big = { equity: 100_000, cash: 100_000, price: 50 };

  it('computes the Kelly fraction from W and R', () => {
    expect(kellyFraction(record)).toBeCloseTo(0.4, 14);
    // W = 0.3, R = 1: 0.3 − 0.7 = −0.4 (no edge).
    expect(kellyFraction({ wins: 3, losses: 7, grossWin: 300, grossLoss: 700 })).toBeCloseTo(-0.4, 14);
    // No losses: R = ∞, f* = W = 1.
    expect(kellyFraction({ wins: 5, losses: 0, grossWin: 500, grossLoss: 0 })).toBe(1);
    expect(kellyFraction(NO_TRADES)).toBe(0);
  });

  it('invests fraction × f* of equity', () => {
    // Half Kelly: 0.5 × 0.4 × $100,000 = $20,000 / $50 = 400 shares.
    const sizing = { kind: 'kelly', fraction: 0.5, minTrades: 10, fallback: 10 } as const;
    expect(sizeEntry(sizing, ctx({ ...big, closedTrades: record }))).toBe(400);
  });

  it('uses the fallback percent until minTrades trades have closed', () => {
    // 9 < 10 trades: 10 % of $100,000 = $10,000 / $50 = 200 shares.
    const sizing = SizingSchema.parse({ kind: 'kelly', fraction: 0.5, minTrades: 10 });
    expect(sizeEntry(sizing, ctx({ ...big, closedTrades: { wins: 5, losses: 4, grossWin: 1000, grossLoss: 400 } }))).toBe(200);
  });

  it('gives 0 without an edge', () => {
    const sizing = { kind: 'kelly', fraction: 1, minTrades: 10, fallback: 10 } as const;
    expect(sizeEntry(sizing, ctx({ ...big, closedTrades: { wins: 3, losses: 7, grossWin: 300, grossLoss: 700 } }))).toBe(0);
  });

  it('never buys more than equity affords', () => {
    // Full Kelly with f* = 1: $100,000 / $50 = 2,000 shares; with a $1 commission → 1,999.
    const sizing = { kind: 'kelly', fraction: 1, minTrades: 10, fallback: 10 } as const;
    const perfect = { wins: 20, losses: 0, grossWin: 2000, grossLoss: 0 };
    expect(sizeEntry(sizing, ctx({ ...big, closedTrades: perfect }))).toBe(2000);
    expect(sizeEntry(sizing, ctx({ ...big, closedTrades: perfect, fee: { kind: 'fixed', perOrder: 1 } }))).toBe(1999);
  });
});

describe('sizeEntry: bad input', () => {
  it('rejects a lot size that is not > 0', () => {
    expect(() => sizeEntry({ kind: 'fixed', qty: 1 }, ctx({ lotSize: 0 }))).toThrow(AppFailure);
  });
});
