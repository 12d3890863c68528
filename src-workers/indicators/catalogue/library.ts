import { SMA } from 'trading-signals';
import type { IndicatorParams } from '../../../src-shared/domain/indicator.ts';
import type { BarInput, IndicatorDefinition } from '../types.ts';
import { defineIndicator, type EntrySpec, type Stepper } from './define.ts';

/** What we use of a trading-signals indicator: `update(input, replace)` and its current result. */
export interface LibraryIndicator<R, I> {
  update(input: I, replace: boolean): R | null | undefined;
  getResult(): R | null;
  readonly isStable: boolean;
}

/**
 * A stepper over a trading-signals indicator. After each update the indicator's current result is
 * read (NaN for every output until it is stable); `read` writes it into the outputs in order.
 * Event-like indicators (swing points, zigzag) keep their last result, so their line holds the
 * last confirmed level.
 */
export function lib<R, I>(ind: LibraryIndicator<R, I>, input: (bar: BarInput) => I, read: (r: R, out: Float64Array) => void): Stepper {
  return {
    update(bar, replace, out) {
      ind.update(input(bar), replace);
      const result = ind.isStable ? ind.getResult() : null;
      if (result === null || result === undefined) out.fill(Number.NaN);
      else read(result, out);
    },
  };
}

/**
 * NaN for the first `bars` bars, for library indicators that start from their very first input
 * (EMAs seeded with the first value) and so would otherwise show numbers without enough history.
 */
export function warmUp(inner: Stepper, bars: number): Stepper {
  let count = 0;
  return {
    update(bar, replace, out) {
      if (!replace || count === 0) count++;
      inner.update(bar, replace, out);
      if (count < bars) out.fill(Number.NaN);
    },
  };
}

export const close = (bar: BarInput): number => bar.close;
export const volume = (bar: BarInput): number => bar.volume;
/** A fresh candle object: the libraries keep references to the candles they get. */
export const candle = (bar: BarInput) => ({ open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume });

export const one = (r: number, out: Float64Array): void => {
  out[0] = r;
};

/** Reads named fields of a result object into the outputs, in order; booleans become 1/0. */
export function fields<K extends string>(...keys: K[]) {
  return (r: { [P in K]: number | boolean | string }, out: Float64Array): void => {
    for (let i = 0; i < keys.length; i++) out[i] = toNumber(r[keys[i]!]);
  };
}

/** Trend words the library uses for direction become +1 / −1. */
export function toNumber(v: number | boolean | string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'BULLISH') return 1;
  if (v === 'BEARISH') return -1;
  return Number.NaN;
}

/** A numeric parameter (already validated). */
export const num = (p: IndicatorParams, name: string): number => p[name] as number;

/**
 * Adds a signal line (simple moving average of the first output) as the last output. The SMA is
 * fed the same add/replace sequence, so replacing a bar replaces its contribution too.
 */
export function withSignal(inner: Stepper, innerOutputs: number, signalPeriod: number): Stepper {
  const sma = new SMA(signalPeriod);
  const own = new Float64Array(innerOutputs);
  // Whether the SMA holds a contribution of the current (last) bar.
  let holdsLast = false;
  return {
    update(bar, replace, out) {
      inner.update(bar, replace, own);
      out.set(own);
      const v = own[0]!;
      if (Number.isFinite(v)) {
        sma.update(v, replace && holdsLast);
        holdsLast = true;
      } else if (!replace) holdsLast = false;
      out[innerOutputs] = Number.isFinite(v) && sma.isStable ? (sma.getResult() ?? Number.NaN) : Number.NaN;
    },
  };
}

export type LibrarySpec = Omit<EntrySpec, 'engine'>;

/** A catalogue entry computed by trading-signals. */
export function tradingSignals(spec: LibrarySpec, stepper: (p: IndicatorParams) => Stepper): IndicatorDefinition {
  return defineIndicator({ ...spec, engine: 'trading-signals' }, { stepper });
}
