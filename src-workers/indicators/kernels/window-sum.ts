import { type Divisor, ExactSum, quotient } from '../exact-sum.ts';

/**
 * A window sum for kernels' hot loops: the exact value as two nonoverlapping doubles `s1 + s0`
 * (|s0| below half an ulp of s1) while it fits — nearly always for prices — else held by `big`
 * until it fits in two partials again. Reads are correctly rounded.
 */
export class WindowSum {
  s0 = 0;
  s1 = 0;
  /** True while `big` holds the value (it needed a third partial). */
  spilled = false;
  big: ExactSum | null = null;

  clear(): void {
    this.s0 = 0;
    this.s1 = 0;
    this.spilled = false;
  }

  copyFrom(o: WindowSum): void {
    this.s0 = o.s0;
    this.s1 = o.s1;
    this.spilled = o.spilled;
    if (o.spilled) this.bigSum().copyFrom(o.big!);
  }

  add(x: number): void {
    if (this.spilled) this.addBig(x, 0);
    else this.grow(x);
  }

  /** Adds `a − b` exactly. */
  addDiff(a: number, b: number): void {
    if (this.spilled) {
      this.addBig(a, b);
      return;
    }
    const d = a - b;
    const z = d - a;
    const r = a - (d - z) + (-b - z);
    this.grow(d);
    if (r !== 0) this.add(r);
  }

  /** The exact value, correctly rounded. */
  value(): number {
    if (this.spilled) return this.big!.value();
    return this.s1 + this.s0;
  }

  /** The exact value divided by `dv.d`, correctly rounded (the window mean for d = period). */
  div(dv: Divisor): number {
    if (this.spilled) return this.big!.div(dv);
    const s1 = this.s1;
    const s0 = this.s0;
    const hi = s1 + s0;
    return quotient(hi, s0 - (hi - s1), true, dv, null);
  }

  /** Grow-expansion of the two partials by x; spills to `big` if a third partial appears. */
  private grow(x: number): void {
    const s0 = this.s0;
    const s1 = this.s1;
    let u = x;
    let v = s0;
    if (Math.abs(x) < Math.abs(s0)) {
      u = s0;
      v = x;
    }
    const h = u + v;
    const l = v - (h - u);
    if (Math.abs(h) < Math.abs(s1)) {
      u = s1;
      v = h;
    } else {
      u = h;
      v = s1;
    }
    const h2 = u + v;
    const l2 = v - (h2 - u);
    if (l !== 0 && l2 !== 0) {
      // Three partials l, l2, h2. Often their exact value still fits in two doubles: l + l2 exact,
      // then folded into h2 (|l + l2| < ulp(h2), so Fast2Sum is exact).
      const m = l + l2;
      const z = m - l;
      if (l - (m - z) + (l2 - z) === 0) {
        const top = h2 + m;
        this.s0 = m - (top - h2);
        this.s1 = top;
        return;
      }
      const big = this.bigSum();
      big.clear();
      big.add(s0);
      big.add(s1);
      big.add(x);
      this.spilled = true;
      return;
    }
    this.s0 = l !== 0 ? l : l2;
    this.s1 = h2;
  }

  private addBig(a: number, b: number): void {
    const big = this.big!;
    big.add(a);
    if (b !== 0) big.add(-b);
    // Back to two partials when the value fits again.
    const m = big.m;
    if (m <= 2) {
      this.s1 = big.p[m - 1];
      this.s0 = m === 2 ? big.p[0] : 0;
      this.spilled = false;
    }
  }

  private bigSum(): ExactSum {
    if (this.big === null) this.big = new ExactSum();
    return this.big;
  }
}
