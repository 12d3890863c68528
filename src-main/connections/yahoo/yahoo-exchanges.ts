import { getCalendar, type CalendarId, type MarketCalendar } from '../../../src-shared/calendar/index.ts';
import type { YahooChartMeta } from './yahoo.schema.ts';

/**
 * Yahoo's exchange codes (chart meta `exchangeName`) for the markets Candlewick has calendars of.
 * NMS/NGM/NCM are Nasdaq's Global Select, Global and Capital markets; NYQ is the NYSE, PCX NYSE Arca,
 * ASE NYSE American; CCC is Yahoo's crypto feed (CoinMarketCap) and CCY its currency pairs, both
 * quoted around the clock.
 */
const EXCHANGE_CALENDARS: Readonly<Record<string, CalendarId>> = {
  NMS: 'XNAS',
  NGM: 'XNAS',
  NCM: 'XNAS',
  NYQ: 'XNYS',
  PCX: 'XNYS',
  ASE: 'XNYS',
  LSE: 'XLON',
  IST: 'XIST',
  CCC: 'CRYPTO',
  CCY: 'CRYPTO',
};

export type CalendarChoice =
  | { readonly calendar: MarketCalendar; readonly reason?: undefined }
  | { readonly calendar: null; readonly reason: string };

/**
 * The calendar a symbol's market keeps, from its chart meta; or null with the reason, in which case
 * the symbol is polled around the clock. The exchange's time zone must agree with the calendar's,
 * so a code Yahoo reuses for another market is not trusted blindly (crypto and currencies are
 * quoted in any zone: their calendar has no hours).
 */
export function calendarForMeta(meta: Pick<YahooChartMeta, 'symbol' | 'exchangeName' | 'exchangeTimezoneName'>): CalendarChoice {
  const id = EXCHANGE_CALENDARS[meta.exchangeName];
  if (id === undefined) {
    return { calendar: null, reason: `Yahoo lists ${meta.symbol} on exchange "${meta.exchangeName}" (${meta.exchangeTimezoneName}), which has no market calendar here: polling it around the clock` };
  }
  const calendar = getCalendar(id);
  if (!calendar.continuous && calendar.timeZone !== meta.exchangeTimezoneName) {
    return {
      calendar: null,
      reason: `Yahoo lists ${meta.symbol} on "${meta.exchangeName}" but in ${meta.exchangeTimezoneName}, not ${calendar.timeZone} as ${calendar.name}: polling it around the clock`,
    };
  }
  return { calendar };
}
