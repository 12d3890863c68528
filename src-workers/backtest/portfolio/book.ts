import type { BarColumns } from '../../../src-shared/domain/bars.ts';
import type { PortfolioFill, PortfolioRejection, PortfolioSettings } from '../../../src-shared/domain/portfolio.ts';
import type { Side } from '../../../src-shared/domain/backtest.ts';
import { CommissionModel } from '../commission.ts';
import { Position } from '../position.ts';
import { roundPrice, roundQty } from '../rounding.ts';
import { sizeEntry, type SizingContext } from '../sizing.ts';
import { SlippageModel } from '../slippage.ts';
import type { Timeline } from './align.ts';

/**
 * The portfolio's account: cash, one long position per instrument, and the execution of rebalance
 * orders at a bar's open with the single-instrument engine's cost models — one commission model for
 * the account (a tiered plan counts the account's monthly shares), one slippage model per instrument
 * over its own bars, fill prices rounded to the tick against the trader, quantities down to the lot.
 *
 * Orders are market orders (taker). At a bar, sells run first so their cash funds the buys; if the
 * buys then cost more than the cash, each is scaled by cash / total cost (rounded down to the lot) and
 * then cut to what the cash left affords, so cash never goes below zero.
 */
export class PortfolioBook {
  cash: number;
  readonly qty: Float64Array;
  readonly positions: Position[];
  readonly fills: PortfolioFill[] = [];
  readonly rejections: PortfolioRejection[] = [];
  tradedValue = 0;
  totalCommission = 0;
  private readonly commission: CommissionModel;
  private readonly slippage: SlippageModel[];
  /** Per instrument, this bar's fill price and slippage per unit (scratch, reused every bar). */
  private readonly price: Float64Array;
  private readonly slip: Float64Array;
  private readonly budget = { kind: 'cash' as const, cash: 0 };
  private readonly sizing: SizingContext;
  private nextId = 1;

  constructor(
    private readonly series: readonly BarColumns[],
    private readonly symbols: readonly string[],
    private readonly timeline: Timeline,
    private readonly settings: PortfolioSettings,
  ) {
    const n = series.length;
    this.cash = settings.initialCash;
    this.qty = new Float64Array(n);
    this.positions = series.map(() => new Position());
    this.commission = new CommissionModel(settings.commission);
    this.slippage = series.map((bars) => new SlippageModel(settings.slippage, bars, settings.tickSize));
    this.price = new Float64Array(n);
    this.slip = new Float64Array(n);
    this.sizing = {
      equity: 0, cash: 0, price: 0, stopPrice: null, atr: NaN, lotSize: settings.lotSize, commission: this.commission,
      closedTrades: { wins: 0, losses: 0, grossWin: 0, grossLoss: 0 },
    };
  }

  /**
   * Fills the orders (`orders[k]`: signed units, 0 = none) of the instruments that have a bar at
   * timeline bar t, at that bar's open, and clears them; orders of the others keep waiting.
   */
  execute(t: number, orders: Float64Array): void {
    const { count, has } = this.timeline;
    const row = t * count;
    const time = this.timeline.time[t]!;
    for (let k = 0; k < count; k++) {
      if (has[row + k] && orders[k]! < 0) {
        this.sell(k, t, time, Math.min(-orders[k]!, this.qty[k]!));
        orders[k] = 0;
      }
    }
    // What the buys would cost as requested, to scale them together when the cash falls short.
    let cost = 0;
    for (let k = 0; k < count; k++) {
      if (!has[row + k] || !(orders[k]! > 0)) continue;
      const q = orders[k]!;
      this.quote(k, t, true, q);
      cost += q * this.price[k]! + this.commission.estimate(q, this.price[k]!, 'taker', time);
    }
    if (cost === 0) return;
    const cashBefore = this.cash;
    const scale = cost > cashBefore ? cashBefore / cost : 1;
    for (let k = 0; k < count; k++) {
      if (!has[row + k] || !(orders[k]! > 0)) continue;
      this.buy(k, t, time, orders[k]!, scale);
      orders[k] = 0;
    }
  }

