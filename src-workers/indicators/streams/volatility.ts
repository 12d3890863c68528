import { Divisor } from '../exact-sum.ts';
import { WindowSum } from '../kernels/window-sum.ts';
import { trueRange } from '../kernels/atr.ts';
import { checkMultiplier, checkPeriod } from '../kernels/common.ts';
import type { BarInput } from '../types.ts';
import { KernelStream, type Source } from './base.ts';
import { StreamExtreme } from './extreme.ts';
import { RollingMean } from './rolling-mean.ts';

/**
 * Incremental {@link import('../kernels/stddev.ts').stddev} and, with `k`, of
 * {@link import('../kernels/bollinger.ts').bollinger} (outputs [middle, upper, lower]).
 */
class DeviationStream extends KernelStream {
  private readonly period: number;
  private readonly source: Source;
  private readonly k: number;
  private readonly bands: boolean;
  private readonly window: RollingMean;

  constructor(kernel: string, outputs: readonly string[], period: number, k: number, source: Source) {
    super(kernel, outputs, [source]);
    this.period = period;
    this.source = source;
    this.k = k;
    this.bands = outputs.length === 3;
    this.window = new RollingMean(period);
  }

  protected save(): void {
    this.window.save();
  }

  protected restore(): void {
    this.window.restore();
  }

  protected apply(bar: BarInput, i: number): void {
    const p = this.period;
    this.window.push(bar[this.source], i);
    if (i < p - 1) return;
    const m = this.window.mean();
    const sigma = Math.sqrt(this.window.ring.sqDevSum(i, p, m) / p);
    const v = this.values;
    if (!this.bands) {
      v[0] = sigma;
      return;
    }
    const width = sigma * this.k;
    v[0] = m;
    v[1] = m + width;
    v[2] = m - width;
  }
}

export class StddevStream extends DeviationStream {
  constructor(period: number, source: Source = 'close') {
    checkPeriod('stddev', 'period', period);
    super('stddev', ['value'], period, 1, source);
  }
}

export class BollingerStream extends DeviationStream {
  constructor(period: number, k: number, source: Source = 'close') {
    checkPeriod('bollinger', 'period', period);
    checkMultiplier('bollinger', 'k', k);
    super('bollinger', ['middle', 'upper', 'lower'], period, k, source);
  }
}

/** Incremental {@link import('../kernels/atr.ts').atr}: Wilder smoothing, TA-Lib seeding. */
export class AtrStream extends KernelStream {
  private readonly period: number;
  private readonly dv: Divisor;
  private readonly seed = new WindowSum();
  private readonly savedSeed = new WindowSum();
  private lastClose = NaN;
  private prev = NaN;
  private savedClose = NaN;
  private savedPrev = NaN;

  constructor(period: number) {
    checkPeriod('atr', 'period', period);
    super('atr', ['value'], ['high', 'low', 'close']);
    this.period = period;
    this.dv = new Divisor(period);
  }

  protected save(): void {
    this.savedClose = this.lastClose;
    this.savedPrev = this.prev;
    if (this.count <= this.period) this.savedSeed.copyFrom(this.seed);
  }

  protected restore(): void {
    this.lastClose = this.savedClose;
    this.prev = this.savedPrev;
    if (this.count - 1 <= this.period) this.seed.copyFrom(this.savedSeed);
  }

  protected apply(bar: BarInput, i: number): void {
    const before = this.lastClose;
    this.lastClose = bar.close;
    if (i === 0) return;
    const p = this.period;
    const tr = trueRange(bar.high, bar.low, before);
    if (i <= p) {
      this.seed.add(tr);
      if (i < p) return;
      this.prev = this.seed.div(this.dv);
    } else {
      this.prev = (this.prev * (p - 1) + tr) / p;
    }
    this.values[0] = this.prev;
  }
}

/** Incremental {@link import('../kernels/donchian.ts').donchian}: outputs [upper, middle, lower]. */
export class DonchianStream extends KernelStream {
  private readonly period: number;
  private readonly highest: StreamExtreme;
  private readonly lowest: StreamExtreme;

  constructor(period: number) {
    checkPeriod('donchian', 'period', period);
    super('donchian', ['upper', 'middle', 'lower'], ['high', 'low']);
    this.period = period;
    this.highest = new StreamExtreme(period, 'max');
    this.lowest = new StreamExtreme(period, 'min');
  }

  protected save(): void {}

  protected restore(): void {
    this.highest.undo();
    this.lowest.undo();
  }

  protected apply(bar: BarInput, i: number): void {
    this.highest.push(i, bar.high);
    this.lowest.push(i, bar.low);
    if (i < this.period - 1) return;
    const upper = this.highest.value();
    const lower = this.lowest.value();
    this.values[0] = upper;
    this.values[1] = (upper + lower) / 2;
    this.values[2] = lower;
  }
}
