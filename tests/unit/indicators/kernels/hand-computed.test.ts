import { describe, expect, it } from 'vitest';
import * as K from '../../../../src-workers/indicators/kernels/index.ts';

// Small examples worked out by hand (the arithmetic is in the comments). NaN marks "no value yet".
const f = (...v: number[]) => Float64Array.from(v);
const N = NaN;

function expectSeries(actual: Float64Array, expected: number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i], `bar ${i}`).toBeNaN();
    else expect(actual[i], `bar ${i}`).toBeCloseTo(e, digits);
  });
}

// Three bars used by several examples: (high, low, close) = (10, 8, 9), (11, 9, 10), (12, 9, 11),
// (11, 7, 8), (13, 10, 12). True ranges from bar 1: max(11−9, |9−11|, |9−9|) = 2;
// max(12−9, |10−12|, |10−9|) = 3; max(11−7, |11−11|, |11−7|) = 4; max(13−10, |8−13|, |8−10|) = 5.
const H = f(10, 11, 12, 11, 13);
const L = f(8, 9, 9, 7, 10);
const C = f(9, 10, 11, 8, 12);

describe('kernels on hand-computed examples', () => {
  it('sma: (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4', () => {
    expectSeries(K.sma(f(1, 2, 3, 4, 5), 3), [N, N, 2, 3, 4]);
  });
  it('ema(3), k = 0.5: seed (2+4+6)/3 = 4; (8−4)·0.5+4 = 6; (4−6)·0.5+6 = 5', () => {
    expectSeries(K.ema(f(2, 4, 6, 8, 4), 3), [N, N, 4, 6, 5]);
  });
  it('wma(3), weights 1,2,3 over 6: (1+4+9)/6 = 7/3; (2+6+12)/6 = 10/3', () => {
    expectSeries(K.wma(f(1, 2, 3, 4), 3), [N, N, 7 / 3, 10 / 3]);
  });
  it('rsi(2): moves +1,+2,−1,+2; seed gain 1.5 loss 0 → 100; gain (1.5+0)/2 = .75, loss (0+1)/2 = .5 → 60; gain (.75+2)/2 = 1.375, loss .25 → 1100/13', () => {
    expectSeries(K.rsi(f(1, 2, 4, 3, 5), 2), [N, N, 100, 60, 1100 / 13]);
  });
  it('rsi is NaN while nothing has moved (0/0)', () => {
    expectSeries(K.rsi(f(5, 5, 5, 6), 2), [N, N, N, 100]);
  });
  it('macd(2, 3, 2) on 1,2,3,5,4: at bar 2 slow = mean(1,2,3) = 2, fast = mean(2,3) = 2.5; bar 3: fast = (5−2.5)·2/3+2.5 = 25/6, slow = (5−2)/2+2 = 3.5 → macd 2/3, signal = mean(0.5, 2/3) = 7/12, hist 1/12; bar 4: fast = 73/18, slow = 3.75 → macd 11/36, signal = (11/36−7/12)·2/3+7/12 = 43/108, hist −5/54', () => {
    const m = K.macd(f(1, 2, 3, 5, 4), 2, 3, 2);
    expectSeries(m.macd, [N, N, N, 2 / 3, 11 / 36]);
    expectSeries(m.signal, [N, N, N, 7 / 12, 43 / 108]);
    expectSeries(m.histogram, [N, N, N, 1 / 12, -5 / 54]);
  });
  it('macd(2, 3, 1): the signal of one value is the macd itself, from bar 2 (0.5 = 2.5 − 2)', () => {
    const m = K.macd(f(1, 2, 3, 5), 2, 3, 1);
    expectSeries(m.macd, [N, N, 0.5, 2 / 3]);
    expectSeries(m.signal, [N, N, 0.5, 2 / 3]);
    expectSeries(m.histogram, [N, N, 0, 0]);
  });
  it('bollinger(8, 2) and stddev(8) on 2,4,4,4,5,5,7,9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, σ = √(32/8) = 2 → 9 and 1', () => {
    const x = f(2, 4, 4, 4, 5, 5, 7, 9);
    const bb = K.bollinger(x, 8, 2);
    expectSeries(bb.middle, [N, N, N, N, N, N, N, 5]);
    expectSeries(bb.upper, [N, N, N, N, N, N, N, 9]);
    expectSeries(bb.lower, [N, N, N, N, N, N, N, 1]);
    expectSeries(K.stddev(x, 8), [N, N, N, N, N, N, N, 2]);
  });
  it('stddev of a flat window is exactly 0', () => {
    expect(K.stddev(f(0.1, 0.1, 0.1, 0.1), 3)[3]).toBe(0);
  });
  it('atr(2): seed (2+3)/2 = 2.5; (2.5·1 + 4)/2 = 3.25; (3.25 + 5)/2 = 4.125', () => {
    expectSeries(K.atr(H, L, C, 2), [N, N, 2.5, 3.25, 4.125]);
  });
  it('adx(2): +DM 1,1,0,2 / −DM 0,0,2,0; bar 2: +DM sum 1−0.5+1 = 1.5, TR 2−1+3 = 4 → +DI 37.5, −DI 0, DX 100; bar 3: +DM .75, −DM 2, TR 6 → +DI 12.5, −DI 100/3, DX 500/11 → ADX (100+500/11)/2 = 800/11; bar 4: +DM 2.375, −DM 1, TR 8 → +DI 29.6875, −DI 12.5, DX 1100/27 → ADX (800/11+1100/27)/2', () => {
    const a = K.adx(H, L, C, 2);
    expectSeries(a.plusDI, [N, N, 37.5, 12.5, 29.6875]);
    expectSeries(a.minusDI, [N, N, 0, 100 / 3, 12.5]);
    expectSeries(a.adx, [N, N, N, 800 / 11, (800 / 11 + 1100 / 27) / 2]);
  });
  it('stochastic(3, 1, 2): bar 2 HH 5 LL 1 → (4−1)/(4/100) = 75; bar 3 HH 6 LL 2 → (3−2)/(4/100) = 25; d = (75+25)/2 = 50', () => {
    const s = K.stochastic(f(3, 4, 5, 6), f(1, 2, 2, 3), f(2, 3, 4, 3), 3, 1, 2);
    expectSeries(s.k, [N, N, N, 25]);
    expectSeries(s.d, [N, N, N, 50]);
  });
  it('stochastic: a flat window has no %K (NaN), and the smoothed values containing it are NaN too', () => {
    const s = K.stochastic(f(5, 5, 5, 6, 7), f(5, 5, 5, 4, 4), f(5, 5, 5, 5, 6), 3, 1, 1);
    expectSeries(s.k, [N, N, N, 50, 200 / 3]);
  });
  it('cci(3): typical prices 2, 3, 4; mean 3, mean deviation 2/3 → (4−3)/(0.015·2/3) = 100', () => {
    expectSeries(K.cci(f(3, 4, 6), f(1, 2, 3), f(2, 3, 3), 3), [N, N, 100]);
  });
  it('roc(2): (11/10 − 1)·100 = 10, (30/20 − 1)·100 = 50; NaN when the earlier value is 0', () => {
    expectSeries(K.roc(f(10, 20, 11, 30), 2), [N, N, 10, 50]);
    expectSeries(K.roc(f(0, 1, 2), 1), [N, N, 100]);
  });
  it('obv: starts at the first volume 100; up +200 = 300; unchanged 300; down −400 = −100', () => {
    expectSeries(K.obv(f(10, 11, 11, 9), f(100, 200, 300, 400)), [100, 300, 300, -100]);
  });
  it('vwap: day 1 typical prices 10 (vol 1) and 12 (vol 3) → 46/4 = 11.5; day 2 restarts at 20; unanchored (10+36+40)/6', () => {
    const day = 86_400_000;
    const time = f(day * 100 + 12 * 3600_000, day * 100 + 13 * 3600_000, day * 101);
    const high = f(12, 14, 21);
    const low = f(8, 10, 19);
    const close = f(10, 12, 20);
    const volume = f(1, 3, 2);
    expectSeries(K.vwap(time, high, low, close, volume, 'day'), [10, 11.5, 20]);
    expectSeries(K.vwap(time, high, low, close, volume, 'none'), [10, 11.5, 86 / 6]);
    expectSeries(K.vwap(time, high, low, close, f(0, 0, 2), 'none'), [N, N, 20]);
  });
  it('donchian(2): highs 5,7,6 / lows 1,3,2 → (7,1) mid 4, then (7,2) mid 4.5', () => {
    const d = K.donchian(f(5, 7, 6), f(1, 3, 2), 2);
    expectSeries(d.upper, [N, 7, 7]);
    expectSeries(d.lower, [N, 1, 2]);
    expectSeries(d.middle, [N, 4, 4.5]);
  });
  it('keltner(2, 2, 1): EMA seed (9+10)/2 = 9.5, then (11−9.5)·2/3+9.5 = 10.5; ATR(1) = true range 2, 3 → 9.5 ± 4, 10.5 ± 6', () => {
    const k = K.keltner(H.subarray(0, 3), L.subarray(0, 3), C.subarray(0, 3), 2, 2, 1);
    expectSeries(k.middle, [N, 9.5, 10.5]);
    expectSeries(k.upper, [N, 13.5, 16.5]);
    expectSeries(k.lower, [N, 5.5, 4.5]);
  });
  it('every kernel gives only NaN when the series is shorter than its warm-up, and handles empty input', () => {
    const x = f(1, 2, 3);
    for (const out of [K.sma(x, 5), K.ema(x, 5), K.wma(x, 5), K.rsi(x, 3), K.stddev(x, 4), K.roc(x, 3), K.cci(x, x, x, 4), K.atr(x, x, x, 3)]) {
      expect(Array.from(out).every(Number.isNaN)).toBe(true);
    }
    expect(K.sma(new Float64Array(0), 3).length).toBe(0);
    expect(K.macd(new Float64Array(0), 2, 3, 2).macd.length).toBe(0);
  });
  it('writes into a preallocated output and returns it', () => {
    const out = new Float64Array(5);
    expect(K.sma(f(1, 2, 3, 4, 5), 3, out)).toBe(out);
    expectSeries(out, [N, N, 2, 3, 4]);
  });
});