  private sell(k: number, t: number, time: number, q: number): void {
    if (!(q > 0)) return;
    this.quote(k, t, false, q);
    const price = this.price[k]!;
    const fee = this.commission.estimate(q, price, 'taker', time);
    if (!(price > 0) || this.cash + (q * price - fee) < 0) {
      this.reject(k, t, time, 'SELL', q, `selling ${q} at ${price} brings ${(q * price).toFixed(2)} but costs ${fee.toFixed(2)} in commission, more than the cash ${this.cash.toFixed(2)} covers`);
      return;
    }
    this.fill(k, t, time, 'SELL', q, q, price);
  }

  private buy(k: number, t: number, time: number, requested: number, scale: number): void {
    const lot = this.settings.lotSize;
    let q = scale < 1 ? Math.min(requested, roundQty(requested * scale, lot)) : requested;
    let price = this.price[k]!;
    if (q > 0 && !(q * price + this.commission.estimate(q, price, 'taker', time) <= this.cash)) {
      // Earlier buys took more than their share (a per-order minimum or fixed fee does not scale).
      this.budget.cash = this.cash;
      this.sizing.price = price;
      q = Math.min(q, this.cash > 0 ? sizeEntry(this.budget, this.sizing) : 0);
      // sizeEntry allows floating error above the budget; the cash may not go below zero at all.
      while (q > 0 && q * price + this.commission.estimate(q, price, 'taker', time) > this.cash) q = roundQty(q - lot, lot);
    }
    if (q !== requested && q > 0 && this.settings.slippage.kind === 'volume') {
      // Volume slippage grows with the size: the smaller order slips less, so it stays affordable.
      this.quote(k, t, true, q);
      price = this.price[k]!;
    }
    if (!(q > 0)) {
      const need = requested * price + this.commission.estimate(requested, price, 'taker', time);
      this.reject(k, t, time, 'BUY', requested, `buying ${requested} at ${price} needs ${need.toFixed(2)}; the cash left (${this.cash.toFixed(2)}) does not buy one lot with its commission`);
      return;
    }
    this.fill(k, t, time, 'BUY', q, requested, price);
  }

  /** The fill price of a market order of q units of instrument k at bar t's open, into price[k] and slip[k]. */
  private quote(k: number, t: number, buy: boolean, q: number): void {
    const local = this.timeline.local[t * this.timeline.count + k]!;
    const open = this.series[k]!.open[local]!;
    const slip = this.slippage[k]!.perUnit(local, open, q);
    this.slip[k] = slip;
    this.price[k] = roundPrice(buy ? open + slip : open - slip, this.settings.tickSize, buy ? 'up' : 'down');
  }

  private fill(k: number, t: number, time: number, side: Side, q: number, requested: number, price: number): void {
    const buy = side === 'BUY';
    const commission = this.commission.charge(q, price, time, 'taker');
    // The same expression the affordability checks evaluated, so a check that passed keeps cash ≥ 0.
    this.cash = buy ? this.cash - (q * price + commission) : this.cash + (q * price - commission);
    this.tradedValue += q * price;
    this.totalCommission += commission;
    const local = this.timeline.local[t * this.timeline.count + k]!;
    const bars = this.series[k]!;
    this.qty[k] = this.positions[k]!.apply(buy ? q : -q, price, commission, t, time, bars.high[local]!, bars.low[local]!);
    this.fills.push({
      orderId: this.nextId++, barIndex: t, time, side, qty: q, price, commission, slippage: this.slip[k]!, symbol: this.symbols[k]!, requested,
    });
  }

  reject(k: number, t: number, time: number, side: Side, requested: number, reason: string): void {
    this.rejections.push({ barIndex: t, time, symbol: this.symbols[k]!, side, requested, reason });
  }
}
