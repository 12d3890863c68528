import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { Slippage } from '../../src-shared/domain/backtest.ts';
import { atr } from '../indicators/kernels/index.ts';

/**
 * Slippage of market and stop fills, per unit, ≥ 0 (the engine adds it to a buy's price and subtracts
 * it from a sell's; limit fills get none). Only what was known before the fill's bar opened is used:
 *
 * - `ticks`: ticks × tickSize (tickSize must be > 0);
 * - `bps`: |price| × bps / 10 000;
 * - `atr`: fraction × ATR(period) of bar i − 1 (TA-Lib ATR); 0 at bar 0 and while ATR warms up;
 * - `volume`: |price| × impact × |qty| / volume of bar i − 1 (bar 0 uses its own volume, the only
 *   figure there is). A volume of 0 says nothing about liquidity (missing data, or a quote-only bar),
 *   so it gives 0 slippage rather than an infinite one. Not capped: an order of 10 × the bar's volume
 *   at impact 0.1 slips by the whole price.
 *
 * Everything bar-dependent is computed in the constructor; {@link perUnit} allocates nothing.
 */
export class SlippageModel {
  private readonly s: Slippage;
  /** `ticks`: the fixed amount; `bps`, `volume`: the multiplier of the price; `atr`: the fraction. */
  private readonly k: number;
  private readonly atrColumn: Float64Array | null;
  private readonly volume: Float64Array;

  constructor(s: Slippage, bars: BarColumns, tickSize: number) {
    this.s = s;
    this.volume = bars.volume;
    this.atrColumn = null;
    switch (s.kind) {
      case 'none':
        this.k = 0;
        break;
      case 'ticks':
        if (!(tickSize > 0 && Number.isFinite(tickSize))) {
          throw new AppFailure(
            'VALIDATION_FAILED',
            `slippage of ${s.ticks} ticks needs the instrument's tick size, but tickSize is ${String(tickSize)}; set tickSize > 0 or use bps slippage`,
            { slippage: 'ticks', tickSize: String(tickSize) },
          );
        }
        this.k = s.ticks * tickSize;
        break;
      case 'bps':
        this.k = s.bps / 10_000;
        break;
      case 'atr':
        this.k = s.fraction;
        this.atrColumn = atr(bars.high, bars.low, bars.close, s.period);
        break;
      case 'volume':
        this.k = s.impact;
        break;
    }
  }

  /** Per-unit slippage (≥ 0) of a market or stop fill of `qty` units at `price` on bar `barIndex`. */
  perUnit(barIndex: number, price: number, qty: number): number {
    switch (this.s.kind) {
      case 'none':
        return 0;
      case 'ticks':
        return this.k;
      case 'bps':
        return Math.abs(price) * this.k;
      case 'atr': {
        if (barIndex < 1) return 0;
        const a = this.atrColumn![barIndex - 1]!;
        // NaN (warm-up) fails the comparison.
        return a > 0 ? this.k * a : 0;
      }
      case 'volume': {
        const v = this.volume[barIndex > 0 ? barIndex - 1 : 0]!;
        return v > 0 ? (Math.abs(price) * this.k * Math.abs(qty)) / v : 0;
      }
    }
  }
}
