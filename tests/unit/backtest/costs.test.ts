import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { CommissionSchema, type Commission } from '../../../src-shared/domain/backtest.ts';
import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import { CommissionModel } from '../../../src-workers/backtest/commission.ts';
import { SlippageModel } from '../../../src-workers/backtest/slippage.ts';

const JAN_3 = Date.UTC(2024, 0, 3);
const JAN_10 = Date.UTC(2024, 0, 10);
const JAN_20 = Date.UTC(2024, 0, 20);
const JAN_31_LAST_MS = Date.UTC(2024, 1, 1) - 1;
const FEB_1 = Date.UTC(2024, 1, 1);

/** The AppFailure `fn` throws (fails the test if it throws nothing or something else). */
function failureOf(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppFailure);
    return e as AppFailure;
  }
  throw new Error('expected an AppFailure, nothing was thrown');
}

describe('CommissionModel: simple kinds', () => {
  it('charges nothing for none', () => {
    expect(new CommissionModel({ kind: 'none' }).charge(100, 50, JAN_3, 'taker')).toBe(0);
  });

  it('charges a fraction of the value for percent, whatever the liquidity', () => {
    // 100 × $50 = $5,000; 0.1 % → $5.
    const m = new CommissionModel({ kind: 'percent', rate: 0.001 });
    expect(m.charge(100, 50, JAN_3, 'taker')).toBeCloseTo(5, 12);
    expect(m.charge(100, 50, JAN_3, 'maker')).toBeCloseTo(5, 12);
    // A sell passed as a negative quantity pays the same.
    expect(m.charge(-100, 50, JAN_3, 'taker')).toBeCloseTo(5, 12);
  });

  it('charges a flat amount per order for fixed, and nothing for no quantity', () => {
    const m = new CommissionModel({ kind: 'fixed', perOrder: 1 });
    expect(m.charge(1, 10, JAN_3, 'taker')).toBe(1);
    expect(m.charge(10_000, 10, JAN_3, 'taker')).toBe(1);
    expect(m.charge(0, 10, JAN_3, 'taker')).toBe(0);
  });
});

describe('CommissionModel: per-share (IB fixed-like: $0.005, min $1, cap 1 %)', () => {
  const ib = new CommissionModel({ kind: 'per-share', perShare: 0.005, minPerOrder: 1, maxFractionOfValue: 0.01 });

  it('charges the minimum for a small order', () => {
    // 100 × 0.005 = $0.50 < min $1; cap 1 % of $5,000 = $50 → $1.00.
    expect(ib.charge(100, 50, JAN_3, 'taker')).toBe(1);
  });

  it('charges shares × rate when the rate and the cap agree', () => {
    // 1000 × 0.005 = $5; cap 1 % of 1000 × $0.50 = $500 → $5 → $5.
    expect(ib.charge(1000, 0.5, JAN_3, 'taker')).toBeCloseTo(5, 12);
  });

  it('caps at 1 % of the value for a cheap stock', () => {
    // 1000 × 0.005 = $5; cap 1 % of 1000 × $0.25 = $250 → $2.50.
    expect(ib.charge(1000, 0.25, JAN_3, 'taker')).toBeCloseTo(2.5, 12);
  });

  it('lets the cap win over the minimum (as IB does)', () => {
    // 100 × 0.005 = $0.50 → min $1; cap 1 % of 100 × $0.50 = $50 → $0.50.
    expect(ib.charge(100, 0.5, JAN_3, 'taker')).toBeCloseTo(0.5, 12);
  });

  it('charges shares × rate for a large order', () => {
    // 10,000 × 0.005 = $50; cap 1 % of $200,000 = $2,000.
    expect(ib.charge(10_000, 20, JAN_3, 'taker')).toBeCloseTo(50, 10);
  });

  it('uses the schema defaults: no minimum, cap 100 %', () => {
    const m = new CommissionModel(CommissionSchema.parse({ kind: 'per-share', perShare: 0.005 }));
    // 100 × 0.005 = $0.50, no minimum.
    expect(m.charge(100, 50, JAN_3, 'taker')).toBeCloseTo(0.5, 12);
  });
});

