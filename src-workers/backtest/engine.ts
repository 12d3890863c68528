import type { BarColumns } from '../../src-shared/domain/bars.ts';
import type { BacktestSettings, Fill, Side } from '../../src-shared/domain/backtest.ts';
import { CommissionModel } from './commission.ts';
import type { EngineOptions, EngineResult, Rejection } from './engine-types.ts';
import { FillRecord } from './fill-record.ts';
import { BarPath, touch, trailDistance, type Touch } from './intrabar.ts';
import { createOrder, type Order, type OrderRequest } from './orders.ts';
import { Position } from './position.ts';
import { roundPrice, roundQty } from './rounding.ts';
import { sizeEntry } from './sizing.ts';
import { SlippageModel } from './slippage.ts';
import type { StrategyInstance, Trader } from './strategy.ts';

export type { EngineOptions, EngineResult, Rejection } from './engine-types.ts';

const DAY_MS = 86_400_000;

/** What a bare buy() or sell() asks for (createOrder only reads a request): no copy made per order. */
const MARKET_BUY: OrderRequest = { side: 'BUY' };
const MARKET_SELL: OrderRequest = { side: 'SELL' };

/**
 * The event-driven engine for one instrument. Per bar i: pending orders are matched against bar i's
 * path (intrabar.ts) in the order they would trigger; the position is marked to the close; the
 * strategy's onBar runs and may place orders for bar i + 1 on. See docs/backtesting.md.
 */
export class Engine implements Trader {
  // Initialized here, not only in the constructor: a field declared without a value starts as
  // undefined, and V8 then boxes every number stored into it (an allocation per bar).
  position = 0;
  cash = 0;
  private readonly bars: BarColumns;
  private readonly settings: BacktestSettings;
  private readonly opts: EngineOptions;
  private readonly record: boolean;
  private readonly closesFinite: boolean;
  private readonly commission: CommissionModel;
  private readonly slippage: SlippageModel;
  private pos: Position;
  private readonly path = new BarPath();
  private readonly scratch: Touch = { t: -1, price: NaN };
  private pending: Order[] = [];
  private all: Order[] = [];
  private fills: Fill[] = [];
  private rejections: Rejection[] = [];
  private nextId = 1;
  private bar = -1;
  private tradedValue = 0;
  /** The run's output columns, and the first bar not yet written to them (see markTo). */
  private equityOut: Float64Array = new Float64Array(0);
  private inMarketOut: Uint8Array = new Uint8Array(0);
  private marked = 0;
  private barsHeld = 0;

  constructor(bars: BarColumns, settings: BacktestSettings, opts: EngineOptions) {
    this.bars = bars;
    this.settings = settings;
    this.opts = opts;
    this.record = opts.record ?? true;
    this.pos = new Position(this.record);
    this.cash = settings.initialCash;
    this.commission = new CommissionModel(settings.commission);
    this.slippage = new SlippageModel(settings.slippage, bars, settings.tickSize);
    this.closesFinite = allFinite(bars.close);
  }

  /**
   * Back to the state before the first bar, so that one engine (its cost models, any column they
   * precomputed) serves many runs over the same bars: the optimizer's batches. Results already
   * returned keep their own lists.
   */
  reset(): void {
    this.position = 0;
    this.cash = this.settings.initialCash;
    this.commission.reset();
    this.pos = new Position(this.record);
    this.pending = [];
    this.all = [];
    this.fills = [];
    this.rejections = [];
    this.nextId = 1;
    this.bar = -1;
    this.tradedValue = 0;
  }

  /**
   * Runs the strategy over every bar. The equity and in-market columns are written into `into` when
   * given (arrays of at least the bar count, reused across runs; the result holds views of them).
   *
   * Between fills nothing but the strategy changes from bar to bar: cash and position are constant,
   * so the equity, in-market flags and the position's high/low marks of such a stretch are written in
   * one tight loop (markTo) when it ends — before the next fill, or at the end — rather than bar by
   * bar around the strategy's call. A short under financing pays it every bar and is marked bar by
   * bar, since the strategy sees the cash move.
   *
   * A strategy that says where its onBar would next do anything (StrategyInstance.nextActive) is not
   * called on the bars before — an SMA crossover acts on a few dozen of thousands — whenever the
   * engine has nothing of its own to do on them either: no order working, no financing to pay.
   */
  run(strategy: StrategyInstance, into?: { equity: Float64Array; inMarket: Uint8Array }): EngineResult {
    const { open, high, low, close } = this.bars;
    const n = close.length;
    const equity = into ? into.equity.subarray(0, n) : new Float64Array(n);
    const inMarket = into ? into.inMarket.subarray(0, n) : new Uint8Array(n);
    if (into) inMarket.fill(0);
    this.equityOut = equity;
    this.inMarketOut = inMarket;
    this.marked = 0;
    this.barsHeld = 0;
    const every = this.opts.progressEvery ?? 0;
    const financing = this.settings.shortFinancingRate / this.opts.periodsPerYear;
    const financed = financing > 0;
    const quiet = strategy.nextActive !== undefined;
    for (let i = 0; i < n; i++) {
      if (quiet && this.pending.length === 0 && !(financed && this.position < 0)) {
        // Straight to the strategy's next active bar; the bars skipped are marked with the stretch
        // they belong to (markTo). A bar that reports progress is not skipped.
        const next = strategy.nextActive!(i);
        const progressBar = every > 0 ? i + every - 1 - (i % every) : n;
        i = next < progressBar ? next : progressBar;
        if (i >= n) break;
      }
      this.bar = i;
      if (this.pending.length > 0) {
        // The bars before this one held what the fills are about to change.
        this.markTo(i);
        this.matchBar(i, open[i]!, high[i]!, low[i]!, close[i]!);
      }
      if (financed && this.position < 0) {
        this.markTo(i);
        const cost = -this.position * close[i]! * financing;
        this.cash -= cost;
        this.pos.financing += cost;
        this.markTo(i + 1);
      }
      strategy.onBar(i, this);
      if (every > 0 && (i + 1) % every === 0) {
        this.opts.onProgress?.(i + 1);
        if (this.opts.shouldStop?.()) {
          this.markTo(i + 1);
          return this.result(equity.subarray(0, i + 1), inMarket.subarray(0, i + 1));
        }
      }
    }
    this.markTo(n);
    return this.result(equity, inMarket);
  }

