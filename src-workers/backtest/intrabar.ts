import type { Order } from './orders.ts';

/**
 * The intrabar price path: open → low → high → close for a bar that closes at or above its open,
 * open → high → low → close otherwise — the path of the replay's micro-candles (MICRO_PATH_RULE in
 * src-workers/replay/micro-candles.ts), so replay and backtest see a bar the same way. A position on
 * the path is t ∈ [0, 3]: segment k from point k to point k + 1, linear in between. Orders trigger
 * where the path first reaches their price; a bar that opens beyond it fills at the open (a gap).
 */
export class BarPath {
  readonly p = new Float64Array(4);

  set(open: number, high: number, low: number, close: number): void {
    const up = close >= open;
    this.p[0] = open;
    this.p[1] = up ? low : high;
    this.p[2] = up ? high : low;
    this.p[3] = close;
  }

  priceAt(t: number): number {
    const k = Math.min(Math.floor(t), 2);
    const f = t - k;
    return f === 0 ? this.p[k]! : this.p[k]! + f * (this.p[k + 1]! - this.p[k]!);
  }

  /** First position ≥ from where the price is ≥ level (`up`) or ≤ level; −1 if the bar never gets there. */
  reach(level: number, up: boolean, from: number): number {
    const start = this.priceAt(from);
    if (up ? start >= level : start <= level) return from;
    for (let k = Math.floor(from); k < 3; k++) {
      const t0 = Math.max(from, k);
      const s = t0 === from ? start : this.p[k]!;
      const q = this.p[k + 1]!;
      if (up ? q >= level : q <= level) return t0 + ((level - s) / (q - s)) * (k + 1 - t0);
    }
    return -1;
  }
}

/** Where on the path and at what price (before slippage) an order fills; t = −1 for no fill. */
export interface Touch {
  t: number;
  price: number;
}

/**
 * Evaluates a pending order on the path from position `from`: whether and where it fills. Marks a
 * stop-limit as triggered when its stop is reached (it then rests as a limit).
 */
export function touch(order: Order, path: BarPath, from: number, out: Touch): Touch {
  out.t = -1;
  out.price = NaN;
  const buy = order.side === 'BUY';
  switch (order.type) {
    case 'market':
      out.t = from;
      out.price = path.priceAt(from);
      return out;
    case 'limit':
      return limitTouch(order.limit, buy, path, from, out);
    case 'trailing-stop':
      return trailingTouch(order, path, from, out);
    case 'stop': {
      const t = path.reach(order.stop, buy, from);
      if (t < 0) return out;
      out.t = t;
      // At the start of the path the price may already be beyond the stop (a gap): fill there.
      const at = path.priceAt(t);
      out.price = buy ? Math.max(at, order.stop) : Math.min(at, order.stop);
      return out;
    }
    case 'stop-limit': {
      let start = from;
      if (!order.triggered) {
        const t = path.reach(order.stop, buy, from);
        if (t < 0) return out;
        order.triggered = true;
        start = t;
      }
      return limitTouch(order.limit, buy, path, start, out);
    }
  }
}

function limitTouch(limit: number, buy: boolean, path: BarPath, from: number, out: Touch): Touch {
  const t = path.reach(limit, !buy, from);
  if (t < 0) return out;
  out.t = t;
  const at = path.priceAt(t);
  // At or better than the limit: a bar opening through it fills at the open.
  out.price = buy ? Math.min(at, limit) : Math.max(at, limit);
  return out;
}

/** The trail distance at a reference price: a fixed amount, or a percent of the price. */
export function trailDistance(order: Order, ref: number): number {
  return Number.isNaN(order.trailAmount) ? (ref * order.trailPercent) / 100 : order.trailAmount;
}

/**
 * A trailing stop walks the path: on legs moving its way (up for a sell stop) the stop follows the
 * price at the trail's distance, never backing off; on legs moving against it, it fills where the
 * price comes back to the stop. The order's stop is updated as the path goes.
 */
function trailingTouch(order: Order, path: BarPath, from: number, out: Touch): Touch {
  const sell = order.side === 'SELL';
  const p = path.p;
  let price = path.priceAt(from);
  if (sell ? price <= order.stop : price >= order.stop) {
    out.t = from;
    out.price = price;
    return out;
  }
  for (let k = Math.floor(from); k < 3; k++) {
    const end = p[k + 1]!;
    const t0 = Math.max(from, k);
    if (sell ? end > price : end < price) {
      const level = sell ? end - trailDistance(order, end) : end + trailDistance(order, end);
      if (sell ? level > order.stop : level < order.stop) order.stop = level;
    } else if (sell ? end <= order.stop : end >= order.stop) {
      out.t = t0 + ((order.stop - price) / (end - price)) * (k + 1 - t0);
      out.price = order.stop;
      return out;
    }
    price = end;
  }
  return out;
}
