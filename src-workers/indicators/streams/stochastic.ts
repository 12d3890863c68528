import { Divisor } from '../exact-sum.ts';
import { WindowSum } from '../kernels/window-sum.ts';
import { checkPeriod } from '../kernels/common.ts';
import { fastKValue, nanDelta } from '../kernels/stochastic.ts';
import { Ring } from '../kernels/window.ts';
import type { BarInput } from '../types.ts';
import { KernelStream } from './base.ts';
import { StreamExtreme } from './extreme.ts';

/** Incremental {@link import('../kernels/stochastic.ts').stochastic}: outputs [k, d]. */
export class StochasticStream extends KernelStream {
  private readonly kPeriod: number;
  private readonly kSmooth: number;
  private readonly dPeriod: number;
  private readonly highest: StreamExtreme;
  private readonly lowest: StreamExtreme;
  private readonly fastRing: Ring;
  private readonly kRing: Ring;
  private readonly kDiv: Divisor;
  private readonly dDiv: Divisor;
  private readonly kSum = new WindowSum();
  private readonly dSum = new WindowSum();
  private readonly savedK = new WindowSum();
  private readonly savedD = new WindowSum();
  private kNaN = 0;
  private dNaN = 0;
  private savedKNaN = 0;
  private savedDNaN = 0;

  constructor(kPeriod: number, kSmooth: number, dPeriod: number) {
    checkPeriod('stochastic', 'kPeriod', kPeriod);
    checkPeriod('stochastic', 'kSmooth', kSmooth);
    checkPeriod('stochastic', 'dPeriod', dPeriod);
    super('stochastic', ['k', 'd'], ['high', 'low', 'close']);
    this.kPeriod = kPeriod;
    this.kSmooth = kSmooth;
    this.dPeriod = dPeriod;
    this.highest = new StreamExtreme(kPeriod, 'max');
    this.lowest = new StreamExtreme(kPeriod, 'min');
    this.fastRing = new Ring(kSmooth);
    this.kRing = new Ring(dPeriod);
    this.kDiv = new Divisor(kSmooth);
    this.dDiv = new Divisor(dPeriod);
  }

  protected save(): void {
    this.savedK.copyFrom(this.kSum);
    this.savedD.copyFrom(this.dSum);
    this.savedKNaN = this.kNaN;
    this.savedDNaN = this.dNaN;
  }

  protected restore(): void {
    this.highest.undo();
    this.lowest.undo();
    this.kSum.copyFrom(this.savedK);
    this.dSum.copyFrom(this.savedD);
    this.kNaN = this.savedKNaN;
    this.dNaN = this.savedDNaN;
  }

  protected apply(bar: BarInput, i: number): void {
    this.highest.push(i, bar.high);
    this.lowest.push(i, bar.low);
    // j counts fastK values, m counts k values (from 0), as in the kernel.
    const j = i - this.kPeriod + 1;
    if (j < 0) return;
    const fastK = fastKValue(bar.close, this.highest.value(), this.lowest.value());
    const kSmooth = this.kSmooth;
    const leaving = j >= kSmooth ? this.fastRing.at(j - kSmooth) : 0;
    this.fastRing.set(j, fastK);
    this.kNaN += nanDelta(fastK, leaving, j >= kSmooth);
    this.kSum.addDiff(fastK === fastK ? fastK : 0, leaving === leaving ? leaving : 0);
    const m = j - kSmooth + 1;
    if (m < 0) return;
    const k = this.kNaN > 0 ? NaN : this.kSum.div(this.kDiv);
    const dPeriod = this.dPeriod;
    const kLeaving = m >= dPeriod ? this.kRing.at(m - dPeriod) : 0;
    this.kRing.set(m, k);
    this.dNaN += nanDelta(k, kLeaving, m >= dPeriod);
    this.dSum.addDiff(k === k ? k : 0, kLeaving === kLeaving ? kLeaving : 0);
    if (m < dPeriod - 1) return;
    this.values[0] = k;
    this.values[1] = this.dNaN > 0 ? NaN : this.dSum.div(this.dDiv);
  }
}