describe('CommissionModel: tiered (monthly volume)', () => {
  // IB-like tiers: ≤ 300,000 shares/month $0.0035, ≤ 3,000,000 $0.002, beyond $0.0015; min $0.35, cap 1 %.
  const tiered: Commission = {
    kind: 'tiered',
    tiers: [
      { upTo: 300_000, perShare: 0.0035 },
      { upTo: 3_000_000, perShare: 0.002 },
      { upTo: Infinity, perShare: 0.0015 },
    ],
    minPerOrder: 0.35,
    maxFractionOfValue: 0.01,
  };

  it('charges the tier of the volume traded so far, crossing a tier within the month', () => {
    const m = new CommissionModel(tiered);
    // 0 traded → tier 1: 200,000 × 0.0035 = $700 (cap 1 % of $2,000,000 = $20,000).
    expect(m.charge(200_000, 10, JAN_3, 'taker')).toBeCloseTo(700, 9);
    // 200,000 traded < 300,000 → still tier 1 for the whole order: 150,000 × 0.0035 = $525.
    expect(m.charge(150_000, 10, JAN_10, 'taker')).toBeCloseTo(525, 9);
    // 350,000 traded → tier 2: 100,000 × 0.002 = $200.
    expect(m.charge(100_000, 10, JAN_20, 'taker')).toBeCloseTo(200, 9);
    // Last millisecond of January: 450,000 traded → tier 2: 1,000 × 0.002 = $2.
    expect(m.charge(1_000, 10, JAN_31_LAST_MS, 'taker')).toBeCloseTo(2, 12);
    // February starts from zero → tier 1: 100,000 × 0.0035 = $350.
    expect(m.charge(100_000, 10, FEB_1, 'taker')).toBeCloseTo(350, 9);
  });

  it('puts the share after exactly upTo in the next tier', () => {
    const m = new CommissionModel(tiered);
    m.charge(300_000, 10, JAN_3, 'taker');
    // 300,000 traded: the next share is the 300,001st → tier 2: 1,000 × 0.002 = $2.
    expect(m.charge(1_000, 10, JAN_10, 'taker')).toBeCloseTo(2, 12);
  });

  it('keeps charging the last tier beyond its upTo', () => {
    const m = new CommissionModel({ kind: 'tiered', tiers: [{ upTo: 100, perShare: 0.01 }, { upTo: 200, perShare: 0.005 }], minPerOrder: 0, maxFractionOfValue: 1 });
    m.charge(250, 10, JAN_3, 'taker'); // 0 traded → 250 × 0.01 = 2.5
    // 250 traded > 200: last tier → 100 × 0.005 = $0.50.
    expect(m.charge(100, 10, JAN_10, 'taker')).toBeCloseTo(0.5, 12);
  });

  it('applies the minimum and the cap', () => {
    const m = new CommissionModel(tiered);
    // 50 × 0.0035 = $0.175 → min $0.35 (cap 1 % of $500 = $5).
    expect(m.charge(50, 10, JAN_3, 'taker')).toBeCloseTo(0.35, 12);
    // 50 × 0.0035 = $0.175 → min $0.35 → cap 1 % of 50 × $0.20 = $0.10.
    expect(m.charge(50, 0.2, JAN_3, 'taker')).toBeCloseTo(0.1, 12);
  });

  it('starts a new run from zero after reset()', () => {
    const m = new CommissionModel(tiered);
    m.charge(400_000, 10, JAN_3, 'taker');
    expect(m.charge(1_000, 10, JAN_10, 'taker')).toBeCloseTo(2, 12); // tier 2
    m.reset();
    // Same month, but a new run: tier 1 → 1,000 × 0.0035 = $3.50.
    expect(m.charge(1_000, 10, JAN_10, 'taker')).toBeCloseTo(3.5, 12);
  });

  it('estimates without recording the shares', () => {
    const m = new CommissionModel(tiered);
    m.charge(400_000, 10, JAN_3, 'taker');
    // With the time: exactly what charge would do. January (tier 2): 1,000 × 0.002 = $2;
    // February (a fresh month, tier 1): $3.50.
    expect(m.estimate(1_000, 10, 'taker', JAN_10)).toBeCloseTo(2, 12);
    expect(m.estimate(1_000, 10, 'taker', FEB_1)).toBeCloseTo(3.5, 12);
    // Without it the month is unknown: the higher of both, $3.50, so a check made with it holds.
    expect(m.estimate(1_000, 10, 'taker')).toBeCloseTo(3.5, 12);
    // Nothing was recorded: still tier 2 in January (400,000 + 0, not + 3,000).
    expect(m.charge(1_000, 10, JAN_10, 'taker')).toBeCloseTo(2, 12);
  });

  it('rejects tiers that do not ascend', () => {
    const f = failureOf(
      () => new CommissionModel({ kind: 'tiered', tiers: [{ upTo: 1000, perShare: 0.01 }, { upTo: 500, perShare: 0.005 }], minPerOrder: 0, maxFractionOfValue: 1 }),
    );
    expect(f.code).toBe('VALIDATION_FAILED');
    expect(f.message).toContain('upTo 500 after 1000');
  });

  it('rejects a fill time that is not a number', () => {
    const m = new CommissionModel(tiered);
    expect(failureOf(() => m.charge(100, 10, NaN, 'taker')).code).toBe('VALIDATION_FAILED');
  });
});

