import { Divisor } from '../exact-sum.ts';
import { WindowSum } from '../kernels/window-sum.ts';
import { trueRange } from '../kernels/atr.ts';
import { checkPeriod } from '../kernels/common.ts';
import { checkAnchor, priceVolumeTerm, vwapValue, type VwapAnchor } from '../kernels/vwap.ts';
import type { BarInput } from '../types.ts';
import { KernelStream } from './base.ts';

const DAY_MS = 86_400_000;

/** Incremental {@link import('../kernels/adx.ts').adx}: outputs [adx, plusDI, minusDI]. */
export class AdxStream extends KernelStream {
  private readonly period: number;
  private readonly dv: Divisor;
  private readonly sums = [new WindowSum(), new WindowSum(), new WindowSum(), new WindowSum()];
  private readonly savedSums = [new WindowSum(), new WindowSum(), new WindowSum(), new WindowSum()];
  // Previous bar, smoothed +DM, −DM and range, current ADX — and their copies before the last bar.
  private readonly state = new Float64Array(7).fill(NaN);
  private readonly savedState = new Float64Array(7);

  constructor(period: number) {
    checkPeriod('adx', 'period', period);
    super('adx', ['adx', 'plusDI', 'minusDI'], ['high', 'low', 'close']);
    this.period = period;
    this.dv = new Divisor(period);
  }

  protected save(): void {
    this.savedState.set(this.state);
    if (this.count < 2 * this.period) for (let j = 0; j < 4; j++) this.savedSums[j].copyFrom(this.sums[j]);
  }

  protected restore(): void {
    this.state.set(this.savedState);
    if (this.count - 1 < 2 * this.period) for (let j = 0; j < 4; j++) this.sums[j].copyFrom(this.savedSums[j]);
  }

  protected apply(bar: BarInput, i: number): void {
    const s = this.state;
    const p = this.period;
    const up = bar.high - s[0];
    const down = s[1] - bar.low;
    const tr = trueRange(bar.high, bar.low, s[2]);
    s[0] = bar.high;
    s[1] = bar.low;
    s[2] = bar.close;
    if (i === 0) return;
    const sums = this.sums;
    const sumPlus = sums[0];
    const sumMinus = sums[1];
    const sumRange = sums[2];
    const sumDX = sums[3];
    if (i < p) {
      if (down > 0 && up < down) sumMinus.add(down);
      else if (up > 0 && up > down) sumPlus.add(up);
      sumRange.add(tr);
      return;
    }
    let plus = i === p ? sumPlus.value() : s[3];
    let minus = i === p ? sumMinus.value() : s[4];
    let range = i === p ? sumRange.value() : s[5];
    minus -= minus / p;
    plus -= plus / p;
    if (down > 0 && up < down) minus += down;
    else if (up > 0 && up > down) plus += up;
    range = range - range / p + tr;
    s[3] = plus;
    s[4] = minus;
    s[5] = range;
    const v = this.values;
    let dx = NaN;
    if (range !== 0) {
      const minusDI = 100 * (minus / range);
      const plusDI = 100 * (plus / range);
      v[1] = plusDI;
      v[2] = minusDI;
      const total = minusDI + plusDI;
      if (total !== 0) dx = 100 * (Math.abs(minusDI - plusDI) / total);
    } else {
      v[1] = NaN;
      v[2] = NaN;
    }
    if (i < 2 * p - 1) {
      if (dx === dx) sumDX.add(dx);
      return;
    }
    if (i === 2 * p - 1) {
      if (dx === dx) sumDX.add(dx);
      s[6] = sumDX.div(this.dv);
    } else if (dx === dx) {
      s[6] = (s[6] * (p - 1) + dx) / p;
    }
    v[0] = s[6];
  }
}

/** Incremental {@link import('../kernels/obv.ts').obv}. */
export class ObvStream extends KernelStream {
  private readonly total = new WindowSum();
  private readonly savedTotal = new WindowSum();
  private lastClose = NaN;
  private savedClose = NaN;

  constructor() {
    super('obv', ['value'], ['close', 'volume']);
  }

  protected save(): void {
    this.savedTotal.copyFrom(this.total);
    this.savedClose = this.lastClose;
  }

  protected restore(): void {
    this.total.copyFrom(this.savedTotal);
    this.lastClose = this.savedClose;
  }

  protected apply(bar: BarInput, i: number): void {
    const c = bar.close;
    const v = bar.volume;
    const before = this.lastClose;
    this.total.add(i === 0 ? v : v * (+(c > before) - +(c < before)));
    this.lastClose = c;
    this.values[0] = this.total.value();
  }
}

/** Incremental {@link import('../kernels/vwap.ts').vwap}: the same plain running sums, added in the same order. */
export class VwapStream extends KernelStream {
  private readonly daily: boolean;
  private priceVolume = 0;
  private volume = 0;
  private day = NaN;
  private savedPriceVolume = 0;
  private savedVolume = 0;
  private savedDay = NaN;

  constructor(anchor: VwapAnchor) {
    checkAnchor('vwap', anchor);
    super('vwap', ['value'], ['time', 'high', 'low', 'close', 'volume']);
    this.daily = anchor === 'day';
  }

  protected save(): void {
    this.savedPriceVolume = this.priceVolume;
    this.savedVolume = this.volume;
    this.savedDay = this.day;
  }

  protected restore(): void {
    this.priceVolume = this.savedPriceVolume;
    this.volume = this.savedVolume;
    this.day = this.savedDay;
  }

  protected apply(bar: BarInput): void {
    if (this.daily) {
      const d = Math.floor(bar.time / DAY_MS);
      if (d !== this.day) {
        this.day = d;
        this.priceVolume = 0;
        this.volume = 0;
      }
    }
    this.priceVolume += priceVolumeTerm(bar.high, bar.low, bar.close, bar.volume);
    this.volume += bar.volume;
    this.values[0] = vwapValue(this.priceVolume, this.volume);
  }
}
