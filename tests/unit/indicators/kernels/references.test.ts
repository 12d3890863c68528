import { describe, expect, it } from 'vitest';
import type { Timeframe } from '../../../../src-shared/domain/timeframe.ts';
import { generateBars } from '../../../../src-workers/bars/demo-data.ts';
import * as K from '../../../../src-workers/indicators/kernels/index.ts';
import { sharedDataDir } from '../../../support/shared-data.ts';
import { daily, firstMismatch, ta, warmup, type DailyBars } from './fixtures.ts';

// Kernels TA-Lib has no function for (VWAP, Donchian, Keltner) are checked against deliberately naive
// reference implementations written here — plain loops over each window or session, no shared code
// with the kernels — to 1e-9 relative; the parts TA-Lib does define (MAX/MIN for Donchian's bands,
// EMA and ATR inside Keltner) are also checked against TA-Lib.
const TOL = 1e-9;
const DAY = 86_400_000;

function naiveVwap(b: Pick<DailyBars, 'time' | 'high' | 'low' | 'close' | 'volume'>, anchor: 'day' | 'none'): Float64Array {
  const out = new Float64Array(b.close.length);
  for (let i = 0; i < out.length; i++) {
    // Walk back to the session start, then sum forward.
    let start = i;
    if (anchor === 'none') start = 0;
    else while (start > 0 && Math.floor(b.time[start - 1]! / DAY) === Math.floor(b.time[i]! / DAY)) start--;
    let pv = 0;
    let v = 0;
    for (let j = start; j <= i; j++) {
      pv += ((b.high[j]! + b.low[j]! + b.close[j]!) / 3) * b.volume[j]!;
      v += b.volume[j]!;
    }
    out[i] = v === 0 ? NaN : pv / v;
  }
  return out;
}

function naiveDonchian(b: DailyBars, p: number) {
  const n = b.close.length;
  const upper = new Float64Array(n).fill(NaN);
  const lower = new Float64Array(n).fill(NaN);
  const middle = new Float64Array(n).fill(NaN);
  for (let i = p - 1; i < n; i++) {
    const highs = Array.from(b.high.subarray(i - p + 1, i + 1));
    const lows = Array.from(b.low.subarray(i - p + 1, i + 1));
    upper[i] = Math.max(...highs);
    lower[i] = Math.min(...lows);
    middle[i] = (upper[i]! + lower[i]!) / 2;
  }
  return { upper, middle, lower };
}

function naiveKeltner(b: DailyBars, p: number, m: number, atrP: number) {
  const n = b.close.length;
  const mid = new Float64Array(n).fill(NaN);
  const atr = new Float64Array(n).fill(NaN);
  // EMA seeded with the plain average of the first p closes.
  let seed = 0;
  for (let i = 0; i < Math.min(p, n); i++) seed += b.close[i]!;
  if (p <= n) {
    mid[p - 1] = seed / p;
    for (let i = p; i < n; i++) mid[i] = mid[i - 1]! + (2 / (p + 1)) * (b.close[i]! - mid[i - 1]!);
  }
  // Wilder ATR from the true ranges of bars 1 … atrP.
  const tr = (i: number) => Math.max(b.high[i]! - b.low[i]!, Math.abs(b.high[i]! - b.close[i - 1]!), Math.abs(b.low[i]! - b.close[i - 1]!));
  if (atrP < n) {
    let sum = 0;
    for (let i = 1; i <= atrP; i++) sum += tr(i);
    atr[atrP] = sum / atrP;
    for (let i = atrP + 1; i < n; i++) atr[i] = (atr[i - 1]! * (atrP - 1) + tr(i)) / atrP;
  }
  return {
    middle: mid,
    upper: mid.map((x, i) => x + m * atr[i]!),
    lower: mid.map((x, i) => x - m * atr[i]!),
  };
}

describe.skipIf(!sharedDataDir)('kernels without a TA-Lib function agree with naive references', () => {
  for (const b of daily) {
    describe(b.name, () => {
      it.each(['day', 'none'] as const)('VWAP anchored %s', (anchor) => {
        const ours = K.vwap(b.time, b.high, b.low, b.close, b.volume, anchor);
        const ref = naiveVwap(b, anchor);
        // The daily files have one bar per UTC date, so 'day' is the bar's own typical price — or NaN
        // where the volume is 0 (all of ESTX50's index bars): no trade, no price.
        expect(firstMismatch(ours, ref, TOL)).toBeNull();
      });
      it.each([1, 5, 20, 55])('Donchian(%i)', (p) => {
        const ours = K.donchian(b.high, b.low, p);
        const ref = naiveDonchian(b, p);
        for (const k of ['upper', 'middle', 'lower'] as const) expect(firstMismatch(ours[k], ref[k], 0), k).toBeNull();
        if (p >= 2) {
          expect(firstMismatch(ours.upper, ta('MAX', { inReal: b.high }, { optInTimePeriod: p }), 0)).toBeNull();
          expect(firstMismatch(ours.lower, ta('MIN', { inReal: b.low }, { optInTimePeriod: p }), 0)).toBeNull();
        }
      });
      it.each([
        [20, 2, 10],
        [10, 1.5, 20],
        [1, 1, 1],
      ])('Keltner(%i, %f, %i)', (p, m, atrP) => {
        const ours = K.keltner(b.high, b.low, b.close, p, m, atrP);
        const ref = naiveKeltner(b, p, m, atrP);
        expect(warmup(ours.middle)).toBe(p - 1);
        expect(warmup(ours.upper)).toBe(Math.max(p - 1, atrP));
        for (const k of ['upper', 'middle', 'lower'] as const) expect(firstMismatch(ours[k], ref[k], TOL), k).toBeNull();
        if (p >= 2) expect(firstMismatch(ours.middle, ta('EMA', { inReal: b.close }, { optInTimePeriod: p }), TOL)).toBeNull();
      });
    });
  }
});

describe('VWAP anchored to the UTC day on intraday bars', () => {
  it('restarts at 00:00 UTC and matches the naive per-session reference', () => {
    const bars = generateBars({
      seed: 5, start: Date.UTC(2024, 2, 4, 21), count: 2_000, timeframe: '5m' as Timeframe,
      startPrice: 50, annualVolatility: 0.4, annualDrift: 0, session: 'always',
    });
    const ours = K.vwap(bars.time, bars.high, bars.low, bars.close, bars.volume, 'day');
    expect(firstMismatch(ours, naiveVwap(bars, 'day'), TOL)).toBeNull();
    // The first bar of each UTC day is its own typical price.
    for (let i = 1; i < bars.time.length; i++) {
      if (Math.floor(bars.time[i]! / DAY) === Math.floor(bars.time[i - 1]! / DAY)) continue;
      if (bars.volume[i] === 0) continue;
      expect(ours[i]).toBeCloseTo((bars.high[i]! + bars.low[i]! + bars.close[i]!) / 3, 12);
    }
  });
});
