import type { Fill, Side } from '../../src-shared/domain/backtest.ts';

/** A fill, made by a constructor rather than a literal (see WorkingOrder in orders.ts). */
export class FillRecord implements Fill {
  declare readonly orderId: number;
  declare readonly barIndex: number;
  declare readonly time: number;
  declare readonly side: Side;
  declare readonly qty: number;
  declare readonly price: number;
  declare readonly commission: number;
  declare readonly slippage: number;

  constructor(orderId: number, barIndex: number, time: number, side: Side, qty: number, price: number, commission: number, slippage: number) {
    this.orderId = orderId;
    this.barIndex = barIndex;
    this.time = time;
    this.side = side;
    this.qty = qty;
    this.price = price;
    this.commission = commission;
    this.slippage = slippage;
  }
}
