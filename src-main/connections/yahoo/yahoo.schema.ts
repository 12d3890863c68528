import { z } from 'zod';

/**
 * Yahoo Finance's public JSON, as far as Candlewick reads it (field names are Yahoo's own).
 * Unknown fields pass: Yahoo adds fields often, and only a change to these may stop us.
 */

/** A column of values, one per timestamp; null where nothing traded in that interval. */
const nullableNumbers = z.array(z.number().nullable());

const QuoteColumnsSchema = z.object({
  open: nullableNumbers.optional(),
  high: nullableNumbers.optional(),
  low: nullableNumbers.optional(),
  close: nullableNumbers.optional(),
  volume: nullableNumbers.optional(),
});
export type YahooQuoteColumns = z.infer<typeof QuoteColumnsSchema>;

const TradingPeriodSchema = z.object({ start: z.number(), end: z.number() });

export const ChartMetaSchema = z.object({
  symbol: z.string(),
  currency: z.string().nullable().optional(),
  exchangeName: z.string(),
  instrumentType: z.string().optional(),
  /** IANA zone of the exchange, e.g. America/New_York. */
  exchangeTimezoneName: z.string(),
  /** The exchange's UTC offset now, in seconds (not the offset on a bar's date). */
  gmtoffset: z.number(),
  regularMarketPrice: z.number().optional(),
  dataGranularity: z.string().optional(),
  currentTradingPeriod: z.object({ regular: TradingPeriodSchema }).optional(),
});
export type YahooChartMeta = z.infer<typeof ChartMetaSchema>;

export const ChartResultSchema = z.object({
  meta: ChartMetaSchema,
  /** Bar stamps in seconds; absent when the range holds no bars. */
  timestamp: z.array(z.number()).optional(),
  indicators: z.object({ quote: z.array(QuoteColumnsSchema).min(1) }),
});
export type YahooChartResult = z.infer<typeof ChartResultSchema>;

const YahooErrorSchema = z.object({ code: z.string(), description: z.string().nullable().optional() });

export const ChartResponseSchema = z.object({
  chart: z.object({
    result: z.array(ChartResultSchema).min(1).nullable(),
    error: YahooErrorSchema.nullable(),
  }),
});

/** Search hits: securities have a symbol; Yahoo also lists entities without one (private companies). */
const SearchQuoteSchema = z.object({
  symbol: z.string().optional(),
  shortname: z.string().optional(),
  longname: z.string().optional(),
  exchange: z.string().optional(),
  quoteType: z.string().optional(),
  isYahooFinance: z.boolean().optional(),
});
export type YahooSearchQuote = z.infer<typeof SearchQuoteSchema>;

export const SearchResponseSchema = z.object({ quotes: z.array(SearchQuoteSchema) });

/**
 * Where Yahoo explains a refusal: `{ chart: { error } }` on the chart API, `{ finance: { error } }`
 * on the others. Read leniently from error bodies, whose shape matters less than their words.
 */
export const ErrorBodySchema = z.object({
  chart: z.object({ error: YahooErrorSchema.nullable() }).optional(),
  finance: z.object({ error: YahooErrorSchema.nullable() }).optional(),
});
