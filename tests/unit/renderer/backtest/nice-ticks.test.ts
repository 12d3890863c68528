import { describe, expect, it } from 'vitest';
import { linearScale } from '../../../../src-renderer/ui/plot/linear-scale.ts';
import { niceScale } from '../../../../src-renderer/ui/plot/nice-ticks.ts';
import { formatSigned, formatTick } from '../../../../src-renderer/ui/plot/tick-format.ts';

describe('niceScale', () => {
  it('labels 0..1 every 0.2, exactly', () => {
    const s = niceScale(0, 1, 5);
    expect(s.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(s).toMatchObject({ min: 0, max: 1, step: 0.2, decimals: 1 });
  });

  it('widens −3.7..12.1 to −5..15 in steps of 5', () => {
    // Steps 1 and 2 need 17 and 9 intervals (−4..13, −4..14); 5 needs 4 (−5..15).
    const s = niceScale(-3.7, 12.1, 5);
    expect(s.ticks).toEqual([-5, 0, 5, 10, 15]);
    expect(s).toMatchObject({ min: -5, max: 15, step: 5, decimals: 0 });
  });

  it('does not widen a bound that is a whole number of steps up to rounding (0.3 = 3 × 0.1)', () => {
    expect(niceScale(0, 0.3, 3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('uses thousands for large ranges', () => {
    // 0..12345 in at most 5 intervals: 1000 and 2000 need 13 and 7, 5000 needs 3.
    expect(niceScale(0, 12345, 5).ticks).toEqual([0, 5000, 10000, 15000]);
  });

  it('ends a negative range at 0, not −0', () => {
    const s = niceScale(-0.7, -0.1, 5);
    expect(s.ticks).toEqual([-0.8, -0.6, -0.4, -0.2, 0]);
    expect(Object.is(s.max, 0)).toBe(true);
  });

  it('gives a single value a scale around it', () => {
    expect(niceScale(5, 5, 5).ticks).toEqual([4.5, 5, 5.5]);
    expect(niceScale(0, 0, 5).ticks).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  it('accepts the bounds in either order', () => {
    expect(niceScale(12.1, -3.7, 5)).toEqual(niceScale(-3.7, 12.1, 5));
  });

  it('refuses non-finite bounds', () => {
    expect(() => niceScale(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('linearScale', () => {
  it('maps the domain onto a reversed pixel range (SVG y grows downwards)', () => {
    const y = linearScale([0, 10], [200, 0]);
    expect([y(0), y(5), y(10)]).toEqual([200, 100, 0]);
  });

  it('maps a zero-width domain to the middle of the range', () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });
});

describe('tick and value formats', () => {
  it('writes ticks to the step, with a true minus and k for thousands', () => {
    expect(formatTick(0.6, { step: 0.2, decimals: 1 })).toBe('0.6');
    expect(formatTick(-5, { step: 5, decimals: 0 })).toBe('\u22125');
    expect(formatTick(15000, { step: 5000, decimals: 0 })).toBe('15k');
    expect(formatTick(-2_000_000, { step: 1_000_000, decimals: 0 })).toBe('\u22122M');
  });

  it('signs values and never writes −0.00', () => {
    expect(formatSigned(1.234, 2)).toBe('+1.23');
    expect(formatSigned(-0.4, 2)).toBe('\u22120.40');
    expect(formatSigned(-0.001, 2)).toBe('0.00');
  });
});
