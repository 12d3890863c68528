import type { Trade } from '../../src-shared/domain/backtest.ts';
import { TradeTally } from './metrics/trades.ts';

/** Closed-trade counts for Kelly sizing. */
export interface TradeStats {
  wins: number;
  losses: number;
  grossWin: number;
  grossLoss: number;
}

/**
 * The position of one instrument and the trades it closes. Quantities are signed (long > 0). Adding
 * to a position averages its entry price; reducing it closes a trade for the quantity reduced, with
 * the entry commission and short financing allotted pro rata; crossing zero closes the whole trade
 * and opens a new one with the rest.
 */
export class Position {
  qty = 0;
  avgPrice = 0;
  entryIndex = 0;
  entryTime = 0;
  /** Entry commissions and financing not yet allotted to a closed trade. */
  entryCommission = 0;
  financing = 0;
  /** Highest high and lowest low since entry (MAE/MFE); the entry bar counts whole. */
  maxHigh = 0;
  minLow = 0;
  /** The closed trades, when they are kept; their statistics are tallied either way. */
  readonly trades: Trade[] = [];
  readonly tally = new TradeTally();
  readonly stats: TradeStats = { wins: 0, losses: 0, grossWin: 0, grossLoss: 0 };
  private readonly keepTrades: boolean;

  /**
   * `keepTrades` false: closed trades are only tallied, not kept (nor is a trade object made for
   * them); the high/low marks then serve nothing and need not be kept either.
   */
  constructor(keepTrades = true) {
    this.keepTrades = keepTrades;
  }

  mark(high: number, low: number): void {
    if (high > this.maxHigh) this.maxHigh = high;
    if (low < this.minLow) this.minLow = low;
  }

  /** {@link mark} for every bar in [from, to) of the high and low columns. */
  markRange(high: Float64Array, low: Float64Array, from: number, to: number): void {
    let maxHigh = this.maxHigh;
    let minLow = this.minLow;
    for (let k = from; k < to; k++) {
      const h = high[k]!;
      const l = low[k]!;
      if (h > maxHigh) maxHigh = h;
      if (l < minLow) minLow = l;
    }
    this.maxHigh = maxHigh;
    this.minLow = minLow;
  }

  /** Applies a fill of `delta` units (signed) and returns the new position. */
  apply(delta: number, price: number, commission: number, i: number, time: number, high: number, low: number): number {
    const qty = this.qty;
    if (qty === 0 || Math.sign(qty) === Math.sign(delta)) {
      if (qty === 0) {
        this.open(i, time, price, high, low);
        this.avgPrice = price;
      } else this.avgPrice = (this.avgPrice * Math.abs(qty) + price * Math.abs(delta)) / Math.abs(qty + delta);
      this.entryCommission += commission;
      this.qty = qty + delta;
      return this.qty;
    }
    const closing = Math.min(Math.abs(delta), Math.abs(qty));
    const exitCommission = (commission * closing) / Math.abs(delta);
    this.closeTrade(closing, price, exitCommission, i, time);
    this.qty = qty + delta;
    if (Math.abs(delta) > closing) {
      // Reversal: the rest opens a new position, carrying the rest of the commission.
      this.open(i, time, price, high, low);
      this.avgPrice = price;
      this.entryCommission = commission - exitCommission;
    }
    if (this.qty === 0) {
      this.entryCommission = 0;
      this.financing = 0;
    }
    return this.qty;
  }

  /** The position still open at the end as a trade valued at the last close (no exit commission). */
  openTrade(close: number, i: number, time: number): Trade {
    return this.buildTrade(Math.abs(this.qty), close, 0, i, time, true);
  }

  private open(i: number, time: number, price: number, high: number, low: number): void {
    this.entryIndex = i;
    this.entryTime = time;
    this.avgPrice = 0;
    this.entryCommission = 0;
    this.financing = 0;
    this.maxHigh = Math.max(high, price);
    this.minLow = Math.min(low, price);
  }

