import { AppFailure } from '../../src-shared/contract/errors.ts';
import type { Side } from '../../src-shared/domain/backtest.ts';

export type OrderType = 'market' | 'limit' | 'stop' | 'stop-limit' | 'trailing-stop';
export type TimeInForce = 'GTC' | 'DAY' | 'IOC';

/** What a strategy asks for. Prices are absolute; a bracket's stopLoss/takeProfit become OCO children. */
export interface OrderRequest {
  side: Side;
  type?: OrderType;
  /** Units; omitted → the run's sizing model (plus the opposite position, if any: a reversal). */
  qty?: number;
  limit?: number;
  stop?: number;
  /** Trailing stop distance: an amount in price units or a percent of the price. */
  trailAmount?: number;
  trailPercent?: number;
  tif?: TimeInForce;
  stopLoss?: number;
  takeProfit?: number;
  /** Only ever reduces the position (exits); cancelled when the position is flat. */
  reduceOnly?: boolean;
  tag?: string;
}

export type OrderStatus = 'pending' | 'filled' | 'cancelled' | 'rejected' | 'expired';

export interface Order {
  readonly id: number;
  readonly side: Side;
  readonly type: OrderType;
  /** The quantity asked for (null: sized at the fill); `qty` becomes the quantity filled. */
  readonly requestedQty: number | null;
  qty: number | null;
  readonly limit: number;
  /** Trigger price of stop orders; for trailing stops it moves with the market. */
  stop: number;
  readonly trailAmount: number;
  readonly trailPercent: number;
  readonly tif: TimeInForce;
  readonly reduceOnly: boolean;
  readonly tag: string;
  /** Bar on which the strategy placed it; it can fill from the next bar on. */
  readonly placedIndex: number;
  status: OrderStatus;
  /** For stop-limit orders: the stop has triggered, the order now rests as a limit. */
  triggered: boolean;
  /** Bracket: the parent entry (children wait for it) and the OCO sibling. */
  parentId: number;
  siblingId: number;
  /** Bracket prices carried by an entry until it fills. */
  readonly stopLoss: number;
  readonly takeProfit: number;
}

/** Builds a validated order from a strategy's request; throws a clear error for a malformed one. */
export function createOrder(id: number, req: OrderRequest, placedIndex: number, parentId = 0): Order {
  const type = req.type ?? (req.limit !== undefined && req.stop !== undefined ? 'stop-limit' : req.limit !== undefined ? 'limit' : req.stop !== undefined ? 'stop' : 'market');
  if (req.side !== 'BUY' && req.side !== 'SELL') throw bad(req, placedIndex, `side must be BUY or SELL, got ${String(req.side)}`);
  if (req.qty !== undefined && !(Number.isFinite(req.qty) && req.qty > 0)) throw bad(req, placedIndex, `qty must be a positive number, got ${String(req.qty)}`);
  const limit = price(req.limit, req, placedIndex, type, 'limit', type === 'limit' || type === 'stop-limit');
  const stop = price(req.stop, req, placedIndex, type, 'stop', type === 'stop' || type === 'stop-limit');
  let trailAmount = NaN;
  let trailPercent = NaN;
  if (type === 'trailing-stop') {
    if (req.trailAmount !== undefined) {
      if (!(Number.isFinite(req.trailAmount) && req.trailAmount > 0)) throw bad(req, placedIndex, `trailAmount must be positive, got ${String(req.trailAmount)}`);
      trailAmount = req.trailAmount;
    } else if (req.trailPercent !== undefined) {
      if (!(Number.isFinite(req.trailPercent) && req.trailPercent > 0 && req.trailPercent < 100)) {
        throw bad(req, placedIndex, `trailPercent must be in (0, 100), got ${String(req.trailPercent)}`);
      }
      trailPercent = req.trailPercent;
    } else throw bad(req, placedIndex, 'a trailing-stop order needs trailAmount or trailPercent');
  }
  const tif = req.tif ?? 'GTC';
  if (tif !== 'GTC' && tif !== 'DAY' && tif !== 'IOC') throw bad(req, placedIndex, `tif must be GTC, DAY or IOC, got ${String(tif)}`);
  const stopLoss = price(req.stopLoss, req, placedIndex, type, 'stopLoss', false);
  const takeProfit = price(req.takeProfit, req, placedIndex, type, 'takeProfit', false);
  if (req.side === 'BUY' && stopLoss >= takeProfit) throw bad(req, placedIndex, `a long bracket needs stopLoss (${stopLoss}) below takeProfit (${takeProfit})`);
  if (req.side === 'SELL' && stopLoss <= takeProfit) throw bad(req, placedIndex, `a short bracket needs stopLoss (${stopLoss}) above takeProfit (${takeProfit})`);
  return new WorkingOrder(id, req, type, limit, stop, trailAmount, trailPercent, tif, placedIndex, parentId, stopLoss, takeProfit);
}

