import { DAY_MS, getCalendar, utcOffsetMinutes, type CalendarId } from '../../../src-shared/calendar/index.ts';

/** One regular session: the exchange-local date and its UTC open and close (close exclusive). */
export interface FakeSession {
  readonly day: string;
  readonly open: number;
  readonly close: number;
}

/** A symbol the fake knows: what its chart meta and search hit say, and when it trades. */
export interface FakeSymbol {
  readonly symbol: string;
  readonly shortName: string;
  readonly longName: string;
  /** Yahoo's exchange code and display name. */
  readonly exchangeName: string;
  readonly fullExchangeName: string;
  readonly instrumentType: 'EQUITY' | 'CRYPTOCURRENCY';
  readonly currency: string;
  readonly timeZone: string;
  /** Level the generated prices move around. */
  readonly basePrice: number;
  /** Real daily bars, a file in the test data folder (see fake-daily.ts). */
  readonly csvFile?: string;
  /** Where generated history starts (UTC midnight). */
  readonly firstTradeDate: number;
  /** Yahoo's pre-market and after-hours lengths in minutes (US listings); 0 elsewhere. */
  readonly extendedMinutes: { readonly pre: number; readonly post: number };
  /** Regular sessions overlapping [from, to). */
  sessionsBetween(from: number, to: number): FakeSession[];
  /** The exchange's UTC offset in minutes on the local date that starts at `dayMs` (UTC midnight). */
  offsetMinutes(dayMs: number): number;
  /** The zone's abbreviation at that offset, as Yahoo's meta `timezone` gives it. */
  zoneAbbreviation(offsetMinutes: number): string;
}

function onCalendar(id: CalendarId): Pick<FakeSymbol, 'sessionsBetween' | 'offsetMinutes' | 'timeZone'> {
  const calendar = getCalendar(id);
  return {
    timeZone: calendar.timeZone,
    sessionsBetween: (from, to) => calendar.sessionsBetween(from, to),
    offsetMinutes: (dayMs) => utcOffsetMinutes(calendar.timeZone, Math.floor(dayMs / DAY_MS), new Date(dayMs).getUTCFullYear()),
  };
}

/**
 * The Tokyo Stock Exchange, for a market Candlewick has no calendar of: 09:00–15:00 JST (UTC+9,
 * no daylight saving) on weekdays. Holidays and the lunch break are left out; the fake needs only a
 * plausible market the source must poll around the clock.
 */
const tokyo: Pick<FakeSymbol, 'sessionsBetween' | 'offsetMinutes' | 'timeZone'> = {
  timeZone: 'Asia/Tokyo',
  offsetMinutes: () => 540,
  sessionsBetween(from, to) {
    const out: FakeSession[] = [];
    for (let day = Math.floor(from / DAY_MS) - 1; day * DAY_MS < to; day++) {
      const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
      if (weekday === 0 || weekday === 6) continue;
      const open = day * DAY_MS; // 09:00 JST is 00:00 UTC
      const close = open + 6 * 3_600_000;
      if (close > from && open < to) out.push({ day: new Date(open).toISOString().slice(0, 10), open, close });
    }
    return out;
  },
};

const us = (offset: number): string => (offset === -240 ? 'EDT' : 'EST');
const usExtended = { pre: 330, post: 240 };
const none = { pre: 0, post: 0 };

export const FAKE_SYMBOLS: readonly FakeSymbol[] = [
  { symbol: 'ORCL', shortName: 'Oracle Corporation', longName: 'Oracle Corporation', exchangeName: 'NYQ', fullExchangeName: 'NYSE', instrumentType: 'EQUITY', currency: 'USD', basePrice: 40, csvFile: 'orcl-1995-2014.csv', firstTradeDate: Date.UTC(1995, 0, 3), extendedMinutes: usExtended, zoneAbbreviation: us, ...onCalendar('XNYS') },
  { symbol: 'NVDA', shortName: 'NVIDIA Corporation', longName: 'NVIDIA Corporation', exchangeName: 'NMS', fullExchangeName: 'NasdaqGS', instrumentType: 'EQUITY', currency: 'USD', basePrice: 25, csvFile: 'nvda-1999-2014.csv', firstTradeDate: Date.UTC(1999, 0, 22), extendedMinutes: usExtended, zoneAbbreviation: us, ...onCalendar('XNAS') },
  { symbol: 'YHOO', shortName: 'Yahoo! Inc.', longName: 'Yahoo! Inc.', exchangeName: 'NMS', fullExchangeName: 'NasdaqGS', instrumentType: 'EQUITY', currency: 'USD', basePrice: 35, csvFile: 'yhoo-1996-2014.csv', firstTradeDate: Date.UTC(1996, 3, 12), extendedMinutes: usExtended, zoneAbbreviation: us, ...onCalendar('XNAS') },
  { symbol: 'BTC-USD', shortName: 'Bitcoin USD', longName: 'Bitcoin USD', exchangeName: 'CCC', fullExchangeName: 'CCC', instrumentType: 'CRYPTOCURRENCY', currency: 'USD', basePrice: 30_000, firstTradeDate: Date.UTC(2014, 8, 17), extendedMinutes: none, zoneAbbreviation: () => 'UTC', ...onCalendar('CRYPTO') },
  { symbol: 'VOD.L', shortName: 'VODAFONE GROUP PLC', longName: 'Vodafone Group Public Limited Company', exchangeName: 'LSE', fullExchangeName: 'LSE', instrumentType: 'EQUITY', currency: 'GBp', basePrice: 110, firstTradeDate: Date.UTC(2000, 0, 4), extendedMinutes: none, zoneAbbreviation: (o) => (o === 60 ? 'BST' : 'GMT'), ...onCalendar('XLON') },
  { symbol: 'THYAO.IS', shortName: 'TURK HAVA YOLLARI', longName: 'Türk Hava Yollari Anonim Ortakligi', exchangeName: 'IST', fullExchangeName: 'Istanbul', instrumentType: 'EQUITY', currency: 'TRY', basePrice: 150, firstTradeDate: Date.UTC(2000, 0, 4), extendedMinutes: none, zoneAbbreviation: () => '+03', ...onCalendar('XIST') },
  { symbol: '7203.T', shortName: 'TOYOTA MOTOR CORP', longName: 'Toyota Motor Corporation', exchangeName: 'JPX', fullExchangeName: 'Tokyo', instrumentType: 'EQUITY', currency: 'JPY', basePrice: 2_000, firstTradeDate: Date.UTC(2000, 0, 4), extendedMinutes: none, zoneAbbreviation: () => 'JST', ...tokyo },
];

export function findFakeSymbol(symbol: string): FakeSymbol | undefined {
  const wanted = symbol.toUpperCase();
  return FAKE_SYMBOLS.find((s) => s.symbol === wanted);
}

/** UTC instant of local midnight starting a local date (`dayMs`: that date's UTC midnight). */
export function localMidnight(symbol: FakeSymbol, dayMs: number): number {
  return dayMs - symbol.offsetMinutes(dayMs) * 60_000;
}
