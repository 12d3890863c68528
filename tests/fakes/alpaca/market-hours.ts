/**
 * US equity market hours for the fake: 09:30–16:00 America/New_York on weekdays (no holidays),
 * with the zone's offset (EST/EDT) taken from Intl, so DST changes fall where they really do.
 * Crypto trades around the clock and uses UTC.
 */
export const NEW_YORK = 'America/New_York';
export type Zone = typeof NEW_YORK | 'UTC';

const DAY_MS = 86_400_000;

export interface ZoneParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
}

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: NEW_YORK, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** The wall-clock fields of instant `ms` in `zone`. */
export function zoneParts(ms: number, zone: Zone): ZoneParts {
  if (zone === 'UTC') {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
      hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay(),
    };
  }
  const p: Record<string, number> = {};
  for (const part of formatter.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second, weekday };
}

/** How far `zone`'s wall clock is ahead of UTC at instant `ms` (negative west of Greenwich). */
export function zoneOffsetMs(ms: number, zone: Zone): number {
  if (zone === 'UTC') return 0;
  const p = zoneParts(ms, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant at which `zone`'s wall clock reads y-m-d hh:mm (month 1-based; day may overflow). */
export function zonedTime(zone: Zone, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (zone === 'UTC') return wall;
  const first = wall - zoneOffsetMs(wall, zone);
  // Near a DST change the offset at the guess differs from the one at the answer: correct once.
  const second = wall - zoneOffsetMs(first, zone);
  return second;
}

export interface Session {
  readonly open: number;
  readonly close: number;
}

const sessions = new Map<number, Session | null>();

/**
 * The regular session on the New York date that has the same y-m-d as UTC day `utcDay`: the whole
 * session (13:30–21:00Z in summer, 14:30–21:00Z in winter) lies inside that UTC day.
 */
export function sessionOfUtcDay(utcDay: number): Session | null {
  const cached = sessions.get(utcDay);
  if (cached !== undefined) return cached;
  const date = new Date(utcDay * DAY_MS);
  const weekday = date.getUTCDay();
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  const session = weekday === 0 || weekday === 6 ? null : { open: zonedTime(NEW_YORK, y, m, d, 9, 30), close: zonedTime(NEW_YORK, y, m, d, 16, 0) };
  sessions.set(utcDay, session);
  return session;
}

/** Whether the stock market is open at `ms`. */
export function inSession(ms: number): boolean {
  const s = sessionOfUtcDay(Math.floor(ms / DAY_MS));
  return s !== null && ms >= s.open && ms < s.close;
}

/** `ms` itself when the market is open then, else the next session's open. */
export function sessionAtOrAfter(ms: number): number {
  for (let day = Math.floor(ms / DAY_MS); ; day++) {
    const s = sessionOfUtcDay(day);
    if (s && ms < s.close) return Math.max(ms, s.open);
  }
}

/** `ms` itself when the market is open then, else the last instant of the previous session. */
export function sessionAtOrBefore(ms: number): number {
  for (let day = Math.floor(ms / DAY_MS); ; day--) {
    const s = sessionOfUtcDay(day);
    if (s && ms >= s.open) return Math.min(ms, s.close - 1);
  }
}

/** The first session that opens strictly after `ms`. */
export function nextSessionAfter(ms: number): Session {
  for (let day = Math.floor(ms / DAY_MS); ; day++) {
    const s = sessionOfUtcDay(day);
    if (s && s.open > ms) return s;
  }
}

/** `2024-03-13T10:00:00-04:00` (and `.123456789` when `nanos` is given): how Alpaca's clock reports times. */
export function formatZoned(ms: number, zone: Zone, nanos?: number): string {
  const offset = zoneOffsetMs(ms, zone);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset).toISOString().slice(0, 19);
  const fraction = nanos === undefined ? '' : `.${String(nanos).padStart(9, '0')}`;
  if (offset === 0 && zone === 'UTC') return `${wall}${fraction}Z`;
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  return `${wall}${fraction}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * RFC 3339 in UTC as Go's `RFC3339Nano` prints it (Alpaca's format): nanoseconds with trailing zeros
 * trimmed, no fraction at all on a whole second.
 */
export function rfc3339Nano(epochSeconds: number, nanos: number): string {
  const base = new Date(epochSeconds * 1000).toISOString().slice(0, 19);
  if (nanos === 0) return `${base}Z`;
  return `${base}.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
}

/** `YYYY-MM-DD` of the New York date of `ms`. */
export function newYorkDate(ms: number): string {
  const p = zoneParts(ms, NEW_YORK);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