  /**
   * Marks bars [marked, to) — over which cash and position did not change — to the close: equity,
   * in-market flag, and (when recording) the highest high and lowest low the open position has
   * seen (MAE/MFE).
   */
  private markTo(to: number): void {
    const from = this.marked;
    if (to <= from) return;
    this.marked = to;
    const { high, low, close } = this.bars;
    const equity = this.equityOut;
    const position = this.position;
    const cash = this.cash;
    if (position === 0) {
      // Flat: cash + 0 × close is the cash itself whenever the close is finite.
      if (this.closesFinite) equity.fill(cash, from, to);
      else for (let k = from; k < to; k++) equity[k] = cash + position * close[k]!;
      return;
    }
    const inMarket = this.inMarketOut;
    this.barsHeld += to - from;
    for (let k = from; k < to; k++) {
      equity[k] = cash + position * close[k]!;
      inMarket[k] = 1;
    }
    if (this.record) this.pos.markRange(high, low, from, to);
  }

  // ── Trader ──────────────────────────────────────────────────────────────────────────────────────

  /** Cash plus the position at the current bar's close (the initial cash before the first bar). */
  get equity(): number {
    const i = this.bar;
    return i < 0 ? this.cash : this.cash + this.position * this.bars.close[i]!;
  }

  order(req: OrderRequest): number {
    const o = createOrder(this.nextId++, req, this.bar);
    // A trailing stop starts at its distance from the close it was placed on.
    if (o.type === 'trailing-stop' && this.bar >= 0) {
      const c = this.bars.close[this.bar]!;
      o.stop = o.side === 'SELL' ? c - trailDistance(o, c) : c + trailDistance(o, c);
    }
    if (this.record) this.all.push(o);
    this.pending.push(o);
    return o.id;
  }

  buy(req?: Omit<OrderRequest, 'side'>): number {
    return this.order(req === undefined ? MARKET_BUY : { ...req, side: 'BUY' });
  }

  sell(req?: Omit<OrderRequest, 'side'>): number {
    return this.order(req === undefined ? MARKET_SELL : { ...req, side: 'SELL' });
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
    if (this.record) this.fills.push(new FillRecord(order.id, i, time, order.side, qty, price, commission, slip));
    this.position = this.pos.apply(sign * qty, price, commission, i, time, this.bars.high[i]!, this.bars.low[i]!);
    if (order.siblingId !== 0) this.cancelOrder(order.siblingId);
    // Flat: the exits still working have nothing left to exit (the one just filled stays filled).
    if (this.position === 0) for (const o of this.pending) if (o.status === 'pending' && (o.reduceOnly || o.parentId < 0)) o.status = 'cancelled';
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
    const child = (req: OrderRequest) => {
      const o = createOrder(this.nextId++, req, i - 1, -entry.id);
      // Children of a filled entry work from the fill on, within this bar's path too.
      if (this.record) this.all.push(o);
      this.pending.push(o);
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
    // In place: called after every fill, and never while the list is being walked.
    const pending = this.pending;
    let kept = 0;
    for (let k = 0; k < pending.length; k++) {
      const o = pending[k]!;
      if (o.status === 'pending') pending[kept++] = o;
    }
    while (pending.length > kept) pending.pop();
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
    const tally = this.pos.tally;
    if (this.position !== 0 && n > 0) {
      const last = n - 1;
      const open = this.pos.openTrade(this.bars.close[last]!, last, this.bars.time[last]!);
      tally.add(open.pnl, true);
      if (this.record) trades.push(open);
    }
    return {
      fills: this.fills, trades, tradeStats: tally.stats(), rejections: this.rejections, orders: this.all, equity, inMarket,
      barsHeld: this.barsHeld, tradedValue: this.tradedValue,
    };
  }
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}
