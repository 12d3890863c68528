import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Divisor, ExactSum } from '../../../../src-workers/indicators/exact-sum.ts';
import { WindowSum } from '../../../../src-workers/indicators/kernels/window-sum.ts';
import { windowMeans } from '../../../../src-workers/indicators/kernels/window-mean.ts';
import * as K from '../../../../src-workers/indicators/kernels/index.ts';
import { createKernelStream } from '../../../../src-workers/indicators/streams/index.ts';
import { sharedDataDir } from '../../../support/shared-data.ts';
import { barAt } from './cases.ts';
import { daily } from './fixtures.ts';

// Independent reference: exact rationals with BigInt. A double is an integer multiple of 2^-1074; we
// scale everything by 2^1100 and check the "correctly rounded" property directly:
// |exact − d·result| ≤ d·ulp/2, ties to an even last bit.

function toBig(x: number): bigint {
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const mantissa = (bits & ((1n << 52n) - 1n)) | (exponent === 0 ? 0n : 1n << 52n);
  const shifted = mantissa << BigInt((exponent === 0 ? -1074 : exponent - 1075) + 1100);
  return bits >> 63n ? -shifted : shifted;
}

function neighbour(x: number, up: boolean): number {
  const view = new DataView(new ArrayBuffer(8));
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, (x > 0) === up ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** True if `got` is the correctly rounded (ties to even) value of exact / d. */
function correctlyRounded(got: number, exact: bigint, d: bigint): boolean {
  const g = toBig(got);
  const diff = exact - d * g;
  if (diff === 0n) return true;
  const toward = diff > 0n ? neighbour(got, true) : neighbour(got, false);
  const gap = toBig(toward) - g;
  const twice = 2n * (diff < 0n ? -diff : diff);
  const limit = (gap < 0n ? -gap : gap) * d;
  if (twice !== limit) return twice < limit;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, got);
  return (view.getBigUint64(0) & 1n) === 0n;
}

// Results in the subnormal range (|x| < 2^-1022) are outside the guarantee (documented): the generators
// keep values either 0 or well above it; subnormal inputs appear only beside normal ones.
const normal = (x: number) => (Math.abs(x) < 1e-280 ? 0 : x);
const prices = fc.integer({ min: 1, max: 10_000_000 }).map((k) => k / 100);
const anyScale = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }).map(normal);
const wideRange = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -60, max: 60 })).map(([m, e]) => normal(m * 2 ** e));
/** Sums of a few powers of two: partials with sparse bits, where lower partials are large relative to higher ones. */
const sparseBits = fc
  .array(fc.tuple(fc.integer({ min: -90, max: 40 }), fc.boolean()), { minLength: 1, maxLength: 3 })
  .map((terms) => terms.reduce((s, [e, neg]) => s + (neg ? -1 : 1) * 2 ** e, 0));

