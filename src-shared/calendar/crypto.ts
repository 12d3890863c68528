import type { DayStatus, MarketRules } from './types.ts';

const ALWAYS_OPEN: DayStatus = { kind: 'open', openMin: 0, closeMin: 24 * 60, early: false };

/**
 * Crypto venues trade around the clock. Each UTC day counts as one session (00:00–24:00 UTC),
 * which is also how exchanges stamp daily crypto candles.
 */
export const CRYPTO_RULES: MarketRules = {
  id: 'CRYPTO',
  name: 'Crypto (24/7)',
  timeZone: 'UTC',
  holidayCoverage: { from: 1970, to: null },
  continuous: true,
  dayStatus: () => ALWAYS_OPEN,
};
