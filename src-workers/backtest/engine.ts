import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { BacktestSettings, Fill, Side, Trade } from '../../src-shared/domain/backtest.ts';
import { CommissionModel } from './commission.ts';
import { BarPath, touch, trailDistance, type Touch } from './intrabar.ts';
import { createOrder, type Order, type OrderRequest } from './orders.ts';
import { Position } from './position.ts';
import { roundPrice, roundQty } from './rounding.ts';
import { sizeEntry } from './sizing.ts';
import { SlippageModel } from './slippage.ts';
import type { StrategyInstance, Trader } from './strategy.ts';

export interface Rejection {
  orderId: number;
  barIndex: number;
  time: number;
  reason: string;
}

export interface EngineResult {
  fills: Fill[];
  trades: Trade[];
  rejections: Rejection[];
  orders: Order[];
  equity: Float64Array;
  inMarket: Uint8Array;
  tradedValue: number;
}

export interface EngineOptions {
  /** ATR column for ATR sizing (NaN in warm-up); computed by the caller only when sizing needs it. */
  atr?: Float64Array;
  /** Checked between bars; when it returns true the run stops with what it has. */
  shouldStop?: () => boolean;
  /** Called every `progressEvery` bars with the index of the bar done. */
  onProgress?: (barsDone: number) => void;
  progressEvery?: number;
  periodsPerYear: number;
}

const DAY_MS = 86_400_000;

/**
 * The event-driven engine for one instrument. Per bar i: pending orders are matched against bar i's
 * path (intrabar.ts) in the order they would trigger; the position is marked to the close; the
 * strategy's onBar runs and may place orders for bar i + 1 on. See docs/backtesting.md.
 */
export class Engine implements Trader {
  position = 0;
  cash: number;
  equity: number;
  private readonly bars: BarColumns;
  private readonly settings: BacktestSettings;
  private readonly opts: EngineOptions;
  private readonly commission: CommissionModel;
  private readonly slippage: SlippageModel;
  private readonly pos = new Position();
  private readonly path = new BarPath();
  private readonly scratch: Touch = { t: -1, price: NaN };
  private pending: Order[] = [];
  private readonly all: Order[] = [];
  private readonly fills: Fill[] = [];
  private readonly rejections: Rejection[] = [];
  private nextId = 1;
  private bar = -1;
  private tradedValue = 0;

  constructor(bars: BarColumns, settings: BacktestSettings, opts: EngineOptions) {
    this.bars = bars;
    this.settings = settings;
    this.opts = opts;
    this.cash = settings.initialCash;
    this.equity = settings.initialCash;
    this.commission = new CommissionModel(settings.commission);
    this.slippage = new SlippageModel(settings.slippage, bars, settings.tickSize);
  }

  run(strategy: StrategyInstance): EngineResult {
    const { open, high, low, close } = this.bars;
    const n = close.length;
    const equity = new Float64Array(n);
    const inMarket = new Uint8Array(n);
    const every = this.opts.progressEvery ?? 0;
    const financing = this.settings.shortFinancingRate / this.opts.periodsPerYear;
    for (let i = 0; i < n; i++) {
      this.bar = i;
      if (this.pending.length > 0) this.matchBar(i, open[i]!, high[i]!, low[i]!, close[i]!);
      const c = close[i]!;
      const position = this.position;
      if (position !== 0) {
        this.pos.mark(high[i]!, low[i]!);
        if (position < 0 && financing > 0) {
          const cost = -position * c * financing;
          this.cash -= cost;
          this.pos.financing += cost;
        }
        inMarket[i] = 1;
      }
      const e = this.cash + position * c;
      this.equity = e;
      equity[i] = e;
      strategy.onBar(i, this);
      if (every > 0 && (i + 1) % every === 0) {
        this.opts.onProgress?.(i + 1);
        if (this.opts.shouldStop?.()) return this.result(equity.subarray(0, i + 1), inMarket.subarray(0, i + 1));
      }
    }
    return this.result(equity, inMarket);
  }

  // ── Trader ──────────────────────────────────────────────────────────────────────────────────────

  order(req: OrderRequest): number {
    const o = createOrder(this.nextId++, req, this.bar);
    // A trailing stop starts at its distance from the close it was placed on.
    if (o.type === 'trailing-stop' && this.bar >= 0) {
      const c = this.bars.close[this.bar]!;
      o.stop = o.side === 'SELL' ? c - trailDistance(o, c) : c + trailDistance(o, c);
    }
    this.all.push(o);
    this.pending.push(o);
    return o.id;
  }

