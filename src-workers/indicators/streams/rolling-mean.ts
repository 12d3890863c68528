import { Divisor } from '../exact-sum.ts';
import { WindowSum } from '../kernels/window-sum.ts';
import { Ring } from '../kernels/window.ts';

/**
 * The last `period` values of a stream with their exact sum, and the sum as it was before the
 * current bar, so a replaced bar can be undone exactly. Shared by the SMA, CCI and deviation
 * streams, which differ only in what they compute from the window.
 */
export class RollingMean {
  readonly ring: Ring;
  private readonly dv: Divisor;
  private readonly sum = new WindowSum();
  private readonly saved = new WindowSum();

  constructor(readonly period: number) {
    this.dv = new Divisor(period);
    this.ring = new Ring(period);
  }

  /** Remember the state before a new bar (for `restore` when that bar is replaced). */
  save(): void {
    this.saved.copyFrom(this.sum);
  }

  restore(): void {
    this.sum.copyFrom(this.saved);
  }

  /** Value `x` of bar `i` enters the window; the value `period` bars back leaves it. */
  push(x: number, i: number): void {
    const p = this.period;
    this.ring.set(i, x);
    if (i < p) this.sum.add(x);
    else this.sum.addDiff(x, this.ring.at(i - p));
  }

  /** The window's mean, correctly rounded (valid once `period` values are in). */
  mean(): number {
    return this.sum.div(this.dv);
  }
}
