// Indicators composed from trading-signals parts where the library's own class is wrong or
// incomplete for us (docs/indicators.md lists why), each with the same add/replace semantics.
import {
  AO,
  CG,
  EMA,
  Period,
  RSI,
  SMA,
  TDS,
} from 'trading-signals';
import type { Stepper } from './define.ts';
import { close, lib, one } from './library.ts';

/**
 * Accelerator oscillator from trading-signals' AO and SMA. The library's AC skips its SMA when
 * the AO is exactly 0, so a forming bar replaced by one with AO = 0 left the old value inside.
 */
export function ac(short: number, long: number, signalPeriod: number): Stepper {
  const ao = new AO(short, long);
  const sma = new SMA(signalPeriod);
  return {
    update(bar, replace, out) {
      const v = ao.update({ high: bar.high, low: bar.low }, replace);
      out[0] = Number.NaN;
      if (v === null || !ao.isStable) return;
      const s = sma.update(v, replace);
      if (s !== null && sma.isStable) out[0] = v - s;
    },
  };
}

/**
 * TRIX from trading-signals' EMAs with TA-Lib's definition: the change over the previous triple
 * EMA (the library's TRIX divides by the current one).
 */
export function trix(period: number): Stepper {
  const single = new EMA(period);
  const double = new EMA(period);
  const triple = new EMA(period);
  let previous = Number.NaN;
  let current = Number.NaN;
  return {
    update(bar, replace, out) {
      if (!replace) previous = current;
      current = Number.NaN;
      out[0] = Number.NaN;
      const a = single.update(bar.close, replace);
      if (!single.isStable) return;
      const b = double.update(a, replace);
      if (!double.isStable) return;
      const c = triple.update(b, replace);
      if (!triple.isStable) return;
      current = c;
      if (Number.isFinite(previous) && previous !== 0) out[0] = (100 * (c - previous)) / previous;
    },
  };
}

/** CG with the library's own SMA signal line. */
export function cg(interval: number, signalInterval: number): Stepper {
  const ind = new CG(interval, signalInterval);
  const step = lib(ind, close, one);
  return {
    update(bar, replace, out) {
      step.update(bar, replace, out);
      out[1] = Number.isFinite(out[0]!) ? (ind.signal.getResult() ?? Number.NaN) : Number.NaN;
    },
  };
}

/**
 * Stochastic RSI from trading-signals parts (RSI with Wilder smoothing, a min/max window, SMAs).
 * The library's own StochasticRSI returns 100 on a flat range and skips %D when %K is exactly 0;
 * this one follows TA-Lib/TradingView: 0–100, 0 when the range is flat.
 */
export function stochRsi(rsiPeriod: number, stochPeriod: number, kSmooth: number, dPeriod: number): Stepper {
  const rsi = new RSI(rsiPeriod);
  const window = new Period(stochPeriod);
  const k = new SMA(kSmooth);
  const d = new SMA(dPeriod);
  return {
    update(bar, replace, out) {
      out[0] = Number.NaN;
      out[1] = Number.NaN;
      rsi.update(bar.close, replace);
      const r = rsi.isStable ? rsi.getResult() : null;
      if (r === null) return;
      const range = window.update(r, replace);
      if (!range) return;
      const span = range.highest - range.lowest;
      const raw = span === 0 ? 0 : (100 * (r - range.lowest)) / span;
      const kv = k.update(raw, replace);
      if (kv === null) return;
      out[0] = kv;
      out[1] = d.update(kv, replace) ?? Number.NaN;
    },
  };
}

/** TD setup as an event: ±1 on the completing bar, 0 on other bars once four earlier closes exist. */
export function tdSetup(): Stepper {
  const ind = new TDS();
  let count = 0;
  return {
    update(bar, replace, out) {
      if (!replace || count === 0) count++;
      const r = ind.update(bar.close, replace);
      out[0] = count < 5 ? Number.NaN : (r ?? 0);
    },
  };
}
