import { checkMultiplier, checkPeriod } from '../kernels/common.ts';
import type { BarInput, StreamingIndicator } from '../types.ts';
import { EmaStream } from './moving-averages.ts';
import { AtrStream } from './volatility.ts';

/**
 * Incremental {@link import('../kernels/keltner.ts').keltner}: an EMA stream of the close and an ATR
 * stream, combined as the kernel combines them. Outputs [upper, middle, lower].
 */
export class KeltnerStream implements StreamingIndicator {
  readonly outputs = ['upper', 'middle', 'lower'] as const;
  readonly values = new Float64Array(3).fill(NaN);
  private readonly middle: EmaStream;
  private readonly range: AtrStream;
  private readonly multiplier: number;

  constructor(period: number, multiplier: number, atrPeriod: number) {
    checkPeriod('keltner', 'period', period);
    checkMultiplier('keltner', 'multiplier', multiplier);
    checkPeriod('keltner', 'atrPeriod', atrPeriod);
    this.middle = new EmaStream(period);
    this.range = new AtrStream(atrPeriod);
    this.multiplier = multiplier;
  }

  add(bar: BarInput): void {
    // Both parts check the bar before changing anything, so a bad bar leaves no half-applied state.
    this.range.checkBar(bar);
    this.middle.add(bar);
    this.range.add(bar);
    this.update();
  }

  replace(bar: BarInput): void {
    this.range.checkBar(bar, true);
    this.middle.replace(bar);
    this.range.replace(bar);
    this.update();
  }

  private update(): void {
    const m = this.middle.values[0];
    const width = this.multiplier * this.range.values[0];
    this.values[0] = m + width;
    this.values[1] = m;
    this.values[2] = m - width;
  }
}
