import * as TS from 'trading-signals';
import { describe, expect, it } from 'vitest';
import * as K from '../../../../src-workers/indicators/kernels/index.ts';
import { sharedDataDir } from '../../../support/shared-data.ts';
import { daily, firstMismatch, type DailyBars } from './fixtures.ts';

// Agreement with trading-signals 8.3 (streaming `add`) where it has the indicator, to 1e-9 relative
// (absolute near 0). Where its definition differs from TA-Lib's (ours), the comparison starts once the
// difference has decayed below 1e-12 of the seed's effect, or converts units; each case says how.
const TOL = 1e-9;

type Candle = { open: number; high: number; low: number; close: number; volume: number };
const candles = (b: DailyBars): Candle[] =>
  Array.from(b.close, (close, i) => ({ open: b.open[i]!, high: b.high[i]!, low: b.low[i]!, close, volume: b.volume[i]! }));

/** Runs a trading-signals indicator over all inputs; `pick` turns each result into numbers (null → NaN). */
function run<I, R>(indicator: { add(input: I): R | null }, inputs: I[], pick: (r: R) => number): Float64Array {
  return Float64Array.from(inputs, (x) => {
    const r = indicator.add(x);
    return r === null || r === undefined ? NaN : pick(r);
  });
}
const id = (x: number) => x;

/** Bars after which a seed difference, shrinking by `keep` per bar, is below 1e-12 of itself. */
const decay = (keep: number) => Math.ceil(Math.log(1e-12) / Math.log(keep));
/** Too short for a seed difference to decay before the end (ESTX50 2006 has 255 bars): nothing to compare. */
const short = (b: DailyBars, from: number) => b.close.length < from + 100;
/**
 * Comparisons that need a decayed seed are defined only for files long enough to have one, so a
 * short file adds no test instead of a skipped one (the long files cover the definition).
 */
const itAfterDecay = (b: DailyBars, from: number) => (short(b, from) ? (() => undefined) as unknown as typeof it : it);

