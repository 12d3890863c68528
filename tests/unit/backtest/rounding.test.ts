import { describe, expect, it } from 'vitest';
import { floorLots, lotsToQty, roundPrice, roundQty } from '../../../src-workers/backtest/rounding.ts';

describe('roundPrice', () => {
  it('keeps a price that is on the grid up to floating error (1.13 / 0.01 = 112.99999999999999)', () => {
    // A naive Math.floor(1.13 / 0.01) × 0.01 gives 1.12.
    expect(roundPrice(1.13, 0.01, 'down')).toBe(1.13);
    expect(roundPrice(1.13, 0.01, 'up')).toBe(1.13);
    // 0.29 / 0.01 = 28.999999999999996 likewise; 10.07 happens to divide cleanly but must stay too.
    expect(roundPrice(0.29, 0.01, 'down')).toBe(0.29);
    expect(roundPrice(10.07, 0.01, 'down')).toBe(10.07);
    expect(roundPrice(10.07, 0.01, 'up')).toBe(10.07);
    expect(roundPrice(10.07, 0.01, 'nearest')).toBe(10.07);
  });

  it('returns the clean decimal for 0.1 + 0.2 at tick 0.1', () => {
    // 0.1 + 0.2 = 0.30000000000000004: on the grid, so 0.3 (not 0.4 up, and not the noisy sum).
    expect(roundPrice(0.1 + 0.2, 0.1, 'up')).toBe(0.3);
    expect(roundPrice(0.1 + 0.2, 0.1, 'down')).toBe(0.3);
    expect(roundPrice(0.1 + 0.2, 0.1, 'nearest')).toBe(0.3);
  });

  it('returns exactly the decimal for every cent from 0 to 100', () => {
    const wrong: string[] = [];
    for (let c = 0; c <= 10_000; c++) {
      const price = c / 100; // the double nearest the decimal
      const viaSum = (c - 1) / 100 + 0.01; // the same price reached by arithmetic
      for (const mode of ['up', 'down', 'nearest'] as const) {
        if (roundPrice(price, 0.01, mode) !== price) wrong.push(`${price} ${mode}`);
        if (roundPrice(viaSum, 0.01, mode) !== price) wrong.push(`${viaSum} ${mode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps large on-grid prices', () => {
    expect(roundPrice(99999.99, 0.01, 'down')).toBe(99999.99);
    expect(roundPrice(123456.78 + 0.01, 0.01, 'up')).toBe(123456.79);
  });

  it('rounds off-grid prices up, down and to the nearest tick', () => {
    expect(roundPrice(10.003, 0.01, 'up')).toBe(10.01);
    expect(roundPrice(10.003, 0.01, 'down')).toBe(10);
    expect(roundPrice(10.003, 0.01, 'nearest')).toBe(10);
    expect(roundPrice(10.007, 0.01, 'nearest')).toBe(10.01);
  });

  it('does not snap a price that is really off the grid', () => {
    // 10.0700001 is 0.00001 ticks above 10.07: up goes to the next tick.
    expect(roundPrice(10.0700001, 0.01, 'up')).toBe(10.08);
  });

  it('rounds a decimal tie away from zero', () => {
    // 1.005 is stored as 1.00499999999999989…, but it is the decimal half tick
    // (a naive Math.round(1.005 / 0.01) / 100 gives 1).
    expect(roundPrice(1.005, 0.01, 'nearest')).toBe(1.01);
    expect(roundPrice(10.005, 0.01, 'nearest')).toBe(10.01);
    expect(roundPrice(-10.005, 0.01, 'nearest')).toBe(-10.01);
  });

  it('rounds to quarter ticks and to ticks above 1', () => {
    // 10.3 lies between 10.25 and 10.5, 0.05 from 10.25.
    expect(roundPrice(10.3, 0.25, 'up')).toBe(10.5);
    expect(roundPrice(10.3, 0.25, 'down')).toBe(10.25);
    expect(roundPrice(10.3, 0.25, 'nearest')).toBe(10.25);
    // 1234 / 5 = 246.8.
    expect(roundPrice(1234, 5, 'nearest')).toBe(1235);
    expect(roundPrice(1234, 5, 'down')).toBe(1230);
  });

  it('rounds to a crypto tick of 1e-8', () => {
    expect(roundPrice(43250.123456789, 0.00000001, 'down')).toBe(43250.12345678);
    expect(roundPrice(43250.123456789, 0.00000001, 'up')).toBe(43250.12345679);
  });

  it('rounds negative prices towards −∞ (down) and +∞ (up), never giving −0', () => {
    expect(roundPrice(-1.234, 0.01, 'down')).toBe(-1.24);
    expect(roundPrice(-1.234, 0.01, 'up')).toBe(-1.23);
    expect(Object.is(roundPrice(-0.001, 0.01, 'nearest'), 0)).toBe(true);
    expect(Object.is(roundPrice(-0.001, 0.01, 'up'), 0)).toBe(true);
  });

  it('leaves the price unchanged with tick size 0', () => {
    expect(roundPrice(10.123456, 0, 'up')).toBe(10.123456);
    expect(roundPrice(10.123456, 0, 'nearest')).toBe(10.123456);
  });
});

describe('roundQty', () => {
  it('counts 0.3 at lot 0.1 as 3 lots, not 2', () => {
    // 0.3 / 0.1 = 2.9999999999999996; a naive floor gives 0.2.
    expect(roundQty(0.3, 0.1)).toBe(0.3);
    expect(floorLots(0.3, 0.1)).toBe(3);
    // 0.7 / 0.1 = 6.999999999999999; a naive floor × 0.1 gives 0.6000000000000001.
    expect(roundQty(0.7, 0.1)).toBe(0.7);
  });

  it('returns the clean decimal for every tenth from 0 to 100', () => {
    const wrong: number[] = [];
    for (let k = 0; k <= 1000; k++) if (roundQty(k / 10, 0.1) !== k / 10) wrong.push(k / 10);
    expect(wrong).toEqual([]);
  });

  it('rounds down to the lot', () => {
    expect(roundQty(157.9, 1)).toBe(157);
    expect(roundQty(0.123456789, 0.0001)).toBe(0.1234);
    expect(roundQty(250, 100)).toBe(200);
    expect(roundQty(99.99, 100)).toBe(0);
  });

  it('rounds a negative quantity towards zero', () => {
    expect(roundQty(-0.35, 0.1)).toBe(-0.3);
  });

  it('builds clean quantities from lot counts', () => {
    expect(lotsToQty(3, 0.1)).toBe(0.3);
    expect(lotsToQty(3996, 0.001)).toBe(3.996);
    expect(lotsToQty(0, 0.1)).toBe(0);
  });
});
