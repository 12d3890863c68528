import { Divisor } from '../exact-sum.ts';
import { WindowSum } from '../kernels/window-sum.ts';
import { cciValue, typicalPrice } from '../kernels/cci.ts';
import { checkPeriod } from '../kernels/common.ts';
import { emaFactor } from '../kernels/ema.ts';
import { checkMacdParams } from '../kernels/macd.ts';
import { rocValue } from '../kernels/roc.ts';
import { rsiValue } from '../kernels/rsi.ts';
import { Ring } from '../kernels/window.ts';
import type { BarInput } from '../types.ts';
import { KernelStream, type Source } from './base.ts';
import { RollingMean } from './rolling-mean.ts';

/** Incremental {@link import('../kernels/rsi.ts').rsi}: Wilder smoothing, TA-Lib seeding. */
export class RsiStream extends KernelStream {
  private readonly period: number;
  private readonly source: Source;
  private readonly dv: Divisor;
  private readonly gains = new WindowSum();
  private readonly losses = new WindowSum();
  private readonly savedGains = new WindowSum();
  private readonly savedLosses = new WindowSum();
  private last = NaN;
  private gain = NaN;
  private loss = NaN;
  private saved = [NaN, NaN, NaN];

  constructor(period: number, source: Source = 'close') {
    checkPeriod('rsi', 'period', period);
    super('rsi', ['value'], [source]);
    this.period = period;
    this.source = source;
    this.dv = new Divisor(period);
  }

  protected save(): void {
    const s = this.saved;
    s[0] = this.last;
    s[1] = this.gain;
    s[2] = this.loss;
    if (this.count <= this.period) {
      this.savedGains.copyFrom(this.gains);
      this.savedLosses.copyFrom(this.losses);
    }
  }

  protected restore(): void {
    const s = this.saved;
    this.last = s[0];
    this.gain = s[1];
    this.loss = s[2];
    if (this.count - 1 <= this.period) {
      this.gains.copyFrom(this.savedGains);
      this.losses.copyFrom(this.savedLosses);
    }
  }

  protected apply(bar: BarInput, i: number): void {
    const x = bar[this.source];
    const p = this.period;
    const move = x - this.last;
    this.last = x;
    if (i === 0) return;
    if (i <= p) {
      if (move > 0) this.gains.add(move);
      else if (move < 0) this.losses.add(-move);
      if (i < p) return;
      this.gain = this.gains.div(this.dv);
      this.loss = this.losses.div(this.dv);
    } else {
      const keep = p - 1;
      let gain = this.gain * keep;
      let loss = this.loss * keep;
      if (move < 0) loss -= move;
      else gain += move;
      this.gain = gain / p;
      this.loss = loss / p;
    }
    this.values[0] = rsiValue(this.gain, this.loss);
  }
}

/** Incremental {@link import('../kernels/macd.ts').macd}: TA-Lib seeding of all three EMAs. */
export class MacdStream extends KernelStream {
  private readonly fast: number;
  private readonly slow: number;
  private readonly signal: number;
  private readonly source: Source;
  private readonly kFast: number;
  private readonly kSlow: number;
  private readonly kSignal: number;
  private readonly dvFast: Divisor;
  private readonly dvSlow: Divisor;
  private readonly dvSignal: Divisor;
  private readonly fastSeed = new WindowSum();
  private readonly slowSeed = new WindowSum();
  private readonly signalSeed = new WindowSum();
  private readonly saved = [new WindowSum(), new WindowSum(), new WindowSum()];
  private fastEma = NaN;
  private slowEma = NaN;
  private sig = NaN;
  private readonly savedNumbers = [NaN, NaN, NaN];

  constructor(fast: number, slow: number, signal: number, source: Source = 'close') {
    checkMacdParams('macd', fast, slow, signal);
    super('macd', ['macd', 'signal', 'histogram'], [source]);
    this.fast = fast;
    this.slow = slow;
    this.signal = signal;
    this.source = source;
    this.kFast = emaFactor(fast);
    this.kSlow = emaFactor(slow);
    this.kSignal = emaFactor(signal);
    this.dvFast = new Divisor(fast);
    this.dvSlow = new Divisor(slow);
    this.dvSignal = new Divisor(signal);
  }

  protected save(): void {
    const s = this.savedNumbers;
    s[0] = this.fastEma;
    s[1] = this.slowEma;
    s[2] = this.sig;
    if (this.count <= this.slow + this.signal - 2) {
      this.saved[0].copyFrom(this.fastSeed);
      this.saved[1].copyFrom(this.slowSeed);
      this.saved[2].copyFrom(this.signalSeed);
    }
  }

  protected restore(): void {
    const s = this.savedNumbers;
    this.fastEma = s[0];
    this.slowEma = s[1];
    this.sig = s[2];
    if (this.count - 1 <= this.slow + this.signal - 2) {
      this.fastSeed.copyFrom(this.saved[0]);
      this.slowSeed.copyFrom(this.saved[1]);
      this.signalSeed.copyFrom(this.saved[2]);
    }
  }

  protected apply(bar: BarInput, i: number): void {
    const x = bar[this.source];
    const { fast, slow } = this;
    const first = slow + this.signal - 2;
    const v = this.values;
    if (i < slow) {
      this.slowSeed.add(x);
      if (i >= slow - fast) this.fastSeed.add(x);
      if (i < slow - 1) return;
      this.fastEma = this.fastSeed.div(this.dvFast);
      this.slowEma = this.slowSeed.div(this.dvSlow);
    } else {
      this.fastEma = (x - this.fastEma) * this.kFast + this.fastEma;
      this.slowEma = (x - this.slowEma) * this.kSlow + this.slowEma;
    }
    const line = this.fastEma - this.slowEma;
    if (i < first) {
      this.signalSeed.add(line);
      return;
    }
    if (i === first) {
      this.signalSeed.add(line);
      this.sig = this.signalSeed.div(this.dvSignal);
    } else {
      this.sig = (line - this.sig) * this.kSignal + this.sig;
    }
    v[0] = line;
    v[1] = this.sig;
    v[2] = line - this.sig;
  }
}

/** Incremental {@link import('../kernels/cci.ts').cci}. */
export class CciStream extends KernelStream {
  private readonly window: RollingMean;

  constructor(period: number) {
    checkPeriod('cci', 'period', period);
    super('cci', ['value'], ['high', 'low', 'close']);
    this.window = new RollingMean(period);
  }

  protected save(): void {
    this.window.save();
  }

  protected restore(): void {
    this.window.restore();
  }

  protected apply(bar: BarInput, i: number): void {
    const w = this.window;
    const p = w.period;
    const t = typicalPrice(bar.high, bar.low, bar.close);
    w.push(t, i);
    if (i < p - 1) return;
    const mean = w.mean();
    this.values[0] = cciValue(t, mean, w.ring.absDevSum(i, p, mean), p);
  }
}

/** Incremental {@link import('../kernels/roc.ts').roc}. */
export class RocStream extends KernelStream {
  private readonly period: number;
  private readonly source: Source;
  private readonly ring: Ring;

  constructor(period: number, source: Source = 'close') {
    checkPeriod('roc', 'period', period);
    super('roc', ['value'], [source]);
    this.period = period;
    this.source = source;
    this.ring = new Ring(period);
  }

  protected save(): void {}

  protected restore(): void {}

  protected apply(bar: BarInput, i: number): void {
    const x = bar[this.source];
    this.ring.set(i, x);
    this.values[0] = i >= this.period ? rocValue(x, this.ring.at(i - this.period)) : NaN;
  }
}
