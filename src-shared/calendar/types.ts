import { z } from 'zod';
import type { DayKey } from './civil-date.ts';
import type { TimeZoneId } from './time-zone.ts';

/** ISO 10383 market identifier codes, and CRYPTO for venues that never close. */
export const CALENDAR_IDS = ['XNYS', 'XNAS', 'XLON', 'XIST', 'CRYPTO'] as const;
export type CalendarId = (typeof CALENDAR_IDS)[number];
export const CalendarIdSchema = z.enum(CALENDAR_IDS);

/** One regular trading session, in UTC epoch ms; `close` is exclusive. */
export interface Session {
  /** The exchange-local date of the session. */
  readonly day: DayKey;
  readonly open: number;
  readonly close: number;
  /** A scheduled early close (half day). */
  readonly early: boolean;
  /**
   * The day lies outside the range whose holidays this calendar knows (see `holidayCoverage`):
   * it may in truth be a holiday, so a missing bar on it is not a certain gap.
   */
  readonly provisional: boolean;
}

/** First and last year (inclusive) whose holidays are known; `to: null` means rule-based with no end. */
export interface HolidayCoverage {
  readonly from: number;
  readonly to: number | null;
}

/**
 * Regular trading hours and holidays of one market. Pure: no clock, no I/O; every answer is a
 * function of the arguments. Days are `YYYY-MM-DD` or epoch ms read as a UTC date (see toDayNumber).
 */
export interface MarketCalendar {
  readonly id: CalendarId;
  readonly name: string;
  readonly timeZone: TimeZoneId;
  readonly holidayCoverage: HolidayCoverage;
  /** True for 24/7 markets: always open, `nextClose` is null. */
  readonly continuous: boolean;
  /** The regular session on a local date, or null when the market is closed all day. */
  sessionOn(day: number | DayKey): Session | null;
  /** Why the market is closed on a date ('Good Friday', 'weekend'), or null when it trades. */
  closedReason(day: number | DayKey): string | null;
  /** Whether this calendar's holiday data covers a date (false: answers there are provisional). */
  holidaysKnown(day: number | DayKey): boolean;
  /** Whether the market is in a regular session at an instant. */
  isOpen(ms: number): boolean;
  /** `ms` itself if open, else the next session's open; null if none within a year. */
  nextOpen(ms: number): number | null;
  /** Close of the session holding `ms`, else of the next session; null for 24/7 markets. */
  nextClose(ms: number): number | null;
  /** Sessions that overlap [fromMs, toMs), in order. */
  sessionsBetween(fromMs: number, toMs: number): Session[];
}

/** What a market's rules say about one local date; the generic calendar turns it into times. */
export type DayStatus =
  | { readonly kind: 'closed'; readonly reason: string }
  | { readonly kind: 'open'; readonly openMin: number; readonly closeMin: number; readonly early: boolean };

/** The per-market part: hours and holiday rules for a local date (a day number). */
export interface MarketRules {
  readonly id: CalendarId;
  readonly name: string;
  readonly timeZone: TimeZoneId;
  readonly holidayCoverage: HolidayCoverage;
  readonly continuous?: boolean;
  dayStatus(day: number): DayStatus;
}
