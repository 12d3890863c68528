import { getCalendar, type CalendarId, type MarketCalendar } from '../../src-shared/calendar/index.ts';
import type { ConnectionSettings } from '../../src-shared/domain/connection.ts';

/**
 * The market calendar a series is judged by (gaps, pauses). Crypto venues trade around the clock.
 * Yahoo symbols carry their market in a suffix (`.L` London, `.IS` Istanbul, `-USD` crypto); bare
 * symbols are US listings, judged by the NYSE calendar (NASDAQ keeps the same days and hours).
 */
export function calendarIdFor(settings: Pick<ConnectionSettings, 'kind'>, symbol: string): CalendarId {
  if (settings.kind === 'ccxt') return 'CRYPTO';
  const s = symbol.toUpperCase();
  if (s.endsWith('.L')) return 'XLON';
  if (s.endsWith('.IS')) return 'XIST';
  if (/-(USD|USDT|EUR|BTC)$/.test(s)) return 'CRYPTO';
  return 'XNYS';
}

export function calendarFor(settings: Pick<ConnectionSettings, 'kind'>, symbol: string): MarketCalendar {
  return getCalendar(calendarIdFor(settings, symbol));
}
