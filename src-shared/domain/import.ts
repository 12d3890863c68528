import { z } from 'zod';
import { TimeframeSchema } from './timeframe.ts';

/** How the date (or date-time) column is written. */
export const DATE_FORMATS = [
  'iso', //         2014-01-02, 2014-01-02 09:30:00, 2014-01-02T09:30:00.123, optional Z / ±hh:mm
  'ymd-compact', // 20140102 (Stooq, MetaTrader CSV)
  'ymd-dot', //     2014.01.02 (MetaTrader history export)
  'ymd-slash', //   2014/01/02
  'dmy-slash', //   02/01/2014 (day first)
  'mdy-slash', //   01/02/2014 (month first)
  'unix-s', //      seconds since the epoch (TradingView export)
  'unix-ms', //     milliseconds since the epoch (Binance klines before 2025)
  'unix-us', //     microseconds since the epoch (Binance spot klines from 2025)
] as const;
export const DateFormatSchema = z.enum(DATE_FORMATS);
export type DateFormat = z.infer<typeof DateFormatSchema>;

/** What the rows of a file are. Ticks and quotes are aggregated into bars on import. */
export const IMPORT_KINDS = ['bars', 'ticks', 'quotes'] as const;
export const ImportKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKindSchema>;

const columnIndex = z.number().int().min(0).max(255);

/**
 * Which column holds what (0-based). Bars need open/high/low/close; ticks need price
 * (volume is the trade size); quotes need bid and ask (bars are built from the mid price).
 */
export const ColumnMappingSchema = z.object({
  date: columnIndex,
  /** A separate time-of-day column (`09:30:00`), when the date column holds only the date. */
  time: columnIndex.optional(),
  open: columnIndex.optional(),
  high: columnIndex.optional(),
  low: columnIndex.optional(),
  close: columnIndex.optional(),
  volume: columnIndex.optional(),
  price: columnIndex.optional(),
  bid: columnIndex.optional(),
  ask: columnIndex.optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export const DelimiterSchema = z.enum(DELIMITERS);

/** Everything the parser needs to turn a file into bars; detection proposes it, the user may change it. */
export const ParseOptionsSchema = z.object({
  kind: ImportKindSchema,
  delimiter: DelimiterSchema,
  hasHeader: z.boolean(),
  dateFormat: DateFormatSchema,
  mapping: ColumnMappingSchema,
  /** IANA zone of the file's clock times (`America/New_York`); ignored for date-only rows and epoch times. */
  timeZone: z.string().min(1).max(64).default('UTC'),
  /** Bar timeframe: of the file's bars, or the one ticks/quotes are aggregated into. */
  timeframe: TimeframeSchema,
  /** Decimal comma (`1,2345`) as written in some European exports. */
  decimalComma: z.boolean().default(false),
});
export type ParseOptions = z.output<typeof ParseOptionsSchema>;

export const RejectedRowSchema = z.object({
  /** 1-based line number in the file, counting the header. */
  row: z.number().int().positive(),
  reason: z.string(),
});
export type RejectedRow = z.infer<typeof RejectedRowSchema>;

/** A format the detector recognises; `generic` means a header with recognisable names. */
export const FORMAT_IDS = [
  'yahoo',
  'stooq',
  'metatrader',
  'binance',
  'tradingview',
  'backtrader',
  'ticks',
  'bidask',
  'generic',
  'unknown',
] as const;
export const FormatIdSchema = z.enum(FORMAT_IDS);
export type FormatId = z.infer<typeof FormatIdSchema>;

/** What detection found in the first rows of a file. */
export const DetectionSchema = z.object({
  format: FormatIdSchema,
  /** Human label, e.g. "Yahoo Finance daily export". */
  label: z.string(),
  /** 0..1; below 0.8 the UI asks the user to confirm the column mapping. */
  confidence: z.number().min(0).max(1),
  /** The proposed options; null when nothing usable was recognised. */
  options: ParseOptionsSchema.nullable(),
  /** The header cells, or generated names (`column 1`…) when there is no header. */
  columns: z.array(z.string()),
  /** The first rows split into cells, for the preview table. */
  sampleRows: z.array(z.array(z.string())),
  /** Timeframe measured from the sample's time steps, if regular. */
  detectedTimeframe: TimeframeSchema.nullable(),
  /** A symbol guessed from the file name (`orcl-1995-2014.csv` → `ORCL`). */
  suggestedSymbol: z.string().nullable(),
  /** Things the user should know: quirks handled, assumptions made. */
  notes: z.array(z.string()),
});
export type Detection = z.infer<typeof DetectionSchema>;