  buy(req: Omit<OrderRequest, 'side'> = {}): number {
    return this.order({ ...req, side: 'BUY' });
  }

  sell(req: Omit<OrderRequest, 'side'> = {}): number {
    return this.order({ ...req, side: 'SELL' });
  }

  close(): number {
    // Exits replace any bracket or exit still waiting; entries waiting are left alone.
    for (const o of this.pending) if (o.reduceOnly || o.parentId !== 0) o.status = 'cancelled';
    this.prune();
    if (this.position === 0) return 0;
    return this.order({ side: this.position > 0 ? 'SELL' : 'BUY', qty: Math.abs(this.position), reduceOnly: true, tag: 'close' });
  }

  cancel(orderId: number): void {
    for (const o of this.pending) if (o.id === orderId || o.parentId === -orderId) o.status = 'cancelled';
    this.prune();
  }

  cancelAll(): void {
    for (const o of this.pending) o.status = 'cancelled';
    this.pending = [];
  }

  // ── Matching ────────────────────────────────────────────────────────────────────────────────────

  /** Fills pending orders on bar i in path order; an order placed on bar i waits for bar i + 1. */
  private matchBar(i: number, o: number, h: number, l: number, c: number): void {
    const path = this.path;
    path.set(o, h, l, c);
    const time = this.bars.time[i]!;
    this.expire(i, time);
    let from = 0;
    for (;;) {
      let best: Order | null = null;
      let bestT = Infinity;
      let bestPrice = NaN;
      for (const order of this.pending) {
        if (order.status !== 'pending' || order.placedIndex >= i) continue;
        const hit = touch(order, path, from, this.scratch);
        // Immediate or cancel: only the open counts.
        if (order.tif === 'IOC' && hit.t !== 0) continue;
        if (hit.t >= 0 && hit.t < bestT) {
          best = order;
          bestT = hit.t;
          bestPrice = hit.price;
        }
      }
      if (best === null) break;
      this.execute(best, bestPrice, i, time);
      from = bestT;
      this.prune();
    }
    // IOC orders that found no fill at the open are cancelled. (Trailing stops followed the path.)
    for (const order of this.pending) if (order.placedIndex < i && order.tif === 'IOC') order.status = 'cancelled';
    this.prune();
  }

  /** DAY orders live through the first UTC day they can fill on. */
  private expire(i: number, time: number): void {
    for (const order of this.pending) {
      if (order.tif !== 'DAY' || order.placedIndex >= i) continue;
      const firstDay = Math.floor(this.bars.time[order.placedIndex + 1]! / DAY_MS);
      if (Math.floor(time / DAY_MS) > firstDay) order.status = 'expired';
    }
  }

  private execute(order: Order, rawPrice: number, i: number, time: number): void {
    const buy = order.side === 'BUY';
    const sign = buy ? 1 : -1;
    const taker = order.type !== 'limit' && !(order.type === 'stop-limit' && order.triggered);
    // Only the volume model's slippage depends on the size; the size is then taken at the slipped price.
    const sizeForSlippage = taker && this.settings.slippage.kind === 'volume' ? this.quantity(order, rawPrice) : 0;
    const slip = taker ? this.slippage.perUnit(i, rawPrice, sizeForSlippage) : 0;
    const tick = this.settings.tickSize;
    const price = roundPrice(rawPrice + sign * slip, tick, taker ? (buy ? 'up' : 'down') : 'nearest');
    let qty = this.quantity(order, price);
    if (order.reduceOnly) qty = Math.min(qty, Math.abs(this.position));
    if (!(qty > 0)) return this.reject(order, i, time, order.reduceOnly ? 'nothing to reduce: the position is flat' : 'sizing gave no quantity (too little equity for one lot)');
    const liquidity = taker ? 'taker' : 'maker';
    const fee = this.commission.estimate(qty, price, liquidity, time);
    const problem = this.unaffordable(buy, qty, price, fee);
    if (problem !== null) return this.reject(order, i, time, problem);
    const commission = this.commission.charge(qty, price, time, liquidity);
    order.status = 'filled';
    order.qty = qty;
    this.cash -= sign * qty * price + commission;
    this.tradedValue += qty * price;
    this.fills.push({ orderId: order.id, barIndex: i, time, side: order.side, qty, price, commission, slippage: slip });
    this.position = this.pos.apply(sign * qty, price, commission, i, time, this.bars.high[i]!, this.bars.low[i]!);
    if (order.siblingId !== 0) this.cancelOrder(order.siblingId);
    if (this.position === 0) for (const o of this.pending) if (o.reduceOnly || o.parentId < 0) o.status = 'cancelled';
    if (!Number.isNaN(order.stopLoss) || !Number.isNaN(order.takeProfit)) this.openBracket(order, qty, i);
  }

