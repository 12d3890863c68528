import { z } from 'zod';
import { TimeframeSchema } from './timeframe.ts';

export const ASSET_CLASSES = ['stock', 'etf', 'index', 'future', 'forex', 'crypto'] as const;
export const AssetClassSchema = z.enum(ASSET_CLASSES);
export type AssetClass = z.infer<typeof AssetClassSchema>;

export const SymbolSchema = z
  .string()
  .trim()
  .min(1, 'symbol is empty')
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/:^=+ ]*$/, 'symbol may hold letters, digits and . _ - / : ^ = + only');

/** What a trader types when an instrument is created; everything but the symbol has a default. */
export const InstrumentSpecSchema = z.object({
  symbol: SymbolSchema,
  venue: z.string().trim().max(64).default(''),
  assetClass: AssetClassSchema.default('stock'),
  currency: z.string().trim().regex(/^[A-Z0-9]{2,10}$/, 'currency must be a code such as USD').default('USD'),
  tickSize: z.number().positive().finite().default(0.01),
  lotSize: z.number().positive().finite().default(1),
  source: z.string().trim().min(1).max(64).default('csv'),
});
export type InstrumentSpec = z.output<typeof InstrumentSpecSchema>;

export const SeriesSummarySchema = z.object({
  timeframe: TimeframeSchema,
  count: z.number().int().nonnegative(),
  first: z.number().nullable(),
  last: z.number().nullable(),
});
export type SeriesSummary = z.infer<typeof SeriesSummarySchema>;

export const InstrumentSchema = z.object({
  id: z.number().int().positive(),
  symbol: z.string(),
  venue: z.string(),
  assetClass: AssetClassSchema,
  currency: z.string(),
  tickSize: z.number(),
  lotSize: z.number(),
  source: z.string(),
  createdAt: z.number(),
  series: z.array(SeriesSummarySchema),
});
export type Instrument = z.infer<typeof InstrumentSchema>;

/** The source of generated demo data; the UI labels it clearly as not real. */
export const DEMO_SOURCE = 'demo';
