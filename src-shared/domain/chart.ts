import { z } from 'zod';
import { IndicatorConfigSchema } from './indicator.ts';
import { TimeframeSchema } from './timeframe.ts';

export const CHART_TYPES = ['candles', 'bars', 'line'] as const;

/** An indicator on a chart: its configuration plus how it is drawn. */
export const ChartIndicatorSchema = z.object({
  /** Stable key within the layout (the same indicator may appear twice with other parameters). */
  key: z.string().min(1).max(40),
  config: IndicatorConfigSchema,
  /** One colour per output id, `#rrggbb`. */
  colors: z.record(z.string(), z.string().regex(/^#[0-9a-fA-F]{6}$/)).default({}),
  /** 0 = the price pane; panes of their own are numbered from 1 in order. */
  pane: z.number().int().min(0).max(12),
  visible: z.boolean().default(true),
});
export type ChartIndicator = z.output<typeof ChartIndicatorSchema>;

export const PriceLineSchema = z.object({
  price: z.number().finite(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  title: z.string().max(40).default(''),
});

/** What the chart page shows; persisted per workspace so a reload finds it as it was. */
export const ChartLayoutSchema = z.object({
  instrumentId: z.number().int().positive().nullable(),
  timeframe: TimeframeSchema,
  chartType: z.enum(CHART_TYPES),
  showVolume: z.boolean(),
  indicators: z.array(ChartIndicatorSchema).max(40),
  priceLines: z.array(PriceLineSchema).max(40).default([]),
  /** Heights of the panes as fractions, price pane first. */
  paneHeights: z.array(z.number().positive()).max(13).default([]),
});
export type ChartLayout = z.output<typeof ChartLayoutSchema>;

/** A marker on the price series (trades from backtests, live fills, replay events). */
export const ChartMarkerSchema = z.object({
  time: z.number(),
  position: z.enum(['aboveBar', 'belowBar', 'inBar']),
  shape: z.enum(['arrowUp', 'arrowDown', 'circle', 'square']),
  color: z.string(),
  text: z.string().max(60).default(''),
});
export type ChartMarker = z.output<typeof ChartMarkerSchema>;

/** One bar as pushed to a live chart: the forming bar is replaced, a closed one appended. */
export const BarUpdateSchema = z.object({
  /** Which stream this is (a replay id, later a live subscription). */
  streamId: z.string(),
  instrumentId: z.number().int().positive(),
  timeframe: TimeframeSchema,
  /**
   * Increases by one per update of the stream — across all its timeframes — so a client can tell it
   * missed one (a chart of one timeframe sees gaps in seq from the others and must not count those).
   */
  seq: z.number().int().nonnegative(),
  /** True once the bar is final; false while it is still forming. */
  closed: z.boolean(),
  time: z.number(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
  /** Indicator values after this update, per indicator key and output id; null while warming up. */
  indicators: z.record(z.string(), z.record(z.string(), z.number().nullable())).default({}),
});
export type BarUpdate = z.infer<typeof BarUpdateSchema>;
