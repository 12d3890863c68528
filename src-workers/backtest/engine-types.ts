// What the engine (engine.ts) is given besides the bars and settings, and what a run gives back.
import type { Fill, Trade } from '../../src-shared/domain/backtest.ts';
import type { TradeStats } from '../../src-shared/domain/metrics.ts';
import type { Order } from './orders.ts';

export interface Rejection {
  orderId: number;
  barIndex: number;
  time: number;
  reason: string;
}

export interface EngineResult {
  fills: Fill[];
  trades: Trade[];
  /** tradeStats of the trades, tallied as they closed (kept or not: see EngineOptions.record). */
  tradeStats: TradeStats;
  rejections: Rejection[];
  orders: Order[];
  equity: Float64Array;
  inMarket: Uint8Array;
  /** Bars with a position held at the close (the 1s of inMarket). */
  barsHeld: number;
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
  /**
   * False: the result's `orders`, `fills` and `trades` stay empty — the trades' statistics are
   * tallied as they close (`tradeStats`); equity and the rest are as always. The optimizer keeps
   * only metrics: an order, fill or trade kept is memory to collect later, and the highest high and
   * lowest low of every bar held (the trades' mae and mfe) — a branch per bar the processor keeps
   * mispredicting — would be read by nothing.
   */
  record?: boolean;
}