  private closeTrade(closing: number, price: number, exitCommission: number, i: number, time: number): void {
    let pnl: number;
    if (this.keepTrades) {
      const trade = this.buildTrade(closing, price, exitCommission, i, time, false);
      this.trades.push(trade);
      pnl = trade.pnl;
    } else pnl = this.pnlOf(closing, price, exitCommission);
    this.tally.add(pnl, false);
    // The closed part takes its share of the entry commission and financing with it.
    const share = closing / Math.abs(this.qty);
    this.entryCommission -= this.entryCommission * share;
    this.financing -= this.financing * share;
    if (pnl > 0) {
      this.stats.wins++;
      this.stats.grossWin += pnl;
    } else if (pnl < 0) {
      this.stats.losses++;
      this.stats.grossLoss -= pnl;
    }
  }

  /** The net P&L of `closing` units exiting at `price`: the gross less their share of the costs. */
  private pnlOf(closing: number, price: number, exitCommission: number): number {
    const share = closing / Math.abs(this.qty);
    const gross = (this.qty > 0 ? price - this.avgPrice : this.avgPrice - price) * closing;
    return gross - (this.entryCommission * share + exitCommission) - this.financing * share;
  }

  /** The trade for `closing` units exiting at `price`, with their share of entry costs; changes nothing. */
  private buildTrade(closing: number, price: number, exitCommission: number, i: number, time: number, open: boolean): Trade {
    const long = this.qty > 0;
    const share = closing / Math.abs(this.qty);
    const commission = this.entryCommission * share + exitCommission;
    const pnl = this.pnlOf(closing, price, exitCommission);
    return new TradeRecord(
      this.trades.length + 1, long ? 'long' : 'short', closing, this.entryIndex, this.entryTime, this.avgPrice, i, time, price,
      pnl, pnl / (closing * this.avgPrice), commission,
      Math.max(0, long ? this.avgPrice - this.minLow : this.maxHigh - this.avgPrice),
      Math.max(0, long ? this.maxHigh - this.avgPrice : this.avgPrice - this.minLow),
      i - this.entryIndex, open,
    );
  }
}

/**
 * A trade as {@link Position} records it: a plain data object made by a constructor, never by a
 * literal (see WorkingOrder in orders.ts: V8 may allocate a literal's objects straight into the old
 * generation once a few have survived, and the optimizer's workers then paid for full collections).
 */
class TradeRecord implements Trade {
  declare readonly id: number;
  declare readonly direction: 'long' | 'short';
  declare readonly qty: number;
  declare readonly entryIndex: number;
  declare readonly entryTime: number;
  declare readonly entryPrice: number;
  declare readonly exitIndex: number;
  declare readonly exitTime: number;
  declare readonly exitPrice: number;
  declare readonly pnl: number;
  declare readonly returnPct: number;
  declare readonly commission: number;
  declare readonly mae: number;
  declare readonly mfe: number;
  declare readonly barsHeld: number;
  declare readonly open: boolean;

  constructor(
    id: number, direction: 'long' | 'short', qty: number, entryIndex: number, entryTime: number, entryPrice: number, exitIndex: number,
    exitTime: number, exitPrice: number, pnl: number, returnPct: number, commission: number, mae: number, mfe: number, barsHeld: number, open: boolean,
  ) {
    this.id = id;
    this.direction = direction;
    this.qty = qty;
    this.entryIndex = entryIndex;
    this.entryTime = entryTime;
    this.entryPrice = entryPrice;
    this.exitIndex = exitIndex;
    this.exitTime = exitTime;
    this.exitPrice = exitPrice;
    this.pnl = pnl;
    this.returnPct = returnPct;
    this.commission = commission;
    this.mae = mae;
    this.mfe = mfe;
    this.barsHeld = barsHeld;
    this.open = open;
  }
}