  /** Units the order trades: its own, or the sizing model's plus the opposite position (a reversal). */
  private quantity(order: Order, price: number): number {
    if (order.qty !== null) return roundQty(order.qty, this.settings.lotSize);
    const buy = order.side === 'BUY';
    const opposite = buy ? Math.max(0, -this.position) : Math.max(0, this.position);
    // Sized on the account as it would be after closing the opposite position at this price.
    const sized = sizeEntry(this.settings.sizing, {
      equity: this.cash + this.position * price,
      cash: this.cash + (buy ? -opposite * price : opposite * price),
      price,
      stopPrice: Number.isNaN(order.stopLoss) ? null : order.stopLoss,
      atr: this.opts.atr ? this.opts.atr[order.placedIndex]! : NaN,
      lotSize: this.settings.lotSize,
      commission: this.commission,
      closedTrades: this.pos.stats,
    });
    return sized > 0 ? opposite + sized : opposite;
  }

  /**
   * Cash checks, no leverage: a buy that opens or adds to a long must be paid from cash; a sell that
   * opens or adds to a short needs equity covering the short's value. Reducing is always allowed.
   */
  private unaffordable(buy: boolean, qty: number, price: number, fee: number): string | null {
    const pos = this.position;
    const after = pos + (buy ? qty : -qty);
    if (buy && after > 0) {
      const opening = Math.min(qty, after);
      const closingCash = (qty - opening) * price; // covering a short first
      const need = opening * price + fee;
      const cashLeft = this.cash - closingCash;
      if (need > cashLeft + 1e-9) return `buying ${qty} at ${price} needs ${(need + closingCash).toFixed(2)}, cash is ${this.cash.toFixed(2)}`;
    }
    if (!buy && after < 0) {
      const equity = this.cash + pos * price - fee;
      const shortValue = -after * price;
      if (shortValue > equity + 1e-9) return `shorting ${-after} at ${price} (value ${shortValue.toFixed(2)}) exceeds equity ${equity.toFixed(2)}`;
    }
    return null;
  }

  private openBracket(entry: Order, qty: number, i: number): void {
    const exit: Side = entry.side === 'BUY' ? 'SELL' : 'BUY';
    const ids: number[] = [];
    const child = (req: OrderRequest) => {
      const o = createOrder(this.nextId++, req, i - 1, -entry.id);
      // Children of a filled entry work from the fill on, within this bar's path too.
      this.all.push(o);
      this.pending.push(o);
      ids.push(o.id);
      return o;
    };
    const sl = Number.isNaN(entry.stopLoss) ? null : child({ side: exit, type: 'stop', stop: entry.stopLoss, qty, reduceOnly: true, tag: 'stop-loss' });
    const tp = Number.isNaN(entry.takeProfit) ? null : child({ side: exit, type: 'limit', limit: entry.takeProfit, qty, reduceOnly: true, tag: 'take-profit' });
    if (sl && tp) {
      sl.siblingId = tp.id;
      tp.siblingId = sl.id;
    }
  }

  /** Drops what is no longer pending (filled, cancelled, rejected, expired) from the working list. */
  private prune(): void {
    this.pending = this.pending.filter((o) => o.status === 'pending');
  }

  private cancelOrder(id: number): void {
    for (const o of this.pending) if (o.id === id && o.status === 'pending') o.status = 'cancelled';
  }

  private reject(order: Order, i: number, time: number, reason: string): void {
    order.status = 'rejected';
    this.rejections.push({ orderId: order.id, barIndex: i, time, reason });
  }

  private result(equity: Float64Array, inMarket: Uint8Array): EngineResult {
    const n = equity.length;
    const trades = this.pos.trades.slice();
    if (this.position !== 0 && n > 0) {
      const last = n - 1;
      trades.push(this.pos.openTrade(this.bars.close[last]!, last, this.bars.time[last]!));
    }
    return { fills: this.fills, trades, rejections: this.rejections, orders: this.all, equity, inMarket, tradedValue: this.tradedValue };
  }
}
