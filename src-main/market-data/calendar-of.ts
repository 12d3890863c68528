import type { CalendarId } from '../../src-shared/calendar/index.ts';
import type { Instrument } from '../../src-shared/domain/instrument.ts';

/**
 * The market calendar a series is judged by (gaps, backfill ranges). Crypto trades around the clock;
 * listings carry their market in the venue or a Yahoo-style suffix (`.L` London, `.IS` Istanbul);
 * other stocks are US listings, judged by the NYSE calendar (NASDAQ keeps the same days and hours).
 */
export function calendarIdOf(instrument: Pick<Instrument, 'assetClass' | 'symbol' | 'venue'>): CalendarId {
  // Forex and futures trade nearly around the clock; without their own calendars they are judged
  // as continuous, so a night is never skipped (weekends then show as gaps).
  if (instrument.assetClass === 'crypto' || instrument.assetClass === 'forex' || instrument.assetClass === 'future') return 'CRYPTO';
  const s = instrument.symbol.toUpperCase();
  if (s.endsWith('.L') || /LSE|XLON/i.test(instrument.venue)) return 'XLON';
  if (s.endsWith('.IS') || /BIST|XIST/i.test(instrument.venue)) return 'XIST';
  return 'XNYS';
}
