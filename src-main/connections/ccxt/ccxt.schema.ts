import { z } from 'zod';

/**
 * The shapes Candlewick reads from ccxt's unified structures, checked at the edge: a venue (or a
 * ccxt parser fed a strange payload) that yields NaN prices or string times is caught here, not in a chart.
 */
const epochMs = z.number().int().min(0).max(8.64e15);
const finite = z.number().finite();

export const CcxtMarketSchema = z.object({
  symbol: z.string().min(1),
  base: z.string().min(1),
  quote: z.string().min(1),
  // ccxt leaves `active` undefined where a venue does not say; such a market is listed, so active.
  active: z.boolean().nullish(),
  type: z.string().min(1),
});

/** `[time, open, high, low, close, volume]` (ccxt may append more, which is ignored). */
export const CcxtOhlcvSchema = z
  .tuple([epochMs, finite.positive(), finite.positive(), finite.positive(), finite.positive(), finite.nonnegative()])
  .rest(z.unknown());

export const CcxtTradeSchema = z.object({
  timestamp: epochMs,
  price: finite.positive(),
  amount: finite.nonnegative(),
});

/** The first problem zod found, readable: `[3][2]: expected number, received string`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${where || 'value'}: ${issue.message}`;
}
