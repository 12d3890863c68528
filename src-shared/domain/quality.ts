import { z } from 'zod';

/**
 * Thresholds of the bar-quality rules. Every field has a default (docs/data-quality.md says why each
 * value was chosen); callers override only what their instrument needs.
 */
export const QualityConfigSchema = z.object({
  /** Price jumps: a bar is suspect only when BOTH the percent move and the robust z-score are large. */
  priceJump: z
    .object({
      enabled: z.boolean().default(true),
      /** Trailing log returns the median/MAD are taken over (63 ≈ one quarter of daily bars). */
      window: z.number().int().min(5).default(63),
      /** Fewer accepted returns than this in the window: too little history to call anything unusual. */
      minHistory: z.number().int().min(3).default(20),
      /** |close / reference close − 1| at or above this (0.08 = 8 %). */
      minPercent: z.number().positive().default(0.08),
      /** |robust z| of the log return at or above this. */
      minRobustZ: z.number().positive().default(6),
      /** Floor on the robust scale (1.4826·MAD) so a flat stretch does not turn a tick into a jump. */
      minScale: z.number().positive().default(0.002),
    })
    .prefault({}),
  /** Volume spikes: robust z-score of log(1 + volume) over trailing bars; only upward spikes count. */
  volumeSpike: z
    .object({
      enabled: z.boolean().default(true),
      window: z.number().int().min(5).default(63),
      minHistory: z.number().int().min(3).default(20),
      minRobustZ: z.number().positive().default(6),
      minScale: z.number().positive().default(0.05),
    })
    .prefault({}),
  /** Freshness of live data: checked only when the caller passes `now`. */
  freshness: z
    .object({
      /** The bar period in ms (86_400_000 for daily bars); without it freshness is not checked. */
      barPeriodMs: z.number().positive().optional(),
      /** The last bar may close at most this many bar periods before `now`. */
      maxStaleBars: z.number().positive().default(3),
    })
    .prefault({}),
});

export type QualityConfigInput = z.input<typeof QualityConfigSchema>;
export type QualityConfig = z.output<typeof QualityConfigSchema>;

/** The defaults, fully spelled out. */
export const DEFAULT_QUALITY_CONFIG: QualityConfig = QualityConfigSchema.parse({});

/** Validates a partial config and fills in the defaults; throws a ZodError naming the bad field. */
export function resolveQualityConfig(input: QualityConfigInput = {}): QualityConfig {
  return QualityConfigSchema.parse(input);
}
