import { Divisor } from '../exact-sum.ts';
import { WindowSum } from '../kernels/window-sum.ts';
import { checkPeriod } from '../kernels/common.ts';
import { emaFactor } from '../kernels/ema.ts';
import { Ring } from '../kernels/window.ts';
import { wmaStep } from '../kernels/wma.ts';
import type { BarInput } from '../types.ts';
import { KernelStream, type Source } from './base.ts';
import { RollingMean } from './rolling-mean.ts';

/** Incremental {@link import('../kernels/sma.ts').sma}: exact window sum, correctly rounded mean. */
export class SmaStream extends KernelStream {
  private readonly period: number;
  private readonly source: Source;
  private readonly window: RollingMean;

  constructor(period: number, source: Source = 'close') {
    checkPeriod('sma', 'period', period);
    super('sma', ['value'], [source]);
    this.period = period;
    this.source = source;
    this.window = new RollingMean(period);
  }

  protected save(): void {
    this.window.save();
  }

  protected restore(): void {
    this.window.restore();
  }

  protected apply(bar: BarInput, i: number): void {
    this.window.push(bar[this.source], i);
    this.values[0] = i >= this.period - 1 ? this.window.mean() : NaN;
  }
}

/** Incremental {@link import('../kernels/ema.ts').ema}: TA-Lib seeding (SMA of the first `period`). */
export class EmaStream extends KernelStream {
  private readonly period: number;
  private readonly source: Source;
  private readonly k: number;
  private readonly dv: Divisor;
  private readonly seed = new WindowSum();
  private readonly savedSeed = new WindowSum();
  private prev = NaN;
  private savedPrev = NaN;

  constructor(period: number, source: Source = 'close') {
    checkPeriod('ema', 'period', period);
    super('ema', ['value'], [source]);
    this.period = period;
    this.source = source;
    this.k = emaFactor(period);
    this.dv = new Divisor(period);
  }

  protected save(): void {
    this.savedPrev = this.prev;
    if (this.count < this.period) this.savedSeed.copyFrom(this.seed);
  }

  protected restore(): void {
    this.prev = this.savedPrev;
    if (this.count - 1 < this.period) this.seed.copyFrom(this.savedSeed);
  }

  protected apply(bar: BarInput, i: number): void {
    const x = bar[this.source];
    const p = this.period;
    if (i < p) {
      this.seed.add(x);
      if (i === p - 1) this.prev = this.seed.div(this.dv);
    } else {
      this.prev = (x - this.prev) * this.k + this.prev;
    }
    this.values[0] = this.prev;
  }
}

/** Incremental {@link import('../kernels/wma.ts').wma}: exact weighted window sum. */
export class WmaStream extends KernelStream {
  private readonly period: number;
  private readonly source: Source;
  private readonly dv: Divisor;
  private readonly ring: Ring;
  private readonly plain = new WindowSum();
  private readonly weighted = new WindowSum();
  private readonly savedPlain = new WindowSum();
  private readonly savedWeighted = new WindowSum();

  constructor(period: number, source: Source = 'close') {
    checkPeriod('wma', 'period', period);
    super('wma', ['value'], [source]);
    this.period = period;
    this.source = source;
    this.dv = new Divisor((period * (period + 1)) / 2);
    this.ring = new Ring(period);
  }

  protected save(): void {
    this.savedPlain.copyFrom(this.plain);
    this.savedWeighted.copyFrom(this.weighted);
  }

  protected restore(): void {
    this.plain.copyFrom(this.savedPlain);
    this.weighted.copyFrom(this.savedWeighted);
  }

  protected apply(bar: BarInput, i: number): void {
    const x = bar[this.source];
    const p = this.period;
    this.ring.set(i, x);
    wmaStep(this.weighted, this.plain, p, x);
    if (i < p) this.plain.add(x);
    else this.plain.addDiff(x, this.ring.at(i - p));
    this.values[0] = i >= p - 1 ? this.weighted.div(this.dv) : NaN;
  }
}