describe('CommissionModel: maker-taker', () => {
  // Maker −0.02 % (a rebate), taker 0.07 %; 10 × $100 = $1,000 of value.
  const m = new CommissionModel({ kind: 'maker-taker', maker: -0.0002, taker: 0.0007 });

  it('pays the maker a rebate (a negative commission)', () => {
    expect(m.charge(10, 100, JAN_3, 'maker')).toBeCloseTo(-0.2, 12);
  });

  it('charges the taker rate', () => {
    expect(m.charge(10, 100, JAN_3, 'taker')).toBeCloseTo(0.7, 12);
    expect(m.estimate(10, 100, 'taker')).toBeCloseTo(0.7, 12);
  });
});

/** Bars from [high, low, close] rows and volumes, one a day. */
function bars(rows: [number, number, number][], volume?: number[]): BarColumns {
  return {
    time: Float64Array.from(rows, (_, i) => JAN_3 + i * 86_400_000),
    open: Float64Array.from(rows, (r) => r[2]),
    high: Float64Array.from(rows, (r) => r[0]),
    low: Float64Array.from(rows, (r) => r[1]),
    close: Float64Array.from(rows, (r) => r[2]),
    volume: Float64Array.from(volume ?? rows.map(() => 1000)),
  };
}

describe('SlippageModel', () => {
  const flat = bars([[10, 9, 9.5], [10, 9, 9.5]]);

  it('slips nothing for none', () => {
    expect(new SlippageModel({ kind: 'none' }, flat, 0).perUnit(1, 100, 10)).toBe(0);
  });

  it('slips a fixed number of ticks', () => {
    // 2 ticks × $0.01 = $0.02, whatever the price or size.
    const m = new SlippageModel({ kind: 'ticks', ticks: 2 }, flat, 0.01);
    expect(m.perUnit(1, 100, 10)).toBeCloseTo(0.02, 15);
    expect(m.perUnit(0, 5, 1_000_000)).toBeCloseTo(0.02, 15);
  });

  it('refuses ticks without a tick size', () => {
    const f = failureOf(() => new SlippageModel({ kind: 'ticks', ticks: 2 }, flat, 0));
    expect(f.code).toBe('VALIDATION_FAILED');
    expect(f.message).toContain('tickSize is 0');
  });

  it('slips basis points of the price', () => {
    // 5 bps of $200 = $0.10.
    expect(new SlippageModel({ kind: 'bps', bps: 5 }, flat, 0).perUnit(1, 200, 10)).toBeCloseTo(0.1, 14);
  });

  describe('atr', () => {
    // [high, low, close]; true ranges by hand (TR = max(h − l, |prevC − h|, |prevC − l|)):
    //  0: 10   9    9.5   —
    //  1: 11   9.5 10.5   max(1.5, 1.5, 0)    = 1.5
    //  2: 10.8 10  10.2   max(0.8, 0.3, 0.5)  = 0.8
    //  3: 12   10.1 11.8  max(1.9, 1.8, 0.1)  = 1.9
    //  4: 13.5 13  13.2   gap: max(0.5, 1.7, 1.2) = 1.7
    //  5: 13.4 12.6 13    max(0.8, 0.2, 0.6)  = 0.8
    //  6: 13.1 12.9 13
    // ATR(3): [3] = (1.5 + 0.8 + 1.9) / 3 = 1.4; [4] = (1.4 × 2 + 1.7) / 3 = 1.5;
    // [5] = (1.5 × 2 + 0.8) / 3 = 3.8 / 3.
    const rows: [number, number, number][] = [
      [10, 9, 9.5], [11, 9.5, 10.5], [10.8, 10, 10.2], [12, 10.1, 11.8], [13.5, 13, 13.2], [13.4, 12.6, 13], [13.1, 12.9, 13],
    ];
    const m = new SlippageModel({ kind: 'atr', fraction: 0.5, period: 3 }, bars(rows), 0);

    it('slips nothing at bar 0 and while the previous bar has no ATR', () => {
      for (const i of [0, 1, 2, 3]) expect(m.perUnit(i, 12, 100)).toBe(0);
    });

    it('slips a fraction of the previous bar\'s ATR', () => {
      expect(m.perUnit(4, 12, 100)).toBeCloseTo(0.5 * 1.4, 12);
      expect(m.perUnit(5, 12, 100)).toBeCloseTo(0.5 * 1.5, 12);
      expect(m.perUnit(6, 12, 100)).toBeCloseTo((0.5 * 3.8) / 3, 12);
    });

    it('does not look at the fill\'s own bar', () => {
      const changed = rows.map((r) => [...r] as [number, number, number]);
      changed[4] = [20, 5, 13.2]; // a huge range on bar 4 itself
      const other = new SlippageModel({ kind: 'atr', fraction: 0.5, period: 3 }, bars(changed), 0);
      expect(other.perUnit(4, 12, 100)).toBeCloseTo(0.7, 12);
    });
  });

  describe('volume', () => {
    const b = bars([[10, 9, 9.5], [10, 9, 9.5], [10, 9, 9.5], [10, 9, 9.5]], [1000, 2000, 0, 500]);
    const m = new SlippageModel({ kind: 'volume', impact: 0.1 }, b, 0);

    it('scales with the order size against the previous bar\'s volume', () => {
      // $50 × 0.1 × 100 / 1000 = $0.50; bar 2 uses bar 1's 2000 → $0.25.
      expect(m.perUnit(1, 50, 100)).toBeCloseTo(0.5, 14);
      expect(m.perUnit(2, 50, 100)).toBeCloseTo(0.25, 14);
      // A sell (negative quantity) slips the same amount against the trader.
      expect(m.perUnit(1, 50, -100)).toBeCloseTo(0.5, 14);
    });

    it('uses bar 0\'s own volume at bar 0', () => {
      expect(m.perUnit(0, 50, 100)).toBeCloseTo(0.5, 14);
    });

    it('slips nothing after a bar with no volume', () => {
      expect(m.perUnit(3, 50, 100)).toBe(0);
    });
  });
});