describe.skipIf(!sharedDataDir)('kernels agree with trading-signals', () => {
  for (const b of daily) {
    const closes = Array.from(b.close);
    const bars = candles(b);
    describe(b.name, () => {
      it('SMA(20): same definition, from the first value', () => {
        expect(firstMismatch(K.sma(b.close, 20), run(new TS.SMA(20), closes, id), TOL)).toBeNull();
      });
      it('WMA(20): same definition, from the first value', () => {
        expect(firstMismatch(K.wma(b.close, 20), run(new TS.WMA(20), closes, id), TOL)).toBeNull();
      });
      itAfterDecay(b, (20 + decay(1 - 2 / 21)))('EMA(20): trading-signals seeds with the first price (not the SMA) — equal once the seed has decayed', () => {
        const from = 20 + decay(1 - 2 / 21);
        const ts = run(new TS.EMA(20), closes, id);
        expect(firstMismatch(K.ema(b.close, 20), ts, TOL, from)).toBeNull();
      });
      it('RSI(14): same Wilder seeding, from the first value', () => {
        expect(firstMismatch(K.rsi(b.close, 14), run(new TS.RSI(14), closes, id), TOL)).toBeNull();
      });
      itAfterDecay(b, (34 + decay(1 - 2 / 27) + decay(1 - 2 / 10)))('MACD(12,26,9): trading-signals seeds its EMAs with the first price and emits from bar 25 — equal once decayed', () => {
        const macd = new TS.MACD(new TS.EMA(12), new TS.EMA(26), new TS.EMA(9));
        const results = closes.map((c) => macd.add(c));
        const pick = (k: 'macd' | 'signal' | 'histogram') => Float64Array.from(results, (r) => (r ? r[k] : NaN));
        const ours = K.macd(b.close, 12, 26, 9);
        const from = 34 + decay(1 - 2 / 27) + decay(1 - 2 / 10);
        for (const k of ['macd', 'signal', 'histogram'] as const) expect(firstMismatch(ours[k], pick(k), TOL, from), k).toBeNull();
      });
      it('Bollinger(20, 2): same definition (trading-signals: two-pass deviation too), from the first value', () => {
        const ts = closes.map(((bb) => (c: number) => bb.add(c))(new TS.BollingerBands(20, 2)));
        const ours = K.bollinger(b.close, 20, 2);
        for (const k of ['upper', 'middle', 'lower'] as const) {
          expect(firstMismatch(ours[k], Float64Array.from(ts, (r) => (r ? r[k] : NaN)), TOL), k).toBeNull();
        }
      });
      itAfterDecay(b, (14 + decay(13 / 14)))('ATR(14): trading-signals counts the first bar’s high − low as a true range — equal once decayed', () => {
        const from = 14 + decay(13 / 14);
        expect(firstMismatch(K.atr(b.high, b.low, b.close, 14), run(new TS.ATR(14), bars, id), TOL, from)).toBeNull();
      });
      itAfterDecay(b, (28 + decay(13 / 14)))('ADX(14) and ±DI: trading-signals smooths averages (not Wilder sums) seeded differently, DIs as fractions, and counts both moves on a tie — equal once decayed, ×100', () => {
        const adx = new TS.ADX(14);
        const rows = bars.map((c) => [adx.add(c) ?? NaN, (adx.pdi ?? NaN) * 100, (adx.mdi ?? NaN) * 100]);
        const col = (j: number) => Float64Array.from(rows, (r) => r[j]!);
        const ours = K.adx(b.high, b.low, b.close, 14);
        const settle = decay(13 / 14);
        // Where the up-move equals the down-move and both are positive, TA-Lib (ours) counts neither as
        // directional movement and trading-signals counts both; the difference then decays again.
        let lastTie = -Infinity;
        const afterTie = new Uint8Array(b.close.length);
        for (let i = 1; i < b.close.length; i++) {
          const up = b.high[i]! - b.high[i - 1]!;
          if (up > 0 && up === b.low[i - 1]! - b.low[i]!) lastTie = i;
          afterTie[i] = i - lastTie <= settle ? 1 : 0;
        }
        const excused = (i: number) => afterTie[i] === 1;
        const from = 28 + settle;
        let compared = 0;
        for (let i = from; i < b.close.length; i++) compared += excused(i) ? 0 : 1;
        expect(compared, 'bars compared').toBeGreaterThan(1000);
        expect(firstMismatch(ours.adx, col(0), TOL, from, excused), 'adx').toBeNull();
        expect(firstMismatch(ours.plusDI, col(1), TOL, from, excused), '+DI').toBeNull();
        expect(firstMismatch(ours.minusDI, col(2), TOL, from, excused), '-DI').toBeNull();
      });
      it('Stochastic(14, 3, 3): same definition, from the first value (a flat window: ours NaN, trading-signals 0)', () => {
        const st = new TS.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 });
        const rows = bars.map((c) => st.add(c));
        const ours = K.stochastic(b.high, b.low, b.close, 14, 3, 3);
        expect(firstMismatch(ours.k, Float64Array.from(rows, (r) => (r ? r.stochK : NaN)), TOL)).toBeNull();
        expect(firstMismatch(ours.d, Float64Array.from(rows, (r) => (r ? r.stochD : NaN)), TOL)).toBeNull();
      });
      it('CCI(20): same definition, from the first value', () => {
        expect(firstMismatch(K.cci(b.high, b.low, b.close, 20), run(new TS.CCI(20), bars, id), TOL)).toBeNull();
      });
      it('ROC(10): trading-signals gives a fraction — ours is percent (TA-Lib), equal ×100', () => {
        expect(firstMismatch(K.roc(b.close, 10), run(new TS.ROC(10), closes, (r: number) => r * 100), TOL)).toBeNull();
      });
      it('OBV: trading-signals starts at 0 on the second bar, TA-Lib (ours) at the first volume — equal after subtracting it', () => {
        const ours = K.obv(b.close, b.volume).map((x) => x - b.volume[0]!);
        const ts = run(new TS.OBV(2), bars, id);
        expect(firstMismatch(ours, ts, TOL, 1)).toBeNull();
      });
      it('VWAP (no anchor): same definition where volume trades; trading-signals skips zero-volume bars (null), ours is NaN until volume', () => {
        const ours = K.vwap(b.time, b.high, b.low, b.close, b.volume, 'none');
        const vwap = new TS.VWAP();
        let last = NaN;
        const ts = Float64Array.from(bars, (c) => {
          const r = vwap.add(c);
          if (r !== null) last = r;
          return last;
        });
        expect(firstMismatch(ours, ts, TOL)).toBeNull();
      });
      it('Donchian(20): same definition, from the first value', () => {
        const dc = new TS.DonchianChannels(20);
        const rows = bars.map((c) => dc.add(c));
        const ours = K.donchian(b.high, b.low, 20);
        for (const k of ['upper', 'middle', 'lower'] as const) {
          expect(firstMismatch(ours[k], Float64Array.from(rows, (r) => (r ? r[k] : NaN)), 0), k).toBeNull();
        }
      });
      itAfterDecay(b, (20 + decay(1 - 2 / 21) + decay(9 / 10)))('Keltner(20, 2, 10): trading-signals seeds its EMA with the first price and its ATR with the first high − low — equal once decayed', () => {
        const kc = new TS.KeltnerChannels({ emaInterval: 20, atrInterval: 10, multiplier: 2 });
        const rows = bars.map((c) => kc.add(c));
        const ours = K.keltner(b.high, b.low, b.close, 20, 2, 10);
        const from = 20 + decay(1 - 2 / 21) + decay(9 / 10);
        for (const k of ['upper', 'middle', 'lower'] as const) {
          expect(firstMismatch(ours[k], Float64Array.from(rows, (r) => (r ? r[k] : NaN)), TOL, from), k).toBeNull();
        }
      });
    });
  }
});
