import type { BarInput, StreamingIndicator } from '../types.ts';
import { badBarValue, MAX_INPUT } from '../kernels/common.ts';

export type BarField = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';
/** The bar field a single-series stream reads (its kernel's `src`). */
export type Source = 'open' | 'high' | 'low' | 'close' | 'volume';

/**
 * Shared shape of the kernels' incremental twins. `add` keeps the state before the bar (`save`), then
 * applies it; `replace` goes back to that state (`restore`) and applies the new bar instead — the
 * previous bar's contribution is undone exactly, never recomputed from a window. `apply` performs the
 * same floating-point operations, in the same order, as the kernel's loop at that bar, so the values
 * are identical (===) to the batch computation.
 */
export abstract class KernelStream implements StreamingIndicator {
  readonly outputs: readonly string[];
  readonly values: Float64Array;
  /** Bars applied so far (a replace does not count). */
  protected count = 0;
  private readonly label: string;
  private readonly fields: readonly BarField[];

  protected constructor(kernel: string, outputs: readonly string[], fields: readonly BarField[]) {
    this.label = `${kernel} stream`;
    this.outputs = outputs;
    this.fields = fields;
    this.values = new Float64Array(outputs.length).fill(NaN);
  }

  /** Throws `VALIDATION_FAILED` if a field this stream reads is not a finite number. */
  checkBar(bar: BarInput, replacing = false): void {
    this.check(bar, replacing && this.count > 0 ? this.count - 1 : this.count);
  }

  add(bar: BarInput): void {
    this.check(bar, this.count);
    this.save();
    this.apply(bar, this.count);
    this.count++;
  }

  replace(bar: BarInput): void {
    if (this.count === 0) {
      this.add(bar);
      return;
    }
    this.check(bar, this.count - 1);
    this.restore();
    this.apply(bar, this.count - 1);
  }

  /** Keeps the state the next `apply` changes. */
  protected abstract save(): void;
  /** Returns to the state kept by the last `save`. */
  protected abstract restore(): void;
  /** Applies bar number `index` (0-based) and sets `values`. */
  protected abstract apply(bar: BarInput, index: number): void;

  private check(bar: BarInput, index: number): void {
    for (const field of this.fields) {
      const v = bar[field];
      if (typeof v !== 'number' || !(v >= -MAX_INPUT && v <= MAX_INPUT)) throw badBarValue(this.label, field, index, v);
    }
  }
}
