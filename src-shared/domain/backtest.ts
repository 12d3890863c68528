import { z } from 'zod';

/**
 * The backtest's shared vocabulary: how a run is configured (costs, slippage, sizing) and what it
 * produces (fills, trades). Schemas validate at the edges (contract, CLI, saved runs); the engine in
 * src-workers/backtest works on the inferred types.
 */

export const SideSchema = z.enum(['BUY', 'SELL']);
export type Side = z.infer<typeof SideSchema>;

const fraction = z.number().finite().min(0).max(1);
const nonNegative = z.number().finite().min(0);
const positive = z.number().finite().positive();

/**
 * Commission per fill. `percent` and the maker/taker rates are fractions of the traded value
 * (0.001 = 0.1 %). `per-share` has IB's minimum per order and cap as a fraction of the value; `tiered`
 * charges a per-share rate by the shares traded so far in the calendar month (IB's tiered plan).
 * Maker applies to limit orders (resting liquidity), taker to market and stop orders.
 */
export const CommissionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('percent'), rate: fraction }),
  z.object({ kind: z.literal('fixed'), perOrder: nonNegative }),
  z.object({
    kind: z.literal('per-share'),
    perShare: nonNegative,
    minPerOrder: nonNegative.default(0),
    maxFractionOfValue: fraction.default(1),
  }),
  z.object({
    kind: z.literal('tiered'),
    /** Ascending monthly-volume tiers: a rate applies while this month's shares are below its `upTo`; the last tier applies above its bound too. */
    tiers: z.array(z.object({ upTo: z.number().positive(), perShare: nonNegative })).min(1),
    minPerOrder: nonNegative.default(0),
    maxFractionOfValue: fraction.default(1),
  }),
  z.object({ kind: z.literal('maker-taker'), maker: z.number().finite().min(-0.01).max(1), taker: fraction }),
]);
export type Commission = z.infer<typeof CommissionSchema>;

/**
 * Slippage moves every market and stop fill against the trader (limit fills are at their price or
 * better, no slippage). `ticks`: a fixed number of ticks; `bps`: basis points of the price; `atr`: a
 * fraction of the ATR(period) of the bar before the fill; `volume`: price × impact × (qty / bar
 * volume) — size against liquidity.
 */
export const SlippageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('ticks'), ticks: nonNegative }),
  z.object({ kind: z.literal('bps'), bps: nonNegative }),
  z.object({ kind: z.literal('atr'), fraction: nonNegative, period: z.number().int().min(1).max(1000).default(14) }),
  z.object({ kind: z.literal('volume'), impact: nonNegative }),
]);
export type Slippage = z.infer<typeof SlippageSchema>;

/**
 * How many units an entry buys or sells when the strategy does not give a quantity. `percent` of
 * equity buys as many whole lots as that share of equity affords at the fill price including
 * commission; `risk` sizes so that hitting the stop loses `percent` of equity; `atr` sizes so that
 * `multiple` ATRs of adverse move lose `percent` of equity; `kelly` uses a fraction of the Kelly
 * fraction estimated from the closed trades so far (percent of equity `fallback` until `minTrades`).
 */
export const SizingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), qty: positive }),
  z.object({ kind: z.literal('cash'), cash: positive }),
  z.object({ kind: z.literal('percent'), percent: z.number().finite().positive().max(1000) }),
  z.object({ kind: z.literal('risk'), percent: z.number().finite().positive().max(100) }),
  z.object({
    kind: z.literal('atr'),
    percent: z.number().finite().positive().max(100),
    multiple: positive,
    period: z.number().int().min(1).max(1000).default(14),
  }),
  z.object({
    kind: z.literal('kelly'),
    fraction: z.number().finite().positive().max(1),
    minTrades: z.number().int().min(1).default(20),
    fallback: z.number().finite().positive().max(100).default(10),
  }),
]);
export type Sizing = z.infer<typeof SizingSchema>;

/** Everything about costs and sizing a run uses; saved with the run. */
export const BacktestSettingsSchema = z.object({
  initialCash: positive.default(100_000),
  commission: CommissionSchema.default({ kind: 'none' }),
  slippage: SlippageSchema.default({ kind: 'none' }),
  sizing: SizingSchema.default({ kind: 'percent', percent: 100 }),
  /** Price grid of the instrument (orders and fills are rounded to it); 0 = no rounding. */
  tickSize: nonNegative.default(0),
  /** Quantity step (1 = whole shares; 0.0001 for crypto); quantities are rounded down to it. */
  lotSize: positive.default(1),
  /** Annual rate charged on the value of short positions, per bar held (fraction, 0.03 = 3 %). */
  shortFinancingRate: nonNegative.default(0),
  /** Bars per year for annualized metrics; default from the timeframe and the calendar. */
  periodsPerYear: positive.optional(),
});
export type BacktestSettings = z.infer<typeof BacktestSettingsSchema>;
export type BacktestSettingsInput = z.input<typeof BacktestSettingsSchema>;

export const FillSchema = z.object({
  orderId: z.number().int(),
  barIndex: z.number().int(),
  time: z.number(),
  side: SideSchema,
  qty: z.number().positive(),
  price: z.number(),
  commission: z.number(),
  /** Price moved against the trader by slippage, per unit (≥ 0). */
  slippage: z.number(),
});
export type Fill = z.infer<typeof FillSchema>;

/** A closed round trip (or a part of one, after a partial exit). */
export const TradeSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['long', 'short']),
  qty: z.number().positive(),
  entryIndex: z.number().int(),
  entryTime: z.number(),
  entryPrice: z.number(),
  exitIndex: z.number().int(),
  exitTime: z.number(),
  exitPrice: z.number(),
  /** Net of commissions (entry commission allotted pro rata to the quantity closed) and financing. */
  pnl: z.number(),
  /** pnl / entry value (qty × entryPrice). */
  returnPct: z.number(),
  commission: z.number(),
  /** Maximum adverse and favourable excursion over the bars held, per unit, ≥ 0 (from bar lows/highs). */
  mae: z.number(),
  mfe: z.number(),
  barsHeld: z.number().int(),
  /** True for a position still open at the end, valued at the last close. */
  open: z.boolean(),
});
export type Trade = z.infer<typeof TradeSchema>;