/**
 * An order as the engine keeps it. Made by a constructor rather than an object literal: V8 may
 * decide that a literal's objects outlive young collections and allocate all later ones in the old
 * generation ("pretenuring"). It did so with orders in some optimizer workers and not in others,
 * and those workers then spent a third more time per backtest in full collections. Objects made by
 * `new` are never pretenured. (Fields are `declare`d so that none is first defined as undefined.)
 */
class WorkingOrder implements Order {
  declare readonly id: number;
  declare readonly side: Side;
  declare readonly type: OrderType;
  declare readonly requestedQty: number | null;
  declare qty: number | null;
  declare readonly limit: number;
  declare stop: number;
  declare readonly trailAmount: number;
  declare readonly trailPercent: number;
  declare readonly tif: TimeInForce;
  declare readonly reduceOnly: boolean;
  declare readonly tag: string;
  declare readonly placedIndex: number;
  declare status: OrderStatus;
  declare triggered: boolean;
  declare parentId: number;
  declare siblingId: number;
  declare readonly stopLoss: number;
  declare readonly takeProfit: number;

  constructor(
    id: number, req: OrderRequest, type: OrderType, limit: number, stop: number, trailAmount: number, trailPercent: number,
    tif: TimeInForce, placedIndex: number, parentId: number, stopLoss: number, takeProfit: number,
  ) {
    this.id = id;
    this.side = req.side;
    this.type = type;
    this.requestedQty = req.qty ?? null;
    this.qty = req.qty ?? null;
    this.limit = limit;
    this.stop = stop;
    this.trailAmount = trailAmount;
    this.trailPercent = trailPercent;
    this.tif = tif;
    this.reduceOnly = req.reduceOnly ?? false;
    this.tag = req.tag ?? '';
    this.placedIndex = placedIndex;
    this.status = 'pending';
    this.triggered = false;
    this.parentId = parentId;
    this.siblingId = 0;
    this.stopLoss = stopLoss;
    this.takeProfit = takeProfit;
  }
}

/**
 * A price field `v` of the request (`req[name]`, read by the caller: a load by a variable name is
 * megamorphic and was the slowest step of placing an order): NaN when absent (an error if the type
 * needs it), else a positive number.
 */
function price(v: number | undefined, req: OrderRequest, placedIndex: number, type: OrderType, name: 'limit' | 'stop' | 'stopLoss' | 'takeProfit', needed: boolean): number {
  if (v === undefined) {
    if (needed) throw bad(req, placedIndex, `a ${type} order needs a ${name} price`);
    return NaN;
  }
  if (!(Number.isFinite(v) && v > 0)) throw bad(req, placedIndex, `${name} must be a positive price, got ${String(v)}`);
  return v;
}

function bad(req: OrderRequest, placedIndex: number, message: string): AppFailure {
  return new AppFailure('VALIDATION_FAILED', `order at bar ${placedIndex}: ${message}`, { barIndex: placedIndex, order: JSON.stringify(req) });
}