describe('exact sums and correctly rounded means', () => {
  for (const [label, values] of [
    ['two-decimal prices', prices],
    ['any doubles up to 1e12', anyScale],
    ['magnitudes spread over 2^±60', wideRange],
    ['sparse-bit values', sparseBits],
    ['a mix with subnormals', fc.oneof(prices, fc.constantFrom(5e-324, -5e-324, 2 ** -1060), wideRange)],
  ] as const) {
    it(`ExactSum and WindowSum hold the exact value of ${label}: value() and div(d) are correctly rounded`, () => {
      fc.assert(
        fc.property(fc.tuple(prices, fc.array(values, { maxLength: 60 })).map(([p, xs]) => [p, ...xs]), fc.integer({ min: 1, max: 200 }), (xs, d) => {
          const exact = xs.reduce((s, x) => s + toBig(x), 0n);
          const es = new ExactSum(2);
          const ws = new WindowSum();
          for (const x of xs) {
            es.add(x);
            ws.add(x);
          }
          const dv = new Divisor(d);
          return (
            correctlyRounded(es.value(), exact, 1n) &&
            correctlyRounded(ws.value(), exact, 1n) &&
            correctlyRounded(es.div(dv), exact, BigInt(d)) &&
            correctlyRounded(ws.div(dv), exact, BigInt(d))
          );
        }),
        { numRuns: 400 },
      );
    });
  }

  it('a sliding window gives the same mean as summing the window afresh, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(prices, wideRange, sparseBits), { minLength: 30, maxLength: 200 }), fc.integer({ min: 1, max: 30 }), (xs, p) => {
        const sliding = new WindowSum();
        const dv = new Divisor(p);
        for (let i = 0; i < xs.length; i++) {
          if (i < p) sliding.add(xs[i]!);
          else sliding.addDiff(xs[i]!, xs[i - p]!);
          if (i < p - 1) continue;
          const fresh = new WindowSum();
          for (let j = i - p + 1; j <= i; j++) fresh.add(xs[j]!);
          if (sliding.div(dv) !== fresh.div(dv)) return false;
          const exact = xs.slice(i - p + 1, i + 1).reduce((s, x) => s + toBig(x), 0n);
          if (!correctlyRounded(sliding.div(dv), exact, BigInt(p))) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('the sma kernel (two-local fast path, WindowSum fallback) gives every window its correctly rounded mean', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(prices, prices, wideRange, sparseBits), { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 25 }), (xs, p) => {
        const ours = K.sma(Float64Array.from(xs), p);
        for (let i = 0; i < xs.length; i++) {
          if (i < p - 1) {
            if (!Number.isNaN(ours[i])) return false;
            continue;
          }
          const exact = xs.slice(i - p + 1, i + 1).reduce((sum, x) => sum + toBig(x), 0n);
          if (!correctlyRounded(ours[i]!, exact, BigInt(p))) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('windowMeans (TwoSum fast path, WindowSum fallback) gives every window without NaN its correctly rounded mean, NaN otherwise', () => {
    const withNaN = fc.oneof(prices, wideRange, sparseBits, anyScale, fc.constant(NaN));
    fc.assert(
      fc.property(fc.array(withNaN, { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 5 }), (xs, p, start) => {
        const src = Float64Array.from(xs);
        const out = new Float64Array(xs.length).fill(-1);
        windowMeans(src, out, start, p);
        for (let i = 0; i < xs.length; i++) {
          if (i < start) {
            if (out[i] !== -1) return false; // nothing before start is written
            continue;
          }
          const window = xs.slice(i - p + 1, i + 1);
          if (i < start + p - 1 || window.some(Number.isNaN)) {
            if (!Number.isNaN(out[i])) return false;
            continue;
          }
          const exact = window.reduce((sum, x) => sum + toBig(x), 0n);
          if (!correctlyRounded(out[i]!, exact, BigInt(p))) return false;
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it('the obv kernel (plain sum + exact error sum, WindowSum fallback) gives every running total correctly rounded', () => {
    const volumes = fc.oneof(prices, fc.double({ min: 0, max: 1e12, noNaN: true }).map(normal), sparseBits.map(Math.abs), wideRange.map(Math.abs));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), volumes), { minLength: 1, maxLength: 150 }), (rows) => {
        const close = Float64Array.from(rows, ([c]) => c);
        const volume = Float64Array.from(rows, ([, v]) => v);
        const ours = K.obv(close, volume);
        let exact = toBig(volume[0]!);
        if (!correctlyRounded(ours[0]!, exact, 1n)) return false;
        for (let i = 1; i < rows.length; i++) {
          const v = toBig(volume[i]!);
          if (close[i]! > close[i - 1]!) exact += v;
          else if (close[i]! < close[i - 1]!) exact -= v;
          if (!correctlyRounded(ours[i]!, exact, 1n)) return false;
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it('the wma kernel gives every window its correctly rounded weighted mean (exact weighted sum)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(prices, prices, wideRange, sparseBits), { minLength: 1, maxLength: 100 }), fc.integer({ min: 1, max: 20 }), (xs, p) => {
        const ours = K.wma(Float64Array.from(xs), p);
        const divisor = BigInt((p * (p + 1)) / 2);
        for (let i = p - 1; i < xs.length; i++) {
          let exact = 0n;
          for (let w = 1; w <= p; w++) exact += BigInt(w) * toBig(xs[i - p + w]!);
          if (!correctlyRounded(ours[i]!, exact, divisor)) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('exact halfway quotients round to even (decimal prices often land exactly between two doubles)', () => {
    const e = 2 ** -53;
    const mean = (xs: number[], d: number) => {
      const s = new WindowSum();
      xs.forEach((x) => s.add(x));
      return s.div(new Divisor(d));
    };
    expect(mean([1, e], 2)).toBe(0.5); // 0.5 + 2^-54: halfway between 0.5 and 0.5 + 2^-53 → even 0.5
    expect(mean([1, 3 * e], 2)).toBe(0.5 + 2 * e); // halfway above 0.5 + 2^-53 → even 0.5 + 2^-52
    expect(mean([3, 3 * e], 3)).toBe(1); // 1 + 2^-53: halfway between 1 and 1 + 2^-52 → even 1
    expect(mean([0.1, 0.1, 0.1], 3)).toBe(0.1); // (fl(0.3...)/3 would give 0.10000000000000002)
    expect(mean([-1, -e], 2)).toBe(-0.5);
  });

  it('a window sum that needs more than two partials spills to the general form and comes back', () => {
    const s = new WindowSum();
    s.add(1e16);
    s.add(1);
    s.add(2 ** -60); // 1e16 + 1 + 2^-60 spans 114 bits: three partials
    expect(s.spilled).toBe(true);
    expect(s.value()).toBe(1e16 + 2); // just above halfway between 1e16 and 1e16 + 2
    expect(s.div(new Divisor(4))).toBe(2.5e15 + 0.5);
    s.add(-1e16);
    expect(s.spilled).toBe(false);
    expect(s.value()).toBe(1); // 1 + 2^-60 rounds to 1
    expect(s.s0).toBe(2 ** -60);
  });
});

describe.skipIf(!sharedDataDir)('equal averages compare equal on real prices', () => {
  it('ORCL 2004-06-29: SMA10 === SMA30 === 11.375 (a running sum gives 11.375000000000004 and 11.37499999999998)', () => {
    const orcl = daily.find((d) => d.name.startsWith('orcl'))!;
    const i = orcl.date.indexOf('2004-06-29');
    expect(i).toBeGreaterThan(0);
    // The closes themselves: the last 10 sum to 113.75, the last 30 to 341.25.
    expect(orcl.close[i]).toBe(11.77);
    const sma10 = K.sma(orcl.close, 10);
    const sma30 = K.sma(orcl.close, 30);
    expect(sma10[i]).toBe(11.375);
    expect(sma30[i]).toBe(11.375);
    const running = (p: number) => {
      let s = 0;
      for (let j = 0; j <= i; j++) s += orcl.close[j]! - (j >= p ? orcl.close[j - p]! : 0);
      return s / p;
    };
    expect(running(10)).not.toBe(running(30));
    // The streams agree, and a crossover test sees no cross that day.
    const s10 = createKernelStream('sma', { period: 10 });
    const s30 = createKernelStream('sma', { period: 30 });
    for (let j = 0; j <= i; j++) {
      s10.add(barAt(orcl, j));
      s30.add(barAt(orcl, j));
    }
    expect(s10.values[0]).toBe(s30.values[0]);
  });

  it('on all four files, whenever two SMAs of the same bar are mathematically equal, they are ===', () => {
    const periods = [2, 3, 4, 5, 6, 8, 9, 10, 12, 14, 15, 20, 21, 25, 30, 40, 50];
    let equalPairs = 0;
    for (const b of daily) {
      const smas = periods.map((p) => K.sma(b.close, p));
      const big = Array.from(b.close, toBig);
      const prefix = [0n];
      for (const x of big) prefix.push(prefix[prefix.length - 1]! + x);
      for (let i = 0; i < b.close.length; i++) {
        for (let a = 0; a < periods.length; a++) {
          for (let c = a + 1; c < periods.length; c++) {
            const pa = periods[a]!;
            const pc = periods[c]!;
            if (i + 1 < pc) continue;
            // sum_a / pa === sum_c / pc, exactly
            const sa = prefix[i + 1]! - prefix[i + 1 - pa]!;
            const sc = prefix[i + 1]! - prefix[i + 1 - pc]!;
            if (sa * BigInt(pc) !== sc * BigInt(pa)) continue;
            equalPairs++;
            expect(smas[a]![i], `${b.name} bar ${i}: SMA${pa} vs SMA${pc}`).toBe(smas[c]![i]);
          }
        }
      }
    }
    // Dividing a correctly rounded sum instead (two roundings) leaves 17 of the 198 groups of equal
    // means on these files unequal.
    expect(equalPairs).toBeGreaterThan(100);
  });
});
